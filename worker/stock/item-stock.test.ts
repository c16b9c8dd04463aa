// The item stock object on its own: every operation idempotent on its key/ref, sold-out answered from memory
// with no storage write, per-member limits, sale windows, tiers, the coupon-code pool, the outbox, and the
// alarm's recovery of holds past their deadline.
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { createClient } from "@libsql/client/web";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { stockProjection, stockSales } from "../../db/schema";
import { createItem, db, mallRules, memberWith, newKey } from "../redeem/test-support";
import { walletFor } from "../wallet/wallet-stub";
import type { ItemStock } from "./item-stock";
import type { BatchClient } from "./outbox";
import { stockFor } from "./stock-stub";
import type { SaleRules } from "./types";
import { refusalText } from "../object-text";

const NOW = Date.now();
type Stub = DurableObjectStub<ItemStock>;
const raw = (itemId: number) => env.STOCK.getByName(String(itemId)) as Stub;

async function fresh(over: Parameters<typeof createItem>[0] = {}) {
  const { itemId, rules } = await createItem(over);
  return { itemId, rules, stock: stockFor(env, itemId) };
}

const reserveArgs = (
  rules: SaleRules,
  over: { key?: string; uid?: string; qty?: number; now?: number; memberTier?: string } = {},
) => ({
  key: over.key ?? newKey(),
  uid: over.uid ?? "m1",
  memberTier: over.memberTier ?? "standard",
  qty: over.qty ?? 1,
  now: over.now ?? NOW,
  rules,
});

describe("reserve / release / confirm", () => {
  it("holds until the deadline; the same key again answers the same and writes nothing", async () => {
    const { rules, stock } = await fresh({ stock: 5 });
    const key = newKey();
    const first = await stock.reserve(reserveArgs(rules, { key, qty: 2 }));
    expect(first).toEqual({ ok: true, state: "HELD", deadline: NOW + 30_000 });
    const writes = (await stock.audit()).writes;
    expect(await stock.reserve(reserveArgs(rules, { key, qty: 2, now: NOW + 5 }))).toEqual(first);
    expect((await stock.audit()).writes).toBe(writes);
    expect(await stock.status({ rules })).toMatchObject({ available: 3, held: 2, sold: 0 });
    expect((await stock.reserve({ ...reserveArgs(rules), holdMs: 5_000 })).ok && true).toBe(true);
  });

  it("release gives the units back once; a released key stays released; a sold key is not released", async () => {
    const { rules, stock } = await fresh({ stock: 3 });
    const key = newKey();
    await stock.reserve(reserveArgs(rules, { key }));
    expect(await stock.release({ key, uid: "m1", qty: 1, now: NOW })).toEqual({ ok: true, state: "RELEASED" });
    expect(await stock.release({ key, uid: "m1", qty: 1, now: NOW })).toEqual({ ok: true, state: "RELEASED" });
    expect(await stock.status({ rules })).toMatchObject({ available: 3, held: 0, sold: 0 });
    // The key's answer is final: reserving it again replays RELEASED, confirming it is refused.
    expect(await stock.reserve(reserveArgs(rules, { key }))).toMatchObject({ ok: true, state: "RELEASED" });
    expect(await stock.confirm({ key, uid: "m1", qty: 1, now: NOW })).toMatchObject({
      ok: false,
      code: "HOLD_EXPIRED",
    });
    expect(await stock.release({ key: "never-held", uid: "m1", qty: 1, now: NOW })).toMatchObject({
      ok: false,
      code: "HOLD_NOT_FOUND",
    });
    expect(await stock.confirm({ key: "never-held", uid: "m1", qty: 1, now: NOW })).toMatchObject({
      ok: false,
      code: "HOLD_NOT_FOUND",
    });

    const sold = newKey();
    await stock.reserve(reserveArgs(rules, { key: sold }));
    expect(await stock.confirm({ key: sold, uid: "m1", qty: 1, now: NOW })).toEqual({
      ok: true,
      state: "SOLD",
      couponCodes: [],
    });
    expect(await stock.release({ key: sold, uid: "m1", qty: 1, now: NOW })).toEqual({ ok: true, state: "SOLD" });
    expect(await stock.status({ rules })).toMatchObject({ available: 2, held: 0, sold: 1 });
  });

  it("confirm twice answers the same codes and sells once", async () => {
    const { rules, stock } = await fresh({ type: "coupon", stock: 4 });
    const key = newKey();
    await stock.reserve(reserveArgs(rules, { key, qty: 2 }));
    const a = await stock.confirm({ key, uid: "m1", qty: 2, now: NOW });
    const b = await stock.confirm({ key, uid: "m1", qty: 2, now: NOW + 1 });
    expect(a.ok && a.couponCodes).toHaveLength(2);
    expect(b).toEqual(a);
    expect(await stock.status({ rules })).toMatchObject({ available: 2, held: 0, sold: 2 });
    expect((await stock.audit()).codesGiven).toBe(2);
  });

  it("refuses a quantity that is not a positive integer", async () => {
    const { rules, stock } = await fresh();
    for (const qty of [0, -1, 1.5, Number.NaN]) {
      expect(await stock.reserve(reserveArgs(rules, { qty }))).toMatchObject({ ok: false, code: "INVALID_QUANTITY" });
    }
    expect(await stock.reserve(reserveArgs(rules, { qty: 11 }))).toMatchObject({ ok: false, code: "SOLD_OUT" });
  });
});

describe("sold out", () => {
  it("is answered from memory: no storage write, no version change, no growth", async () => {
    const { rules, stock, itemId } = await fresh({ stock: 3 });
    for (let i = 0; i < 3; i++) expect((await stock.reserve(reserveArgs(rules, { uid: `m${i}` }))).ok).toBe(true);
    const before = await stock.audit();
    const size = await runInDurableObject(raw(itemId), (_, state) => state.storage.sql.databaseSize);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => stock.reserve(reserveArgs(rules, { uid: `late${i}` }))),
    );
    for (const a of answers) expect(a).toMatchObject({ ok: false, code: "SOLD_OUT" });
    const after = await stock.audit();
    expect(after.writes).toBe(before.writes);
    expect(after.version).toBe(before.version);
    expect(await runInDurableObject(raw(itemId), (_, state) => state.storage.sql.databaseSize)).toBe(size);
    // Released units come back and can be held again (by a new key).
    const [h] = await stock.holds();
    await stock.release({ key: h!.key, uid: h!.uid, qty: h!.qty, now: NOW });
    expect(await stock.reserve(reserveArgs(rules))).toMatchObject({ ok: true, state: "HELD" });
  });

  it("a refused key keeps its answer for a while, even when units come back", async () => {
    const { rules, stock } = await fresh({ stock: 1 });
    const holder = newKey();
    await stock.reserve(reserveArgs(rules, { key: holder }));
    const late = newKey();
    expect(await stock.reserve(reserveArgs(rules, { key: late, uid: "m2" }))).toMatchObject({
      ok: false,
      code: "SOLD_OUT",
    });
    await stock.release({ key: holder, uid: "m1", qty: 1, now: NOW });
    expect(await stock.reserve(reserveArgs(rules, { key: late, uid: "m2" }))).toMatchObject({
      ok: false,
      code: "SOLD_OUT",
    });
    expect(await stock.reserve(reserveArgs(rules, { uid: "m2" }))).toMatchObject({ ok: true, state: "HELD" });
  });
});

describe("limits, windows, tiers", () => {
  it("counts a member's held and sold units toward the per-member limit; released and restocked ones do not", async () => {
    const { rules, stock } = await fresh({ stock: 10, perMemberLimit: 2 });
    const a = newKey();
    const b = newKey();
    await stock.reserve(reserveArgs(rules, { key: a, uid: "x" }));
    await stock.reserve(reserveArgs(rules, { key: b, uid: "x" }));
    await stock.confirm({ key: b, uid: "x", qty: 1, now: NOW });
    const refused = await stock.reserve(reserveArgs(rules, { uid: "x" }));
    expect(refused).toMatchObject({ ok: false, code: "LIMIT_REACHED" });
    expect(refused.ok === false && refusalText(refused)).toContain("2");
    expect(await stock.reserve(reserveArgs(rules, { uid: "y", qty: 3 }))).toMatchObject({
      ok: false,
      code: "LIMIT_REACHED",
    });
    expect(await stock.reserve(reserveArgs(rules, { uid: "y", qty: 2 }))).toMatchObject({ ok: true });
    await stock.release({ key: a, uid: "x", qty: 1, now: NOW });
    expect(await stock.reserve(reserveArgs(rules, { uid: "x" }))).toMatchObject({ ok: true, state: "HELD" });
    expect(await stock.restock({ key: b, ref: "cancel:b", now: NOW })).toEqual({ ok: true, state: "RESTOCKED" });
    expect(await stock.reserve(reserveArgs(rules, { uid: "x" }))).toMatchObject({ ok: true, state: "HELD" });
    expect((await stock.audit()).membersOverLimit).toBe(0);
  });

  it("reserves only inside the sale window and on the shelf", async () => {
    const start = NOW + 60_000;
    const end = NOW + 120_000;
    const { rules, stock } = await fresh({ saleStartsAt: start, saleEndsAt: end });
    expect(rules.perMemberLimit).toBe(1); // a flash sale defaults to 1 per member
    expect(await stock.reserve(reserveArgs(rules, { now: start - 1 }))).toMatchObject({
      ok: false,
      code: "NOT_ON_SALE",
    });
    expect(await stock.reserve(reserveArgs(rules, { now: start }))).toMatchObject({ ok: true });
    expect(await stock.reserve(reserveArgs(rules, { now: end - 1, uid: "m2" }))).toMatchObject({ ok: true });
    expect(await stock.reserve(reserveArgs(rules, { now: end, uid: "m3" }))).toMatchObject({
      ok: false,
      code: "NOT_ON_SALE",
    });
    expect(await stock.reserve(reserveArgs({ ...rules, onShelf: false }, { now: start, uid: "m4" }))).toMatchObject({
      ok: false,
      code: "NOT_ON_SALE",
    });
  });

  it("reserves only for the tiers allowed", async () => {
    const { rules, stock } = await fresh({ tiers: ["gold", "diamond"] });
    expect(await stock.reserve(reserveArgs(rules, { memberTier: "standard" }))).toMatchObject({
      ok: false,
      code: "TIER_NOT_ALLOWED",
    });
    expect(await stock.reserve(reserveArgs(rules, { memberTier: "gold" }))).toMatchObject({ ok: true });
    expect(await stock.reserve(reserveArgs(rules, { memberTier: "diamond", uid: "m2" }))).toMatchObject({ ok: true });
  });
});

describe("restock and adjust", () => {
  it("restock puts a sold unit back once per key, idempotent on its ref", async () => {
    const { rules, stock } = await fresh({ stock: 2 });
    const key = newKey();
    await stock.reserve(reserveArgs(rules, { key }));
    await stock.confirm({ key, uid: "m1", qty: 1, now: NOW });
    expect(await stock.restock({ key, ref: "r1", now: NOW })).toEqual({ ok: true, state: "RESTOCKED" });
    const writes = (await stock.audit()).writes;
    expect(await stock.restock({ key, ref: "r1", now: NOW })).toEqual({ ok: true, state: "RESTOCKED" });
    expect((await stock.audit()).writes).toBe(writes);
    expect(await stock.restock({ key, ref: "r2", now: NOW })).toEqual({ ok: true, state: "RESTOCKED" });
    expect(await stock.status({ rules })).toMatchObject({ available: 2, held: 0, sold: 0 });
    expect(await stock.restock({ key: "nope", ref: "r3", now: NOW })).toMatchObject({
      ok: false,
      code: "HOLD_NOT_FOUND",
    });
    // A committed key whose confirm has not run yet goes back straight from held.
    const held = newKey();
    await stock.reserve(reserveArgs(rules, { key: held }));
    expect(await stock.restock({ key: held, ref: "r4", now: NOW })).toEqual({ ok: true, state: "RESTOCKED" });
    expect(await stock.confirm({ key: held, uid: "m1", qty: 1, now: NOW })).toMatchObject({
      ok: false,
      code: "HOLD_EXPIRED",
    });
    // A released key has nothing to put back.
    const released = newKey();
    await stock.reserve(reserveArgs(rules, { key: released }));
    await stock.release({ key: released, uid: "m1", qty: 1, now: NOW });
    expect(await stock.restock({ key: released, ref: "r5", now: NOW })).toEqual({ ok: true, state: "RELEASED" });
    expect(await stock.status({ rules })).toMatchObject({ available: 2, held: 0, sold: 0 });
    const a = await stock.audit();
    expect(a.availableCount + a.held + a.sold).toBe(a.initialStock + a.adjusted);
  });

  it("adjust adds and removes, never below zero, idempotent on its ref", async () => {
    const { rules, stock } = await fresh({ stock: 2 });
    const up = await stock.adjust({ ref: "a1", delta: 5, now: NOW, rules });
    expect(up).toMatchObject({ ok: true, status: { available: 7 } });
    expect(await stock.adjust({ ref: "a1", delta: 5, now: NOW, rules })).toEqual(up);
    await stock.reserve(reserveArgs(rules, { qty: 3 }));
    expect(await stock.adjust({ ref: "a2", delta: -5, now: NOW, rules })).toMatchObject({
      ok: false,
      code: "INVALID_QUANTITY",
    });
    expect(await stock.adjust({ ref: "a2", delta: -4, now: NOW, rules })).toMatchObject({
      ok: true,
      status: { available: 0, held: 3 },
    });
    expect(await stock.adjust({ ref: "a3", delta: 1.5, now: NOW, rules })).toMatchObject({
      ok: false,
      code: "INVALID_QUANTITY",
    });
    expect(await stock.restock({ key: "k", ref: "a1", now: NOW })).toMatchObject({ ok: false });
    const sold = await stock.holds();
    await stock.confirm({ key: sold[0]!.key, uid: sold[0]!.uid, qty: sold[0]!.qty, now: NOW });
    expect(await stock.restock({ key: sold[0]!.key, ref: "a1", now: NOW })).toMatchObject({
      ok: false,
      code: "REF_CONFLICT",
    });
    const a = await stock.audit();
    expect(a).toMatchObject({ initialStock: 2, adjusted: 1, availableCount: 0, held: 0, sold: 3 });
  });

  it("starts from the item's initial stock the first time it is touched, and only then", async () => {
    const { rules, stock } = await fresh({ stock: 7 });
    expect(await stock.status({ rules })).toMatchObject({ available: 7, held: 0, sold: 0, version: 1 });
    expect(await stock.status({ rules: { ...rules, initialStock: 100 } })).toMatchObject({ available: 7 });
  });
});

describe("coupon codes", () => {
  it("imports codes once each (duplicates within the pool and the input are counted), and sells no more units than codes", async () => {
    const { rules, stock } = await fresh({ type: "coupon", stock: 10 });
    const first = await stock.addCodes({ codes: ["A1", " A2 ", "A1", "", "A3", "x".repeat(65)], now: NOW, rules });
    expect(first).toEqual({ ok: true, added: 3, duplicates: 1, invalid: 1, codesLeft: 3 });
    expect(await stock.addCodes({ codes: ["A2", "A3"], now: NOW, rules })).toEqual({
      ok: true,
      added: 0,
      duplicates: 2,
      invalid: 0,
      codesLeft: 3,
    });
    // The count says 10, the pool 3: three units can be held, the fourth is sold out.
    expect(await stock.status({ rules })).toMatchObject({ available: 3, codesLeft: 3 });
    const keys = [newKey(), newKey(), newKey()];
    for (const [i, key] of keys.entries())
      expect(await stock.reserve(reserveArgs(rules, { key, uid: `m${i}` }))).toMatchObject({ ok: true });
    expect(await stock.reserve(reserveArgs(rules, { uid: "m9" }))).toMatchObject({ ok: false, code: "SOLD_OUT" });
    const codes = [];
    for (const key of keys) {
      const c = await stock.confirm({ key, uid: `m${keys.indexOf(key)}`, qty: 1, now: NOW });
      codes.push(...(c.ok ? c.couponCodes : []));
    }
    expect(codes).toEqual(["A1", "A2", "A3"]); // first imported, first given
    expect(await stock.status({ rules })).toMatchObject({ available: 0, codesLeft: 0, sold: 3 });
    // A code given out is never given again: an import of it is a duplicate, a restock does not free it.
    expect(await stock.addCodes({ codes: ["A1", "B1"], now: NOW, rules })).toMatchObject({
      added: 1,
      duplicates: 1,
      codesLeft: 1,
    });
    await stock.restock({ key: keys[0]!, ref: "c1", now: NOW });
    expect(await stock.status({ rules })).toMatchObject({ available: 1, codesLeft: 1, sold: 2 });
    const k = newKey();
    await stock.reserve(reserveArgs(rules, { key: k, uid: "m8" }));
    expect(await stock.confirm({ key: k, uid: "m8", qty: 1, now: NOW })).toMatchObject({ couponCodes: ["B1"] });
    const a = await stock.audit();
    expect(a.codeMismatches).toBe(0);
    expect(a.codesGiven).toBe(a.couponUnitsSold);
  });

  it("a coupon item without imported codes gets unique generated codes, also under concurrent confirms", async () => {
    const { rules, stock } = await fresh({ type: "coupon", stock: 40 });
    const keys = Array.from({ length: 40 }, () => newKey());
    await Promise.all(keys.map((key, i) => stock.reserve(reserveArgs(rules, { key, uid: `m${i}` }))));
    const answers = await Promise.all(
      keys.map((key) => stock.confirm({ key, uid: `m${keys.indexOf(key)}`, qty: 1, now: NOW })),
    );
    const codes = answers.flatMap((a) => (a.ok ? a.couponCodes : []));
    expect(codes).toHaveLength(40);
    expect(new Set(codes).size).toBe(40);
    for (const c of codes) expect(c).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect((await stock.audit()).codeMismatches).toBe(0);
  });

  it("virtual and physical items get no codes", async () => {
    const { rules, stock } = await fresh({ type: "physical" });
    const key = newKey();
    await stock.reserve(reserveArgs(rules, { key }));
    expect(await stock.confirm({ key, uid: "m1", qty: 1, now: NOW })).toEqual({
      ok: true,
      state: "SOLD",
      couponCodes: [],
    });
  });
});

describe("outbox", () => {
  const projection = async (itemId: number) =>
    (await db().select().from(stockProjection).where(eq(stockProjection.itemId, itemId)))[0];

  it("projects the counts and the sales to Turso; re-draining writes no duplicates", async () => {
    const { itemId, rules, stock } = await fresh({ type: "coupon", stock: 5 });
    const key = newKey();
    await stock.reserve(reserveArgs(rules, { key, uid: "buyer" }));
    const sold = await stock.confirm({ key, uid: "buyer", qty: 1, now: NOW });
    await stock.reserve(reserveArgs(rules, { uid: "holder" }));
    expect((await stock.drainOutbox()).ok).toBe(true);
    const st = await stock.status({ rules });
    expect(await projection(itemId)).toMatchObject({ onHand: 3, held: 1, sold: 1, version: st.version });
    const sales = await db().select().from(stockSales).where(eq(stockSales.itemId, itemId));
    expect(sales).toEqual([
      expect.objectContaining({
        key,
        uid: "buyer",
        qty: 1,
        state: "sold",
        couponCodes: sold.ok ? sold.couponCodes : [],
      }),
    ]);
    await runInDurableObject(raw(itemId), (_, state) =>
      state.storage.sql.exec("update outbox_state set projected_version = 0"),
    );
    expect((await stock.drainOutbox()).ok).toBe(true);
    expect(await db().select().from(stockSales).where(eq(stockSales.itemId, itemId))).toHaveLength(1);
    expect(await projection(itemId)).toMatchObject({ onHand: 3, version: st.version });
  });

  it("with Turso unreachable keeps serving, backs off, and catches up", async () => {
    const { itemId, rules, stock } = await fresh({ stock: 5 });
    await runInDurableObject(raw(itemId), (instance) => {
      (instance as unknown as { projectionClient: () => BatchClient }).projectionClient = () =>
        createClient({ url: "http://127.0.0.1:9" });
    });
    await stock.reserve(reserveArgs(rules));
    const failed = await stock.drainOutbox();
    expect(failed.ok).toBe(false);
    expect(await stock.reserve(reserveArgs(rules, { uid: "m2" }))).toMatchObject({ ok: true });
    const row = await runInDurableObject(raw(itemId), (_, state) =>
      state.storage.sql
        .exec<{ failures: number; next_attempt_at: number }>("select failures, next_attempt_at from outbox_state")
        .one(),
    );
    expect(row.failures).toBeGreaterThanOrEqual(1);
    expect(row.next_attempt_at).toBeGreaterThan(Date.now() - 1000);
    await runInDurableObject(raw(itemId), (instance) => {
      delete (instance as unknown as { projectionClient?: unknown }).projectionClient;
    });
    expect((await stock.drainOutbox()).ok).toBe(true);
    expect(await projection(itemId)).toMatchObject({ onHand: 3, held: 2 });
  });
});

describe("the alarm", () => {
  it("resolves holds past their deadline with the wallet: committed → sold, otherwise → released (and the key is dead)", async () => {
    const { itemId, rules, stock } = await fresh({ stock: 5 });
    const uid = await memberWith(1000);
    const wallet = walletFor(env, uid);
    const committed = newKey();
    const abandoned = newKey();
    const now = Date.now();
    await stock.reserve(reserveArgs(rules, { key: committed, uid, now }));
    await stock.reserve(reserveArgs(rules, { key: abandoned, uid, now }));
    const order = {
      id: "PMTEST" + committed.slice(0, 8),
      itemId,
      itemName: "测试商品",
      itemType: "virtual" as const,
      qty: 1,
      points: 100,
      cashFen: 0,
      address: null,
      createdAt: now,
    };
    expect(
      await wallet.spend({ uid, key: committed, points: 100, order, now, rules: await mallRules() }),
    ).toMatchObject({ ok: true });
    // Move both deadlines into the past and let the real alarm run.
    await runInDurableObject(raw(itemId), async (_, state) => {
      state.storage.sql.exec("update holds set deadline = ?", Date.now() - 1);
      await state.storage.setAlarm(Date.now() + 60_000);
    });
    expect(await runDurableObjectAlarm(raw(itemId))).toBe(true);
    const holds = Object.fromEntries((await stock.holds()).map((h) => [h.key, h.state]));
    expect(holds).toEqual({ [committed]: "SOLD", [abandoned]: "RELEASED" });
    expect(await wallet.resolve({ key: abandoned, now })).toEqual({ state: "ABORTED", code: "ABORTED" });
    expect(
      await wallet.spend({
        uid,
        key: abandoned,
        points: 100,
        order: { ...order, id: "PMTEST2" },
        now,
        rules: await mallRules(),
      }),
    ).toMatchObject({ ok: false, code: "ABORTED" });
    expect(await stock.status({ rules })).toMatchObject({ available: 4, held: 0, sold: 1 });
  });

  it("resolveExpiredHolds(now) finds only holds past their deadline at that now", async () => {
    const { rules, stock } = await fresh({ stock: 2 });
    const now = Date.now();
    await stock.reserve(reserveArgs(rules, { uid: `never-seen-${newKey()}`, now }));
    expect(await stock.resolveExpiredHolds(now + 29_999)).toEqual({ confirmed: 0, released: 0, failed: 0 });
    // A wallet that has never seen the key answers ABORTED (and records it): the units go back.
    expect(await stock.resolveExpiredHolds(now + 30_000)).toEqual({ confirmed: 0, released: 1, failed: 0 });
    expect(await stock.resolveExpiredHolds(now + 60_000)).toEqual({ confirmed: 0, released: 0, failed: 0 });
    expect(await stock.status({ rules })).toMatchObject({ available: 2, held: 0 });
  });
});
