// Issue 14 (critical): a redemption key means one (member, item, qty) forever. Through the real Worker: a key
// posted again on other items, with another quantity, or by another member is refused 409 KEY_REUSED with
// nothing sold, spent or given; keys that are refs of other wallet operations are refused with a 4xx; a
// genuine retry of the same key still answers its one order.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { orders } from "../../db/schema";
import { call } from "../api/test-client";
import { createItem } from "../redeem/test-support";
import { stockFor } from "../stock/stock-stub";
import {
  balanceOf,
  db,
  errorCodeIn,
  givePoints,
  HX,
  login,
  orderIdIn,
  post,
  redeemForm,
  type Member,
} from "./test-session";

const codesIn = (html: string) => [...html.matchAll(/data-coupon-code="([^"]+)"/g)].map((m) => m[1]!);

async function redeemWith(m: Member, itemId: number, key: string, qty = "1") {
  const { csrf } = await redeemForm(m.cookie, itemId);
  const res = await post(`/items/${itemId}/redeem`, m.cookie, { _csrf: csrf, key, qty }, HX);
  return { status: res.status, html: await res.text() };
}

const soldOf = async (itemId: number) => {
  const h = await stockFor(env, itemId).holds();
  return h.filter((x) => x.state === "SOLD" || x.state === "HELD").reduce((s, x) => s + x.qty, 0);
};

describe("a redeem key reused", () => {
  it("on other items (and qty 5) is KEY_REUSED: no unit sold, no code given, no points, no order", async () => {
    const a = await login();
    await givePoints(a.uid, 2000);
    const first = await createItem({ type: "coupon", points: 10, stock: 50 });
    const others = [
      await createItem({ type: "coupon", points: 300, stock: 50 }),
      await createItem({ type: "virtual", points: 100, stock: 50 }),
    ];
    const { key } = await redeemForm(a.cookie, first.itemId);
    const ok = await redeemWith(a, first.itemId, key);
    expect(ok.status).toBe(200);
    const orderId = orderIdIn(ok.html);
    const balance = await balanceOf(a.uid);
    expect(balance).toBe(2050 - 10);

    for (const { itemId } of others) {
      for (const qty of ["1", "5"]) {
        const r = await redeemWith(a, itemId, key, qty);
        expect(r.status, r.html).toBe(409);
        expect(errorCodeIn(r.html)).toBe("KEY_REUSED");
        expect(orderIdIn(r.html)).toBeNull();
        expect(codesIn(r.html)).toEqual([]);
      }
      expect(await soldOf(itemId)).toBe(0);
      expect(await stockFor(env, itemId).holds()).toEqual([]);
    }
    // the same item with another quantity
    const more = await redeemWith(a, first.itemId, key, "5");
    expect(more.status).toBe(409);
    expect(errorCodeIn(more.html)).toBe("KEY_REUSED");
    expect(await soldOf(first.itemId)).toBe(1);

    expect(await balanceOf(a.uid)).toBe(balance);
    const mine = await db().select().from(orders).where(eq(orders.uid, a.uid));
    expect(mine.map((o) => o.id)).toEqual([orderId]);

    // the genuine retry (a double tap, the same item and qty) still answers that one order with its code
    const again = await redeemWith(a, first.itemId, key);
    expect(again.status).toBe(200);
    expect(orderIdIn(again.html)).toBe(orderId);
    expect(codesIn(again.html)).toEqual(codesIn(ok.html));
    expect(await balanceOf(a.uid)).toBe(balance);
  });

  it("by another member on the same item is KEY_REUSED: they are not charged and not shown the first member's order or code", async () => {
    const a = await login();
    const b = await login();
    await givePoints(a.uid, 1000);
    await givePoints(b.uid, 1000);
    const { itemId } = await createItem({ type: "coupon", points: 100, stock: 10 });
    const { key } = await redeemForm(a.cookie, itemId);
    const ok = await redeemWith(a, itemId, key);
    expect(ok.status).toBe(200);
    const [code] = codesIn(ok.html);
    const orderId = orderIdIn(ok.html)!;

    const stolen = await redeemWith(b, itemId, key);
    expect(stolen.status).toBe(409);
    expect(errorCodeIn(stolen.html)).toBe("KEY_REUSED");
    expect(stolen.html).not.toContain(orderId);
    expect(stolen.html).not.toContain(code!);
    expect(await balanceOf(b.uid)).toBe(1050);
    expect(await db().select().from(orders).where(eq(orders.uid, b.uid))).toEqual([]);
    expect(await soldOf(itemId)).toBe(1);

    // …and on another item, where no object has seen the key: refused as well (the order is in Turso)
    const other = await createItem({ type: "virtual", points: 100, stock: 10 });
    const elsewhere = await redeemWith(b, other.itemId, key);
    expect(elsewhere.status).toBe(409);
    expect(errorCodeIn(elsewhere.html)).toBe("KEY_REUSED");
    expect(await balanceOf(b.uid)).toBe(1050);
    expect(await stockFor(env, other.itemId).holds()).toEqual([]);
  });
});

describe("a redeem key that is another operation's ref", () => {
  it("signup_bonus, a check-in ref or a non-UUID earn ref is 422; the member's own UUID earn ref is 409 KEY_REUSED; never 500", async () => {
    const a = await login();
    await givePoints(a.uid, 1000);
    const earnRef = crypto.randomUUID();
    expect(
      (
        await call("POST", `/api/v1/members/${a.uid}/points/earn`, {
          ref: earnRef,
          reason: "消费",
          points: 10,
          source: "purchase",
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call("POST", `/api/v1/members/${a.uid}/points/earn`, {
          ref: "purchase-1001",
          reason: "消费",
          points: 10,
          source: "purchase",
        })
      ).status,
    ).toBe(200);
    const { itemId } = await createItem({ type: "virtual", points: 100, stock: 10 });
    for (const key of ["signup_bonus", "checkin:2026-01-01", "purchase-1001", "AAAAAAAAAAAA"]) {
      const r = await redeemWith(a, itemId, key);
      expect(r.status, key).toBe(422);
      expect(errorCodeIn(r.html), key).toBe("VALIDATION_FAILED");
    }
    const r = await redeemWith(a, itemId, earnRef);
    expect(r.status).toBe(409);
    expect(errorCodeIn(r.html)).toBe("KEY_REUSED");
    expect(await balanceOf(a.uid)).toBe(1070);
    expect(await stockFor(env, itemId).holds()).toEqual([]);
  });
});
