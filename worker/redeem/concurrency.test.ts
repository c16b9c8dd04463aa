// Hundreds of concurrent redemptions of a scarce item, every key submitted twice: members with plenty of
// points (some trying more than the per-member limit), with too few, and with enough for one unit only.
// Every answer is a success or the right refusal, twins get the same answer, and the invariants hold.
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stockFor } from "../stock/stock-stub";
import { walletFor } from "../wallet/wallet-stub";
import { redeem } from "./redeem";
import { createItem, db, expectInvariants, mallRules, memberWith, newKey, settleAll } from "./test-support";
import type { RedeemResult } from "./types";

type Kind = "rich" | "poor" | "medium";
type Call = { uid: string; kind: Kind; key: string };

const PRICE = 100;
const STOCK = 20;
const LIMIT = 2;

async function burst(opts: { type: "virtual" | "coupon"; codes?: string[]; stock?: number; seed: number }) {
  const { itemId, rules } = await createItem({
    type: opts.type,
    points: PRICE,
    stock: opts.stock ?? STOCK,
    perMemberLimit: LIMIT,
  });
  const stock = stockFor(env, itemId);
  if (opts.codes) await stock.addCodes({ codes: opts.codes, now: Date.now(), rules });
  const people: { uid: string; kind: Kind; points: number; keys: number }[] = [];
  for (let i = 0; i < 30; i++)
    people.push({ uid: await memberWith(10_000, "rich"), kind: "rich", points: 10_000, keys: 3 });
  for (let i = 0; i < 20; i++) people.push({ uid: await memberWith(50, "poor"), kind: "poor", points: 50, keys: 2 });
  for (let i = 0; i < 10; i++)
    people.push({ uid: await memberWith(150, "medium"), kind: "medium", points: 150, keys: 2 });
  const calls: Call[] = [];
  for (const p of people) {
    for (let k = 0; k < p.keys; k++) {
      const key = newKey();
      calls.push({ uid: p.uid, kind: p.kind, key }, { uid: p.uid, kind: p.kind, key }); // every key twice
    }
  }
  // A shuffled order of arrival (reproducible).
  const order = fc.sample(fc.shuffledSubarray(calls, { minLength: calls.length }), { numRuns: 1, seed: opts.seed })[0]!;
  const now = Date.now();
  const started = performance.now();
  const results = await Promise.all(
    order.map((c) =>
      redeem(env, db(), { uid: c.uid, itemId: itemId, qty: 1, key: c.key, address: null, now }).then((r) => ({ c, r })),
    ),
  );
  const ms = performance.now() - started;
  return { itemId, rules, stock, people, results, now, ms, calls: order.length };
}

function check(b: Awaited<ReturnType<typeof burst>>, capacity: number) {
  const byKey = new Map<string, RedeemResult[]>();
  for (const { c, r } of b.results) byKey.set(c.key, [...(byKey.get(c.key) ?? []), r]);
  // Twins: the same answer, to the letter.
  for (const [key, rs] of byKey) {
    expect(rs, key).toHaveLength(2);
    expect(rs[1], `twin of ${key}`).toEqual(rs[0]);
  }
  const codes = new Map<string, number>();
  const perMember = new Map<string, { ok: number; refusals: string[] }>();
  for (const [key, [r]] of byKey) {
    const c = b.results.find((x) => x.c.key === key)!.c;
    const m = perMember.get(c.uid) ?? { ok: 0, refusals: [] };
    if (r!.ok) {
      m.ok += 1;
      for (const code of r!.order.couponCodes) codes.set(code, (codes.get(code) ?? 0) + 1);
    } else {
      m.refusals.push(r!.code);
      const allowed =
        c.kind === "rich"
          ? ["SOLD_OUT", "LIMIT_REACHED"]
          : c.kind === "poor"
            ? ["INSUFFICIENT_POINTS"]
            : ["SOLD_OUT", "INSUFFICIENT_POINTS"];
      expect(allowed, `${c.kind} member refused ${r!.code}`).toContain(r!.code);
    }
    perMember.set(c.uid, m);
  }
  let sold = 0;
  for (const p of b.people) {
    const m = perMember.get(p.uid)!;
    sold += m.ok;
    if (p.kind === "poor") expect(m.ok).toBe(0);
    if (p.kind === "medium") expect(m.ok).toBeLessThanOrEqual(1);
    expect(m.ok).toBeLessThanOrEqual(LIMIT);
    // A rich member's holds all commit, so a LIMIT_REACHED means they ended with the limit.
    if (m.refusals.includes("LIMIT_REACHED")) expect(m.ok).toBe(LIMIT);
  }
  expect(sold).toBeLessThanOrEqual(capacity);
  // Refused for SOLD_OUT only when the units were really gone: at most the medium members' released holds
  // (one per medium member) can have come back after some rich member was told so.
  const soldOuts = [...perMember.values()].some((m) => m.refusals.includes("SOLD_OUT"));
  if (soldOuts) expect(sold).toBeGreaterThanOrEqual(capacity - 10);
  for (const [code, n] of codes) expect(n, `code ${code} given once`).toBe(1);
  return { sold, perMember, codes };
}

describe("a flash sale", () => {
  it("300 concurrent redemptions (every key twice) of 20 units: right answers, same answer for twins, invariants", {
    timeout: 120_000,
  }, async () => {
    const b = await burst({ type: "coupon", seed: 42 });
    const { sold, perMember, codes } = check(b, STOCK);
    const st = await b.stock.status({ rules: b.rules });
    expect(st.sold).toBe(sold);
    expect(st.available + st.held + st.sold).toBe(STOCK);
    expect(codes.size).toBe(sold);
    const uids = b.people.map((p) => p.uid);
    await settleAll([b.itemId], uids, b.now);
    await expectInvariants([b.itemId], uids, b.now);
    for (const p of b.people) {
      const balance = (await walletFor(env, p.uid).standing({ uid: p.uid, now: b.now, rules: await mallRules() }))
        .balance;
      expect(balance, p.kind).toBe(p.points - PRICE * perMember.get(p.uid)!.ok);
    }
    const counts = (kind: Kind) =>
      [...b.results]
        .filter((x) => x.c.kind === kind)
        .reduce<Record<string, number>>(
          (acc, { r }) => ((acc[r.ok ? "ok" : r.code] = (acc[r.ok ? "ok" : r.code] ?? 0) + 1), acc),
          {},
        );
    console.log(
      `flash sale: ${b.calls} calls in ${Math.round(b.ms)} ms; sold ${sold}/${STOCK}; rich ${JSON.stringify(counts("rich"))} medium ${JSON.stringify(counts("medium"))} poor ${JSON.stringify(counts("poor"))}`,
    );
  });

  it("with plenty of stock the per-member limit and the points decide: exactly the limit, exactly what one can pay", {
    timeout: 120_000,
  }, async () => {
    const b = await burst({ type: "virtual", stock: 500, seed: 3 });
    const { sold, perMember } = check(b, 500);
    for (const p of b.people) {
      const m = perMember.get(p.uid)!;
      if (p.kind === "rich") expect(m).toEqual({ ok: LIMIT, refusals: ["LIMIT_REACHED"] });
      if (p.kind === "medium") expect(m).toEqual({ ok: 1, refusals: ["INSUFFICIENT_POINTS"] });
      if (p.kind === "poor") expect(m).toEqual({ ok: 0, refusals: ["INSUFFICIENT_POINTS", "INSUFFICIENT_POINTS"] });
    }
    expect(sold).toBe(30 * LIMIT + 10);
    const uids = b.people.map((p) => p.uid);
    await settleAll([b.itemId], uids, b.now);
    await expectInvariants([b.itemId], uids, b.now);
    expect(await b.stock.status({ rules: b.rules })).toMatchObject({ available: 500 - sold, held: 0, sold });
  });

  it("a coupon item whose imported pool is smaller than its count sells only as many units as codes", {
    timeout: 120_000,
  }, async () => {
    const pool = Array.from({ length: 12 }, (_, i) => `POOL-${crypto.randomUUID().slice(0, 8)}-${i}`);
    const b = await burst({ type: "coupon", codes: pool, stock: 30, seed: 7 });
    const { sold, codes } = check(b, 12);
    expect([...codes.keys()].every((c) => pool.includes(c))).toBe(true);
    const st = await b.stock.status({ rules: b.rules });
    expect(st).toMatchObject({ sold, codesLeft: 12 - sold });
    const uids = b.people.map((p) => p.uid);
    await settleAll([b.itemId], uids, b.now);
    await expectInvariants([b.itemId], uids, b.now);
  });
});

describe("one key reused at once across items and members (issue 14)", () => {
  it("5 members × 4 items (qty 1 and 2, every call twice) with the same key: one order in all, every other answer KEY_REUSED", {
    timeout: 120_000,
  }, async () => {
    const items = await Promise.all(
      Array.from({ length: 4 }, (_, i) => createItem({ type: i % 2 ? "coupon" : "virtual", points: PRICE, stock: 5 })),
    );
    const uids = await Promise.all(Array.from({ length: 5 }, () => memberWith(1_000, "reuse")));
    const key = newKey();
    const now = Date.now();
    const calls = uids.flatMap((uid) =>
      items.flatMap(({ itemId }) =>
        [1, 2].flatMap((qty) => [
          { uid, itemId, qty },
          { uid, itemId, qty },
        ]),
      ),
    );
    const order = fc.sample(fc.shuffledSubarray(calls, { minLength: calls.length }), { numRuns: 1, seed: 11 })[0]!;
    const results = await Promise.all(
      order.map((c) => redeem(env, db(), { ...c, key, address: null, now }).then((r) => ({ c, r }))),
    );
    const oks = results.filter((x) => x.r.ok);
    expect(oks.length, "only the winning tuple's twins succeed").toBeGreaterThanOrEqual(1);
    expect(oks.length).toBeLessThanOrEqual(2);
    const winner = oks[0]!.c;
    for (const { c } of oks) expect(c).toEqual(winner);
    if (oks.length === 2) expect(oks[1]!.r).toEqual(oks[0]!.r);
    for (const { c, r } of results) {
      if (c.uid === winner.uid && c.itemId === winner.itemId && c.qty === winner.qty) continue;
      expect(r, JSON.stringify(c)).toMatchObject({ ok: false, code: "KEY_REUSED" });
    }
    await settleAll(
      items.map((i) => i.itemId),
      uids,
      now,
    );
    await expectInvariants(
      items.map((i) => i.itemId),
      uids,
      now,
    );
    const sold = (await Promise.all(items.map((i) => stockFor(env, i.itemId).audit()))).reduce((s, a) => s + a.sold, 0);
    expect(sold).toBe(winner.qty);
    for (const uid of uids) {
      const balance = (await walletFor(env, uid).standing({ uid, now, rules: await mallRules() })).balance;
      expect(balance).toBe(uid === winner.uid ? 1_000 - PRICE * winner.qty : 1_000);
    }
  });
});
