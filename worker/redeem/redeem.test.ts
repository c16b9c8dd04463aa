// redeem(): each item type end to end, the refusals and their codes (pre-checks in the Worker, the stock
// object's, the wallet's), idempotent retries, and the order visible in Turso right away.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { members, orders } from "../../db/schema";
import { stockFor } from "../stock/stock-stub";
import { walletFor } from "../wallet/wallet-stub";
import { orderNumber } from "../orders/order-number";
import { redeem } from "./redeem";
import { ADDRESS, createItem, db, expectInvariants, mallRules, memberWith, newKey, settleAll } from "./test-support";
import type { RedeemInput } from "./types";

const input = (over: Partial<RedeemInput> & Pick<RedeemInput, "uid" | "itemId">): RedeemInput => ({
  qty: 1,
  key: newKey(),
  address: null,
  now: Date.now(),
  ...over,
});

describe("redeem", () => {
  it("redeems each type: the order at once in Turso, points spent, units sold, codes for coupons", async () => {
    const uid = await memberWith(5000);
    const now = Date.now();
    const ids: number[] = [];
    for (const type of ["physical", "coupon", "virtual"] as const) {
      // points only: an order with a cash part awaits payment (worker/payments/*.test.ts)
      const { itemId } = await createItem({ type, name: `商品-${type}`, points: 300, stock: 5 });
      ids.push(itemId);
      const key = newKey();
      const r = await redeem(
        env,
        db(),
        input({ uid, itemId, key, qty: 2, address: type === "physical" ? ADDRESS : null, now }),
      );
      expect(r).toMatchObject({
        ok: true,
        order: {
          id: await orderNumber(key, now, "Asia/Shanghai"),
          key,
          uid,
          itemId,
          itemName: `商品-${type}`,
          itemType: type,
          qty: 2,
          points: 600,
          cashFen: 0,
          status: type === "coupon" ? "completed" : "placed",
          address: type === "physical" ? ADDRESS : null,
          createdAt: now,
        },
      });
      if (!r.ok) continue;
      expect(r.order.id).toMatch(/^PM\d{8}[0-9A-F]{12}$/);
      expect(r.order.couponCodes).toHaveLength(type === "coupon" ? 2 : 0);
      const [row] = await db().select().from(orders).where(eq(orders.key, key));
      expect(row).toMatchObject({
        id: r.order.id,
        status: r.order.status,
        couponCodes: r.order.couponCodes,
        itemName: `商品-${type}`,
      });
    }
    expect((await walletFor(env, uid).standing({ uid, now, rules: await mallRules() })).balance).toBe(5000 - 3 * 600);
    await settleAll(ids, [uid], now);
    await expectInvariants(ids, [uid], now);
  });

  it("a retry with the same key answers the same order, even once the points or the stock have run out", async () => {
    const uid = await memberWith(100);
    const { itemId } = await createItem({ type: "coupon", points: 100, stock: 1 });
    const first = input({ uid, itemId });
    const a = await redeem(env, db(), first);
    expect(a.ok).toBe(true);
    expect(await redeem(env, db(), { ...first, now: first.now + 10_000 })).toEqual(a);
    expect(await redeem(env, db(), input({ uid, itemId }))).toMatchObject({ ok: false, code: "INSUFFICIENT_POINTS" });
    const other = await memberWith(500);
    expect(await redeem(env, db(), input({ uid: other, itemId }))).toMatchObject({ ok: false, code: "SOLD_OUT" });
    await settleAll([itemId], [uid, other], first.now);
    await expectInvariants([itemId], [uid, other], first.now);
  });

  it("a twin arriving after the member's points ran out still gets its key's first refusal (SOLD_OUT)", async () => {
    const medium = await memberWith(150);
    const rich = await memberWith(5000);
    const scarce = await createItem({ type: "virtual", points: 100, stock: 1 });
    const other = await createItem({ type: "virtual", points: 100, stock: 5 });
    const now = Date.now();
    expect(await redeem(env, db(), input({ uid: rich, itemId: scarce.itemId, now }))).toMatchObject({ ok: true });
    const key = newKey();
    const first = await redeem(env, db(), input({ uid: medium, itemId: scarce.itemId, key, now }));
    expect(first).toMatchObject({ ok: false, code: "SOLD_OUT" });
    // The member's other attempt spends what would have paid for this one…
    expect(await redeem(env, db(), input({ uid: medium, itemId: other.itemId, now }))).toMatchObject({ ok: true });
    // …and the double tap of the first key, now failing the points check, answers exactly as its twin did.
    expect(await redeem(env, db(), input({ uid: medium, itemId: scarce.itemId, key, now }))).toEqual(first);
    // The other way round: refused for points first, the twin keeps that answer after the member earns more.
    const poorKey = newKey();
    const refused = await redeem(env, db(), input({ uid: medium, itemId: other.itemId, key: poorKey, now }));
    expect(refused).toMatchObject({ ok: false, code: "INSUFFICIENT_POINTS" });
    await walletFor(env, medium).earn({
      uid: medium,
      ref: `top-up-${poorKey}`,
      reason: "补积分",
      source: "purchase",
      points: 500,
      now,
      rules: await mallRules(),
    });
    expect(await redeem(env, db(), input({ uid: medium, itemId: other.itemId, key: poorKey, now }))).toEqual(refused);
    expect(await redeem(env, db(), input({ uid: medium, itemId: other.itemId, now }))).toMatchObject({ ok: true });
  });

  it("answers each refusal with its code and writes nothing", async () => {
    const rich = await memberWith(10_000);
    const poor = await memberWith(50);
    const now = Date.now();
    const expectRefused = async (i: RedeemInput, code: string) =>
      expect(await redeem(env, db(), i)).toMatchObject({ ok: false, code });

    await expectRefused(input({ uid: rich, itemId: 999_999 }), "ITEM_NOT_FOUND");
    const hidden = await createItem({ visibleFrom: now + 60_000 });
    await expectRefused(input({ uid: rich, itemId: hidden.itemId }), "ITEM_NOT_FOUND");
    const off = await createItem({ onShelf: false });
    await expectRefused(input({ uid: rich, itemId: off.itemId }), "NOT_ON_SALE");
    const flash = await createItem({ saleStartsAt: now + 60_000, saleEndsAt: now + 120_000 });
    await expectRefused(input({ uid: rich, itemId: flash.itemId }), "NOT_ON_SALE");
    const goldOnly = await createItem({ tiers: ["gold"] });
    await expectRefused(input({ uid: rich, itemId: goldOnly.itemId }), "TIER_NOT_ALLOWED");
    const physical = await createItem({ type: "physical" });
    await expectRefused(input({ uid: rich, itemId: physical.itemId }), "ADDRESS_REQUIRED");
    await expectRefused(
      input({ uid: rich, itemId: physical.itemId, address: { ...ADDRESS, detail: " " } }),
      "ADDRESS_REQUIRED",
    );
    const cheap = await createItem({ points: 100, stock: 1, perMemberLimit: 1 });
    await expectRefused(input({ uid: poor, itemId: cheap.itemId }), "INSUFFICIENT_POINTS");
    await expectRefused(input({ uid: rich, itemId: cheap.itemId, qty: 2 }), "SOLD_OUT");
    const limited = await createItem({ points: 100, stock: 5, perMemberLimit: 1 });
    expect((await redeem(env, db(), input({ uid: rich, itemId: limited.itemId }))).ok).toBe(true);
    await expectRefused(input({ uid: rich, itemId: limited.itemId }), "LIMIT_REACHED");
    const blocked = await memberWith(1000);
    await db().insert(members).values({ uid: blocked, blocked: true });
    await expectRefused(input({ uid: blocked, itemId: limited.itemId }), "MEMBER_BLOCKED");

    const ids = [hidden, off, flash, goldOnly, physical, cheap, limited].map((x) => x.itemId);
    await settleAll(ids, [rich, poor, blocked], now);
    await expectInvariants(ids, [rich, poor, blocked], now);
    for (const id of ids.filter((id) => id !== limited.itemId)) {
      expect((await stockFor(env, id).holds()).length, `item ${id} holds`).toBe(0);
    }
    expect((await walletFor(env, poor).standing({ uid: poor, now, rules: await mallRules() })).balance).toBe(50);
  });

  it("a gold member redeems a gold-only item", async () => {
    const uid = await memberWith(2500); // 2 500 earned in the last 12 months: 黄金
    const now = Date.now();
    const { itemId } = await createItem({ tiers: ["gold", "diamond"], points: 100 });
    expect((await walletFor(env, uid).standing({ uid, now, rules: await mallRules() })).tier).toBe("gold");
    expect((await redeem(env, db(), input({ uid, itemId, now }))).ok).toBe(true);
    await settleAll([itemId], [uid], now);
    await expectInvariants([itemId], [uid], now);
  });
});
