// 我的订单's pages kept per isolate (./orders-page-memo.ts), through the real Worker (SELF), Turso and the
// objects: within the window a second view reads no orders from Turso (a change made behind the mall's back —
// a row renamed or deleted in Turso — is not seen yet), after the window it is; the member's own redeem,
// cancel and receipt, and the merchant's ship, show at once (and with them what changed behind the memo,
// i.e. the page was read again, not patched).
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { orders } from "../../db/schema";
import { ADDRESS, createItem, db, drainAll } from "../redeem/test-support";
import { csrfOf, get, givePoints, HX, login, orderIdIn, post, redeemForm, type Member } from "../shop/test-session";
import {
  forgetMemberOrders,
  keepOrdersPage,
  keptOrdersPage,
  ORDERS_PAGE_MEMO_MS,
  ordersReadMark,
} from "./orders-page-memo";
import { shipOrder } from "./ship-order";

async function redeem(m: Member, itemId: number, extra: Record<string, string> = {}): Promise<string> {
  const { key, csrf } = await redeemForm(m.cookie, itemId);
  const res = await post(`/items/${itemId}/redeem`, m.cookie, { _csrf: csrf, key, ...extra }, HX);
  expect(res.status).toBe(200);
  return orderIdIn(await res.text())!;
}

const listed = async (m: Member, path = "/me/orders") => {
  const res = await get(path, m.cookie, path.includes("/more") ? HX : {});
  expect(res.status).toBe(200);
  return res.text();
};

const rowOf = (html: string, id: string) =>
  new RegExp(`<li class="order-row" data-order-id="${id}"[\\s\\S]*?</li>`).exec(html)?.[0] ?? "";

const rename = (id: string, itemName: string) => db().update(orders).set({ itemName }).where(eq(orders.id, id));

describe("我的订单: the member's pages kept per isolate", () => {
  it("serves a second view within the window without reading Turso, and reads it again after the window", async () => {
    const { itemId } = await createItem({ name: "记忆券", type: "virtual", points: 10 });
    const m = await login();
    await givePoints(m.uid, 100);
    const a = await redeem(m, itemId);
    const b = await redeem(m, itemId);
    await drainAll([itemId], [m.uid]); // the outboxes are done: nothing re-inserts or forgets behind the test
    const first = await listed(m);
    expect(rowOf(first, a)).toContain("记忆券");
    expect(rowOf(first, b)).toContain("记忆券");

    // behind the mall's back: one row deleted, one renamed in Turso
    await db().delete(orders).where(eq(orders.id, a));
    await rename(b, "改名券");
    const kept = await listed(m);
    expect(rowOf(kept, a)).toContain("记忆券"); // still shown: no read of the orders
    expect(rowOf(kept, b)).toContain("记忆券");
    expect(kept).not.toContain("改名券");
    // another member's page is their own (nothing of m's)
    const other = await login();
    expect(await listed(other)).not.toContain(b);

    expect(ORDERS_PAGE_MEMO_MS).toBeLessThanOrEqual(3_000);
    await new Promise((r) => setTimeout(r, ORDERS_PAGE_MEMO_MS + 100));
    const later = await listed(m);
    expect(rowOf(later, a)).toBe("");
    expect(rowOf(later, b)).toContain("改名券");
  });

  it("keeps each cursor page apart and shows the member's own redeem at once", async () => {
    const { itemId } = await createItem({ name: "翻页券", type: "virtual", points: 1, stock: 20 });
    const m = await login();
    await givePoints(m.uid, 100);
    const made: string[] = [];
    for (let i = 0; i < 11; i++) made.push(await redeem(m, itemId));
    await drainAll([itemId], [m.uid]);
    const first = await listed(m);
    const cursor = /hx-get="\/me\/orders\/more\?cursor=([^"]+)"/.exec(first)?.[1];
    expect(cursor).toBeTruthy();
    const more = await listed(m, `/me/orders/more?cursor=${cursor}`);
    expect(rowOf(more, made[0]!)).toContain("翻页券"); // the oldest, on page 2
    expect(rowOf(more, made[10]!)).toBe("");

    await rename(made[0]!, "背后改名");
    await rename(made[10]!, "背后改名");
    expect(await listed(m, `/me/orders/more?cursor=${cursor}`)).not.toContain("背后改名");
    expect(await listed(m)).not.toContain("背后改名");

    const fresh = await redeem(m, itemId); // the member's own write: every page of theirs is read again
    const after = await listed(m);
    expect(rowOf(after, fresh)).toContain("翻页券");
    expect(rowOf(after, made[10]!)).toContain("背后改名");
  });

  it("shows the member's own cancel, the merchant's ship and the member's receipt at once", async () => {
    const { itemId } = await createItem({ name: "记忆杯", type: "physical", points: 10 });
    const m = await login();
    await givePoints(m.uid, 100);
    const toCancel = await redeem(m, itemId, { addressId: "new", ...ADDRESS });
    const toShip = await redeem(m, itemId, { addressId: "new", ...ADDRESS });
    await drainAll([itemId], [m.uid]);
    const csrf = await csrfOf(m.cookie);

    expect(rowOf(await listed(m), toCancel)).toContain('data-status="placed"');
    await rename(toShip, "背后改名"); // the witness that a page was read again
    expect(await listed(m)).not.toContain("背后改名");
    expect((await post(`/me/orders/${toCancel}/cancel`, m.cookie, { _csrf: csrf }, HX)).status).toBe(200);
    const cancelled = await listed(m);
    expect(rowOf(cancelled, toCancel)).toContain('data-status="cancelled"');
    expect(rowOf(cancelled, toShip)).toContain("背后改名");

    await rename(toShip, "记忆杯");
    expect(await listed(m)).toContain("背后改名"); // kept again
    const shipped = await shipOrder(db(), { orderId: toShip, carrier: "顺丰", trackingNo: "SF100", now: Date.now() });
    expect(shipped.ok).toBe(true);
    const afterShip = await listed(m);
    expect(rowOf(afterShip, toShip)).toContain('data-status="shipped"');
    expect(afterShip).not.toContain("背后改名");

    expect((await post(`/me/orders/${toShip}/receive`, m.cookie, { _csrf: csrf }, HX)).status).toBe(200);
    expect(rowOf(await listed(m), toShip)).toContain('data-status="completed"');
  });

  it("does not keep a page whose read overlapped a write of this isolate", () => {
    const uid = `m-${crypto.randomUUID()}`;
    const page = { orders: [], nextCursor: null };
    const now = Date.now();
    const mark = ordersReadMark(now);
    forgetMemberOrders("someone-else"); // any write in between: the read may predate it
    keepOrdersPage(db(), uid, undefined, page, mark);
    expect(keptOrdersPage(db(), uid, undefined, now)).toBeNull();

    keepOrdersPage(db(), uid, undefined, page, ordersReadMark(now));
    expect(keptOrdersPage(db(), uid, undefined, now + ORDERS_PAGE_MEMO_MS - 1)).toBe(page);
    expect(keptOrdersPage(db(), uid, undefined, now + ORDERS_PAGE_MEMO_MS)).toBeNull();
    forgetMemberOrders(uid);
    expect(keptOrdersPage(db(), uid, undefined, now)).toBeNull();
  });
});
