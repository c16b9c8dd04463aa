// The sold-out memo (sold-out-memo.ts) through runRedeem with the real objects and Turso: once the stock object
// answered SOLD_OUT, a new key is refused with no Turso read and no stock call (both made to throw here) and
// its refusal is recorded by the wallet; every key keeps its first answer (a committed key replays its order,
// a key refused for points stays so); a lapsed memo or a restock in this isolate asks the stock object again;
// the invariants hold.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { stockFor } from "../stock/stock-stub";
import { redeem, redeemDeps, runRedeem, type RedeemDeps } from "./redeem";
import {
  forgetSoldOut,
  knownSoldOut,
  PROBE_MS,
  rememberSoldOut,
  SOLD_OUT_MEMO_MS,
  SOLD_OUT_STALE_MS,
  unitsMayBeBack,
} from "./sold-out-memo";
import { createItem, db, expectInvariants, memberWith, newKey, settleAll } from "./test-support";
import type { RedeemInput } from "./types";

const input = (over: Partial<RedeemInput> & Pick<RedeemInput, "uid" | "itemId">): RedeemInput => ({
  qty: 1,
  key: newKey(),
  address: null,
  now: Date.now(),
  ...over,
});

/** Deps whose stock object and Turso handle fail if touched: only the wallet may be asked. */
function walletOnly(): { deps: RedeemDeps; db: Db } {
  const real = redeemDeps(env);
  const deps: RedeemDeps = {
    wallet: real.wallet,
    stock: () => {
      throw new Error("the stock object was asked");
    },
  };
  const noTurso = new Proxy({} as Db, {
    get() {
      throw new Error("Turso was asked");
    },
  });
  return { deps, db: noTurso };
}

describe("sold-out memo", () => {
  it("refuses a new key at the edge once sold out; every key keeps its first answer", async () => {
    const { itemId } = await createItem({ stock: 1, points: 100 });
    const winner = await memberWith(500);
    const poor = await memberWith(50);
    const late = await memberWith(500);
    const now = Date.now();

    // a key refused for want of points before the item sold out
    const poorKey = newKey();
    expect(await redeem(env, db(), input({ uid: poor, itemId, key: poorKey, now }))).toMatchObject({
      ok: false,
      code: "INSUFFICIENT_POINTS",
    });
    const winKey = newKey();
    const won = await redeem(env, db(), input({ uid: winner, itemId, key: winKey, now }));
    expect(won.ok).toBe(true);
    expect(knownSoldOut(itemId, 1, now)).toBe(false);
    // the stock object says SOLD_OUT: remembered
    expect(await redeem(env, db(), input({ uid: late, itemId, now }))).toMatchObject({ ok: false, code: "SOLD_OUT" });
    expect(knownSoldOut(itemId, 1, now + 1)).toBe(true);

    // a new key now: SOLD_OUT with neither Turso nor the stock object asked
    const edge = walletOnly();
    const lateKey = newKey();
    expect(await runRedeem(edge.deps, edge.db, input({ uid: late, itemId, key: lateKey, now: now + 2 }))).toEqual({
      ok: false,
      code: "SOLD_OUT",
    });
    // the points refusal stays the key's answer, at the edge too
    expect(await runRedeem(edge.deps, edge.db, input({ uid: poor, itemId, key: poorKey, now: now + 3 }))).toEqual({
      ok: false,
      code: "INSUFFICIENT_POINTS",
    });
    // the winner's double tap during the memo: its order, not SOLD_OUT
    const replay = await redeem(env, db(), input({ uid: winner, itemId, key: winKey, now: now + 4 }));
    expect(replay).toMatchObject({ ok: true, order: { key: winKey } });
    if (won.ok && replay.ok) expect(replay.order.id).toBe(won.order.id);

    // after the memo lapses, through the full path: the edge's refusal was recorded as the key's decision
    const lapsed = Date.now() + SOLD_OUT_MEMO_MS + SOLD_OUT_STALE_MS + 10;
    expect(knownSoldOut(itemId, 1, lapsed)).toBe(false);
    expect(await redeem(env, db(), input({ uid: late, itemId, key: lateKey, now: lapsed }))).toMatchObject({
      ok: false,
      code: "SOLD_OUT",
    });
    await settleAll([itemId], [winner, poor, late], lapsed);
    await expectInvariants([itemId], [winner, poor, late], lapsed);
  });

  it("remembers how many units were left: a smaller request still asks the stock object", async () => {
    const { itemId } = await createItem({ stock: 2, points: 10 });
    const uid = await memberWith(1000);
    const now = Date.now();
    expect(await redeem(env, db(), input({ uid, itemId, qty: 3, now }))).toMatchObject({
      ok: false,
      code: "SOLD_OUT",
    });
    expect(knownSoldOut(itemId, 3, now + 1)).toBe(true);
    expect(knownSoldOut(itemId, 2, now + 1)).toBe(false);
    expect((await redeem(env, db(), input({ uid, itemId, qty: 2, now: now + 1 }))).ok).toBe(true);
    await settleAll([itemId], [uid], now + 1);
    await expectInvariants([itemId], [uid], now + 1);
  });

  it("a restock through the API in this isolate forgets the memo at once", async () => {
    const { itemId } = await createItem({ stock: 1, points: 10 });
    const a = await memberWith(100);
    const b = await memberWith(100);
    const now = Date.now();
    expect((await redeem(env, db(), input({ uid: a, itemId, now }))).ok).toBe(true);
    expect(await redeem(env, db(), input({ uid: b, itemId, now }))).toMatchObject({ ok: false, code: "SOLD_OUT" });
    expect(knownSoldOut(itemId, 1, Date.now())).toBe(true);
    const res = await fetchApi(`/api/v1/items/${itemId}/stock`, { ref: newKey(), delta: 1 });
    expect(res.status).toBe(200);
    expect(knownSoldOut(itemId, 1, Date.now())).toBe(false);
    expect((await redeem(env, db(), input({ uid: b, itemId, now: Date.now() }))).ok).toBe(true);
    forgetSoldOut(itemId);
    const settled = Date.now();
    await settleAll([itemId], [a, b], settled);
    await expectInvariants([itemId], [a, b], settled);
    expect((await stockFor(env, itemId).audit()).sold).toBe(2);
  });
});

describe("sold-out memo: stale while one request probes", () => {
  // Plain memo arithmetic on an item id no test creates (the memo is per isolate, keyed by item id).
  const item = 900_000_001;
  const k = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

  it("past the memo, one key probes and every other is still refused, for at most SOLD_OUT_STALE_MS", () => {
    const t = 1_000_000;
    rememberSoldOut(item, 0, t);
    expect(knownSoldOut(item, 1, t + SOLD_OUT_MEMO_MS - 1, k(1))).toBe(true); // fresh: refused whatever the key
    const stale = t + SOLD_OUT_MEMO_MS;
    expect(knownSoldOut(item, 1, stale)).toBe(true); // a first look without the key: decided with it
    expect(knownSoldOut(item, 1, stale, k(1))).toBe(false); // the probe
    expect(knownSoldOut(item, 1, stale, k(2))).toBe(true); // the rest: still refused
    expect(knownSoldOut(item, 1, stale + 1, k(1))).toBe(false); // the probe again further on its way (redeem.ts)
    expect(knownSoldOut(item, 1, stale + PROBE_MS - 1, k(3))).toBe(true);
    // a probe with no answer in PROBE_MS is given up on: the next key probes
    expect(knownSoldOut(item, 1, stale + PROBE_MS, k(3))).toBe(false);
    expect(knownSoldOut(item, 1, stale + PROBE_MS, k(1))).toBe(true); // the old probe is now refused
    // the stale window is bounded: past it nobody is refused and the memo is gone
    const gone = t + SOLD_OUT_MEMO_MS + SOLD_OUT_STALE_MS;
    expect(knownSoldOut(item, 1, gone, k(4))).toBe(false);
    expect(knownSoldOut(item, 1, gone, k(5))).toBe(false);
    expect(knownSoldOut(item, 1, gone - 1, k(6))).toBe(false); // gone, not stale again
  });

  it("the probe's SOLD_OUT renews the memo; a request within what was left is never refused", () => {
    const t = 2_000_000;
    rememberSoldOut(item, 2, t);
    const stale = t + SOLD_OUT_MEMO_MS + 1;
    expect(knownSoldOut(item, 2, stale, k(1))).toBe(false); // 2 units may be there: not refused, not a probe
    expect(knownSoldOut(item, 3, stale, k(2))).toBe(false); // the probe
    expect(knownSoldOut(item, 3, stale, k(3))).toBe(true);
    rememberSoldOut(item, 2, stale + 5); // its answer: still sold out for 3
    expect(knownSoldOut(item, 3, stale + 5, k(2))).toBe(true); // fresh again: the old probe's key is refused too
    expect(knownSoldOut(item, 3, stale + 5 + SOLD_OUT_MEMO_MS, k(4))).toBe(false); // the next probe
    forgetSoldOut(item);
    expect(knownSoldOut(item, 3, stale + 6, k(5))).toBe(false);
  });

  it("a unit that may be back in this isolate: the next key probes at once, the rest are refused, the end stays", () => {
    const t = 1_000_000;
    rememberSoldOut(item, 0, t);
    unitsMayBeBack(item, t + 100); // fresh until t + SOLD_OUT_MEMO_MS: now stale
    expect(knownSoldOut(item, 1, t + 100)).toBe(true); // a first look without the key
    expect(knownSoldOut(item, 1, t + 100, k(1))).toBe(false); // the probe
    expect(knownSoldOut(item, 1, t + 100, k(2))).toBe(true); // the rest
    unitsMayBeBack(item, t + 200); // the probe got a hold: the next key probes at once
    expect(knownSoldOut(item, 1, t + 200, k(3))).toBe(false);
    expect(knownSoldOut(item, 1, t + 200, k(4))).toBe(true);
    // the memo's end is not moved by it: gone SOLD_OUT_STALE_MS after it turned stale the first time
    unitsMayBeBack(item, t + 300);
    expect(knownSoldOut(item, 1, t + 100 + SOLD_OUT_STALE_MS - 1, k(5))).toBe(false); // probes (none in flight)
    expect(knownSoldOut(item, 1, t + 100 + SOLD_OUT_STALE_MS - 1, k(6))).toBe(true);
    expect(knownSoldOut(item, 1, t + 100 + SOLD_OUT_STALE_MS, k(7))).toBe(false);
    expect(knownSoldOut(item, 1, t + 100 + SOLD_OUT_STALE_MS, k(8))).toBe(false); // gone: everyone asks
    unitsMayBeBack(item, t + 5_000); // nothing remembered: nothing to do
    expect(knownSoldOut(item, 1, t + 5_000, k(9))).toBe(false);
  });

  it("through runRedeem: a stale memo's probe reaches the stock object and its hold lets the next key probe", async () => {
    const { itemId } = await createItem({ stock: 1, points: 10 });
    const [a, b, c] = await Promise.all([memberWith(100), memberWith(100), memberWith(100)]);
    const t = Date.now();
    // The memo as another request left it a second ago (0 units), while a unit is in fact there (it came back).
    rememberSoldOut(itemId, 0, t - SOLD_OUT_MEMO_MS);
    // the probe (a's key) is let through to the stock object and gets the unit
    const probeKey = newKey();
    expect(knownSoldOut(itemId, 1, t, probeKey)).toBe(false);
    const other = walletOnly();
    // while the probe is in flight, another key is refused from the stale memo with only the wallet asked
    const bKey = newKey();
    expect(await runRedeem(other.deps, other.db, input({ uid: b, itemId, key: bKey, now: t }))).toEqual({
      ok: false,
      code: "SOLD_OUT",
    });
    const won = await redeem(env, db(), input({ uid: a, itemId, key: probeKey, now: t }));
    expect(won.ok).toBe(true);
    // its hold left the memo stale with no probe in flight: the next key probes the stock object (which now
    // says SOLD_OUT, and remembers it dated from that answer, not from the request's start); the others are
    // still refused meanwhile
    const cKey = newKey();
    expect(knownSoldOut(itemId, 1, t + 1, cKey)).toBe(false);
    expect(knownSoldOut(itemId, 1, t + 1, newKey())).toBe(true);
    const late = t - 5_000; // a request that started long ago (it waited in a queue)
    expect(await redeem(env, db(), input({ uid: c, itemId, key: cKey, now: late }))).toMatchObject({
      ok: false,
      code: "SOLD_OUT",
    });
    expect(knownSoldOut(itemId, 1, Date.now(), newKey())).toBe(true);
    // b's key keeps its SOLD_OUT (the wallet recorded it), even through the full path
    forgetSoldOut(itemId);
    expect(await redeem(env, db(), input({ uid: b, itemId, key: bKey, now: Date.now() }))).toMatchObject({
      ok: false,
      code: "SOLD_OUT",
    });
    const settled = Date.now();
    await settleAll([itemId], [a, b, c], settled);
    await expectInvariants([itemId], [a, b, c], settled);
  });
});

async function fetchApi(path: string, body: unknown): Promise<Response> {
  const { SELF } = await import("cloudflare:test");
  return SELF.fetch(`http://mall.test${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${env.MERCHANT_API_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}
