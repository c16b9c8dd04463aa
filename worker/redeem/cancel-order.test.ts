// cancelOrder(): claimed in Turso first, then refund and restock, each idempotent on `cancel:<orderId>`; a
// crash between any two steps is repaired by calling it again; invariants hold after every path.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { orders } from "../../db/schema";
import { stockFor } from "../stock/stock-stub";
import { walletFor } from "../wallet/wallet-stub";
import { cancelDeps, runCancel, type CancelStep } from "./cancel-order";
import { redeem, redeemDeps, runRedeem } from "./redeem";
import { ADDRESS, createItem, db, expectInvariants, mallRules, memberWith, newKey, settleAll } from "./test-support";

class Crash extends Error {}

const balanceOf = async (uid: string) =>
  (await walletFor(env, uid).standing({ uid, now: Date.now(), rules: await mallRules() })).balance;

async function ordered(type: "virtual" | "physical" | "coupon" = "virtual") {
  const { itemId, rules } = await createItem({ type, points: 100, stock: 3 });
  const uid = await memberWith(1000);
  const now = Date.now();
  const r = await redeem(env, db(), {
    uid,
    itemId,
    qty: 1,
    key: newKey(),
    address: type === "physical" ? ADDRESS : null,
    now,
  });
  if (!r.ok) throw new Error(r.code);
  return { itemId, rules, uid, now, order: r.order, stock: stockFor(env, itemId) };
}

const cancel = (
  orderId: string,
  over: { uid?: string; by?: "member" | "merchant"; after?: (s: CancelStep) => void } = {},
) =>
  runCancel({ ...cancelDeps(env), after: over.after }, db(), {
    orderId,
    by: over.by ?? "member",
    uid: over.uid,
    reason: "不想要了",
    now: Date.now(),
  });

const crashAfter = (step: CancelStep) => (s: CancelStep) => {
  if (s === step) throw new Crash(step);
};

describe("cancelOrder", () => {
  it("gives the points back to their lots and the unit back to the shelf; a retry answers ok and changes nothing", async () => {
    const { itemId, rules, uid, now, order, stock } = await ordered("physical");
    expect(await balanceOf(uid)).toBe(900);
    const r = await cancel(order.id, { uid });
    expect(r).toMatchObject({ ok: true, refunded: 100, balance: 1000, order: { id: order.id, status: "cancelled" } });
    expect(await stock.status({ rules })).toMatchObject({ available: 3, sold: 0 });
    const [row] = await db().select().from(orders).where(eq(orders.id, order.id));
    expect(row).toMatchObject({ status: "cancelled", cancelReason: "不想要了" });
    expect(await cancel(order.id, { by: "merchant" })).toMatchObject({ ok: true, refunded: 100, balance: 1000 });
    expect(await balanceOf(uid)).toBe(1000);
    await settleAll([itemId], [uid], now);
    await expectInvariants([itemId], [uid], now);
  });

  it.each(["claim", "refund", "restock"] as const)("a crash after %s is repaired by calling it again", async (step) => {
    const { itemId, rules, uid, now, order, stock } = await ordered();
    await expect(cancel(order.id, { uid, after: crashAfter(step) })).rejects.toBeInstanceOf(Crash);
    const [row] = await db().select().from(orders).where(eq(orders.id, order.id));
    expect(row!.status).toBe("cancelled");
    expect(await balanceOf(uid)).toBe(step === "claim" ? 900 : 1000);
    expect((await stock.status({ rules })).sold).toBe(step === "restock" ? 0 : 1);
    expect(await cancel(order.id, { uid })).toMatchObject({ ok: true, refunded: 100, balance: 1000 });
    expect(await balanceOf(uid)).toBe(1000);
    expect(await stock.status({ rules })).toMatchObject({ available: 3, sold: 0 });
    await settleAll([itemId], [uid], now);
    await expectInvariants([itemId], [uid], now);
  });

  it("concurrent cancels refund and restock once", async () => {
    const { itemId, rules, uid, now, order, stock } = await ordered();
    const answers = await Promise.all(Array.from({ length: 6 }, () => cancel(order.id, { uid })));
    for (const a of answers) expect(a).toMatchObject({ ok: true, balance: 1000 });
    expect(await balanceOf(uid)).toBe(1000);
    expect(await stock.status({ rules })).toMatchObject({ available: 3, sold: 0 });
    await settleAll([itemId], [uid], now);
    await expectInvariants([itemId], [uid], now);
  });

  it("refuses coupon orders, shipped orders, other members' orders and unknown orders", async () => {
    const coupon = await ordered("coupon");
    expect(await cancel(coupon.order.id, { uid: coupon.uid })).toMatchObject({ ok: false, code: "NOT_CANCELLABLE" });
    const shipped = await ordered("physical");
    await db()
      .update(orders)
      .set({ status: "shipped", carrier: "顺丰", trackingNo: "SF1" })
      .where(eq(orders.id, shipped.order.id));
    expect(await cancel(shipped.order.id, { by: "merchant" })).toMatchObject({ ok: false, code: "NOT_CANCELLABLE" });
    const mine = await ordered();
    expect(await cancel(mine.order.id, { uid: "someone-else" })).toMatchObject({ ok: false, code: "ORDER_NOT_FOUND" });
    expect(await cancel("PM00000000NOSUCHORDER")).toMatchObject({ ok: false, code: "ORDER_NOT_FOUND" });
    for (const x of [coupon, shipped, mine]) {
      await settleAll([x.itemId], [x.uid], x.now);
      await expectInvariants([x.itemId], [x.uid], x.now);
    }
    expect(await balanceOf(mine.uid)).toBe(900);
  });

  it("cancels an order whose hold was never confirmed (crash after spend): the unit goes back from held", async () => {
    const { itemId, rules } = await createItem({ points: 100, stock: 3 });
    const uid = await memberWith(1000);
    const now = Date.now();
    const key = newKey();
    const deps = {
      ...redeemDeps(env),
      after: (s: string) => {
        if (s === "spend") throw new Crash();
      },
    };
    await expect(runRedeem(deps, db(), { uid, itemId, qty: 1, key, address: null, now })).rejects.toBeInstanceOf(Crash);
    expect((await walletFor(env, uid).drainOutbox()).ok).toBe(true); // the wallet's outbox delivers the order
    const [row] = await db().select().from(orders).where(eq(orders.key, key));
    expect(await cancel(row!.id, { uid })).toMatchObject({ ok: true, refunded: 100 });
    const stock = stockFor(env, itemId);
    expect(await stock.status({ rules })).toMatchObject({ available: 3, held: 0, sold: 0 });
    expect(await stock.resolveExpiredHolds(now + 30_000)).toEqual({ confirmed: 0, released: 0, failed: 0 });
    await settleAll([itemId], [uid], now);
    await expectInvariants([itemId], [uid], now);
    expect(await balanceOf(uid)).toBe(1000);
  });
});
