// The wallet's redemption operations: spend (the single decision point), resolve, refund to the very lots
// (expired ones expire again at once), standing, and the orders the outbox pushes to Turso.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { orders, stockSales } from "../../db/schema";
import { createItem } from "../redeem/test-support";
import { at, DAY, expectHealthy, newWallet, rules } from "./test-support";
import type { OrderSnapshot } from "./types";
import { ledgerReasonText, refusalText } from "../object-text";

const T = at("2096-03-10T04:00:00Z");
const db = () => getDb(env.TURSO_DATABASE_URL);

function snapshot(itemId: number, over: Partial<OrderSnapshot> = {}): OrderSnapshot {
  return {
    id: `PMW${crypto.randomUUID().slice(0, 12)}`,
    itemId,
    itemName: "拿铁",
    itemType: "virtual",
    qty: 1,
    points: 100,
    cashFen: 0,
    address: null,
    createdAt: T,
    ...over,
  };
}

async function walletWith(...earnings: { points: number; at: number }[]) {
  const w = newWallet("s");
  for (const [i, e] of earnings.entries()) {
    expect(
      await w.stub.earn({
        uid: w.uid,
        ref: `e${i}`,
        reason: "充值",
        source: "purchase",
        points: e.points,
        now: e.at,
        rules: rules(),
      }),
    ).toMatchObject({ ok: true });
  }
  return w;
}

describe("spend", () => {
  it("commits once: a spent entry, lots earliest-expiry first; the same key again answers the same and writes nothing", async () => {
    const { itemId } = await createItem();
    // 2095's points expire at the start of 2097, 2096's at the start of 2098.
    const { uid, stub } = await walletWith({ points: 80, at: at("2095-06-01T00:00:00Z") }, { points: 100, at: T });
    const order = snapshot(itemId, { points: 120 });
    const r = await stub.spend({ uid, key: "k1", points: 120, order, now: T, rules: rules() });
    expect(r).toEqual({ ok: true, state: "COMMITTED", balance: 60, entryId: `${uid}:3`, order });
    const s = await stub.summary({ uid, now: T, rules: rules() });
    expect(s.expiring).toEqual([{ points: 60, expiresAt: at("2097-12-31T16:00:00Z") }]);
    const again = await stub.spend({
      uid,
      key: "k1",
      points: 999,
      order: snapshot(itemId),
      now: T + DAY,
      rules: rules(),
    });
    expect(again).toEqual(r);
    expect((await expectHealthy(stub, T)).entries).toBe(3);
    const [entry] = (await stub.ledger({ limit: 1 })).entries;
    // The spent entry's ref is the key in the wallet's own namespace (no caller's ref can be the same).
    expect(entry).toMatchObject({
      kind: "spent",
      amount: -120,
      source: "spend",
      ref: "redeem:k1",
    });
    expect(entry && ledgerReasonText(entry)).toBe("兑换「拿铁」");
    expect(await stub.standing({ uid, key: "k1", now: T, rules: rules() })).toEqual({
      balance: 60,
      tier: "standard",
      decision: { state: "COMMITTED" },
    });
    expect(await stub.resolve({ key: "k1", now: T })).toEqual({ state: "COMMITTED" });
  });

  it("too few points: refused, and the key keeps that answer (even after earning more)", async () => {
    const { itemId } = await createItem();
    const { uid, stub } = await walletWith({ points: 50, at: T });
    const refused = await stub.spend({ uid, key: "k", points: 80, order: snapshot(itemId), now: T, rules: rules() });
    expect(refused).toMatchObject({ ok: false, code: "INSUFFICIENT_POINTS" });
    expect(refused.ok ? "" : refusalText(refused)).toBe("积分不足：当前 50，需扣 80");
    await stub.earn({ uid, ref: "more", reason: "充值", source: "purchase", points: 100, now: T, rules: rules() });
    expect(await stub.spend({ uid, key: "k", points: 80, order: snapshot(itemId), now: T, rules: rules() })).toEqual(
      refused,
    );
    expect(await stub.resolve({ key: "k", now: T })).toEqual({ state: "ABORTED", code: "INSUFFICIENT_POINTS" });
    expect((await stub.standing({ uid, key: "k", now: T, rules: rules() })).decision).toEqual({
      state: "ABORTED",
      code: "INSUFFICIENT_POINTS",
    });
    expect(
      await stub.spend({ uid, key: "k2", points: 80, order: snapshot(itemId), now: T, rules: rules() }),
    ).toMatchObject({ ok: true, balance: 70 });
    await expectHealthy(stub, T);
  });

  it("a key resolved first is ABORTED for good: a late spend is refused", async () => {
    const { itemId } = await createItem();
    const { uid, stub } = await walletWith({ points: 500, at: T });
    expect(await stub.resolve({ key: "late", now: T })).toEqual({ state: "ABORTED", code: "ABORTED" });
    expect(await stub.resolve({ key: "late", now: T })).toEqual({ state: "ABORTED", code: "ABORTED" });
    expect(
      await stub.spend({ uid, key: "late", points: 100, order: snapshot(itemId), now: T, rules: rules() }),
    ).toMatchObject({ ok: false, code: "ABORTED" });
    expect((await stub.standing({ uid, key: "late", now: T, rules: rules() })).decision).toEqual({
      state: "ABORTED",
      code: "ABORTED",
    });
    expect((await expectHealthy(stub, T)).balance).toBe(500);
    // A wallet nobody has written to can still answer (and remember) a decision.
    const fresh = newWallet("s");
    expect(await fresh.stub.resolve({ key: "x", now: T })).toEqual({ state: "ABORTED", code: "ABORTED" });
    expect(await fresh.stub.standing({ uid: fresh.uid, key: "x", now: T, rules: rules() })).toEqual({
      balance: 0,
      tier: "standard",
      decision: { state: "ABORTED", code: "ABORTED" },
    });
  });

  it("a refusal the flow records (resolve with refusal) is the key's answer for good; the first decision wins", async () => {
    const { itemId } = await createItem();
    const { uid, stub } = await walletWith({ points: 500, at: T });
    expect(await stub.resolve({ key: "gone", now: T, refusal: "SOLD_OUT" })).toEqual({
      state: "ABORTED",
      code: "SOLD_OUT",
    });
    // A twin that failed another check later still gets the first answer.
    expect(await stub.resolve({ key: "gone", now: T, refusal: "INSUFFICIENT_POINTS" })).toEqual({
      state: "ABORTED",
      code: "SOLD_OUT",
    });
    expect(
      await stub.spend({ uid, key: "gone", points: 100, order: snapshot(itemId), now: T, rules: rules() }),
    ).toMatchObject({ ok: false, code: "SOLD_OUT" });
    expect((await stub.standing({ uid, key: "gone", now: T, rules: rules() })).decision).toEqual({
      state: "ABORTED",
      code: "SOLD_OUT",
    });
    // A committed key stays committed whatever refusal a late twin brings.
    expect(
      await stub.spend({ uid, key: "paid", points: 100, order: snapshot(itemId), now: T, rules: rules() }),
    ).toMatchObject({ ok: true });
    expect(await stub.resolve({ key: "paid", now: T, refusal: "LIMIT_REACHED" })).toEqual({ state: "COMMITTED" });
    expect((await expectHealthy(stub, T)).balance).toBe(400);
  });

  it("refuses a key another operation used as its ref (KEY_REUSED, nothing written), and a negative amount; a 0-point order commits with no entry", async () => {
    const { itemId } = await createItem();
    const { uid, stub } = await walletWith({ points: 100, at: T });
    for (const key of ["e0", "signup_bonus", "checkin:2096-03-10", "redeem:x"]) {
      expect(
        await stub.spend({ uid, key, points: 10, order: snapshot(itemId), now: T, rules: rules() }),
        key,
      ).toMatchObject({ ok: false, code: "KEY_REUSED" });
      expect((await stub.standing({ uid, key, itemId, qty: 1, now: T, rules: rules() })).decision, key).toEqual({
        state: "ABORTED",
        code: "KEY_REUSED",
      });
    }
    expect((await expectHealthy(stub, T)).entries).toBe(1);
    expect(
      await stub.spend({ uid, key: "neg", points: -1, order: snapshot(itemId), now: T, rules: rules() }),
    ).toMatchObject({ ok: false, code: "INVALID_AMOUNT" });
    expect(
      await stub.spend({ uid, key: "free", points: 0, order: snapshot(itemId, { points: 0 }), now: T, rules: rules() }),
    ).toMatchObject({ ok: true, balance: 100, entryId: null });
    expect(
      await stub.refund({ uid, key: "free", ref: "cancel:free", reason: "取消", now: T, rules: rules() }),
    ).toMatchObject({ ok: true, refunded: 0 });
    // …and the spend's own ref (redeem:<key>) is refused to callers of earn/deduct; the bare key is not theirs
    expect(
      await stub.spend({ uid, key: "k-ok", points: 10, order: snapshot(itemId), now: T, rules: rules() }),
    ).toMatchObject({ ok: true, balance: 90 });
    expect(
      await stub.deduct({ uid, ref: "redeem:k-ok", reason: "x", points: 1, now: T, rules: rules() }),
    ).toMatchObject({ ok: false, code: "REF_CONFLICT" });
    expect(
      await stub.earn({ uid, ref: "k-ok", reason: "x", source: "purchase", points: 1, now: T, rules: rules() }),
    ).toMatchObject({ ok: true, balance: 91 });
    await expectHealthy(stub, T);
  });
});

describe("refund", () => {
  it("gives the points back to the very lots with their original expiry, once per key, idempotent on its ref", async () => {
    const { itemId } = await createItem();
    const { uid, stub } = await walletWith({ points: 80, at: at("2095-06-01T00:00:00Z") }, { points: 100, at: T });
    const before = (await stub.summary({ uid, now: T, rules: rules() })).expiring;
    await stub.spend({ uid, key: "k", points: 150, order: snapshot(itemId, { points: 150 }), now: T, rules: rules() });
    const r = await stub.refund({ uid, key: "k", ref: "cancel:PM1", reason: "订单取消", now: T + DAY, rules: rules() });
    expect(r).toEqual({ ok: true, refunded: 150, balance: 180, entryId: `${uid}:4` });
    expect((await stub.summary({ uid, now: T + DAY, rules: rules() })).expiring).toEqual(before);
    expect(
      await stub.refund({ uid, key: "k", ref: "cancel:PM1", reason: "x", now: T + 2 * DAY, rules: rules() }),
    ).toEqual(r);
    expect(
      await stub.refund({ uid, key: "k", ref: "cancel:other", reason: "x", now: T + 2 * DAY, rules: rules() }),
    ).toMatchObject({ ok: true, refunded: 0, balance: 180 });
    expect(
      await stub.refund({ uid, key: "nope", ref: "cancel:nope", reason: "x", now: T, rules: rules() }),
    ).toMatchObject({ ok: false, code: "SPEND_NOT_FOUND" });
    expect(await stub.refund({ uid, key: "k", ref: "expiry:1", reason: "x", now: T, rules: rules() })).toMatchObject({
      ok: false,
      code: "REF_CONFLICT",
    });
    const [entry] = (await stub.ledger({ limit: 1 })).entries;
    expect(entry).toMatchObject({
      kind: "refunded",
      amount: 150,
      source: "refund",
      ref: "cancel:PM1",
      reason: "订单取消",
    });
    expect((await expectHealthy(stub, T + 2 * DAY)).balance).toBe(180);
  });

  it("points of a lot that expired meanwhile come back and expire again at once", async () => {
    const { itemId } = await createItem();
    // 80 points expiring at the start of 2097, 100 at the start of 2098; the spend takes 80 + 40.
    const { uid, stub } = await walletWith({ points: 80, at: at("2095-06-01T00:00:00Z") }, { points: 100, at: T });
    await stub.spend({ uid, key: "k", points: 120, order: snapshot(itemId, { points: 120 }), now: T, rules: rules() });
    const later = at("2097-03-01T00:00:00Z"); // the 2095 lot has expired (with 0 left), the 2096 lot has not
    const r = await stub.refund({ uid, key: "k", ref: "cancel:k", reason: "订单取消", now: later, rules: rules() });
    expect(r).toMatchObject({ ok: true, refunded: 120, balance: 100 });
    const entries = (await stub.ledger({ limit: 2 })).entries;
    expect(entries.map((e) => [e.kind, e.amount, e.createdAt])).toEqual([
      ["expired", -80, later],
      ["refunded", 120, later],
    ]);
    expect(entries[0]!.ref).toMatch(/^expiry:\d+(:\d+)?$/);
    expect((await stub.summary({ uid, now: later, rules: rules() })).expiring).toEqual([
      { points: 100, expiresAt: at("2097-12-31T16:00:00Z") },
    ]);
    const a = await expectHealthy(stub, later);
    expect(a.lotsRemaining).toBe(100);
    // The whole lot expires on its day, and the second refund of the same key gives nothing more.
    const end = at("2098-01-02T00:00:00Z");
    expect((await expectHealthy(stub, end)).duePoints).toBe(100);
    expect(await stub.expireDue(end)).toMatchObject({ expired: 1, points: 100, balance: 0 });
    await expectHealthy(stub, end);
  });

  it("a lot fully spent, expired with nothing in it, then refunded: its first expiry entry is the re-expiry", async () => {
    const { itemId } = await createItem();
    const { uid, stub } = await walletWith({ points: 100, at: T });
    await stub.spend({ uid, key: "k", points: 100, order: snapshot(itemId), now: T, rules: rules() });
    const later = at("2098-02-01T00:00:00Z");
    expect(await stub.expireDue(later)).toMatchObject({ expired: 0, points: 0 });
    expect(
      await stub.refund({ uid, key: "k", ref: "cancel:k", reason: "订单取消", now: later, rules: rules() }),
    ).toMatchObject({ refunded: 100, balance: 0 });
    const [expired] = (await stub.ledger({ limit: 1 })).entries;
    expect(expired).toMatchObject({ kind: "expired", amount: -100, createdAt: later });
    await expectHealthy(stub, later);
  });
});

describe("orders through the outbox", () => {
  it("a committed spend's order reaches Turso as placed, once", async () => {
    const { itemId } = await createItem({ type: "physical", name: "马克杯" });
    const { uid, stub } = await walletWith({ points: 1000, at: T });
    const address = { recipient: "李四", phone: "13900000000", region: "北京市", detail: "东城区 1 号" };
    const order = snapshot(itemId, {
      itemType: "physical",
      itemName: "马克杯",
      qty: 2,
      points: 600,
      cashFen: 2000,
      address,
    });
    await stub.spend({ uid, key: `k-${crypto.randomUUID()}`, points: 600, order, now: T, rules: rules() });
    expect((await stub.drainOutbox()).ok).toBe(true);
    const rows = await db().select().from(orders).where(eq(orders.uid, uid));
    expect(rows).toEqual([
      expect.objectContaining({
        id: order.id,
        uid,
        itemId,
        itemName: "马克杯",
        itemType: "physical",
        qty: 2,
        points: 600,
        cashFen: 2000,
        status: "placed",
        couponCodes: [],
        address,
        createdAt: T,
      }),
    ]);
    expect((await stub.drainOutbox()).sent).toBe(0);
  });

  it("a coupon order lands completed with its codes when the stock's sale got to Turso first", async () => {
    const { itemId } = await createItem({ type: "coupon" });
    const { uid, stub } = await walletWith({ points: 1000, at: T });
    const key = `k-${crypto.randomUUID()}`;
    await db()
      .insert(stockSales)
      .values({
        key,
        itemId,
        uid,
        qty: 1,
        state: "sold",
        couponCodes: ["CODE-1"],
        version: 2,
        soldAt: T + 5,
        updatedAt: T + 5,
      });
    const order = snapshot(itemId, { itemType: "coupon" });
    await stub.spend({ uid, key, points: 100, order, now: T, rules: rules() });
    expect((await stub.drainOutbox()).ok).toBe(true);
    const [row] = await db().select().from(orders).where(eq(orders.key, key));
    expect(row).toMatchObject({ status: "completed", couponCodes: ["CODE-1"], updatedAt: T + 5 });
  });
});
