// 我的订单 through the real Worker: the list (newest first, paged with htmx), an order's detail, ownership
// (another member's order is 404), and cancelling a placed order, which gives the points back.
import { describe, expect, it } from "vitest";
import {
  balanceOf,
  csrfOf,
  errorCodeIn,
  get,
  givePoints,
  HX,
  login,
  orderIdIn,
  post,
  redeemForm,
  type Member,
} from "./test-session";

const FREE_DELIVERY = 14; // coupon, 60 积分
const MUG = 7; // physical, 1200 积分
const ADDRESS = { recipient: "赵六", phone: "15000000000", region: "广东省 深圳市 南山区", detail: "科技园路 1 号" };

async function redeemOnce(m: Member, itemId: number, extra: Record<string, string> = {}): Promise<string> {
  const { key, csrf } = await redeemForm(m.cookie, itemId);
  const res = await post(`/items/${itemId}/redeem`, m.cookie, { _csrf: csrf, key, ...extra }, HX);
  expect(res.status).toBe(200);
  return orderIdIn(await res.text())!;
}

describe("我的订单", () => {
  it("lists the member's orders newest first with their states in Chinese, paged without gaps or repeats", async () => {
    const m = await login();
    await givePoints(m.uid, 2000);
    const made: string[] = [];
    for (let i = 0; i < 12; i++) made.push(await redeemOnce(m, FREE_DELIVERY));
    const page = await (await get("/me/orders", m.cookie)).text();
    expect(page).toContain("我的订单");
    const ids = [...page.matchAll(/<li class="order-row" data-order-id="([^"]+)"/g)].map((r) => r[1]!);
    expect(ids).toHaveLength(10);
    expect(page).toContain("免配送费券");
    expect(page).toMatch(/data-status="(completed|placed|fulfilled)">(已完成|已下单|已发放)</);
    let next = /hx-get="\/me\/orders\/more\?cursor=([^"]+)"/.exec(page)?.[1];
    expect(page).toMatch(/href="\/me\/orders\?cursor=[^"]+"/);
    while (next) {
      const frag = await (await get(`/me/orders/more?cursor=${next}`, m.cookie, HX)).text();
      expect(frag).not.toContain("<html");
      ids.push(...[...frag.matchAll(/<li class="order-row" data-order-id="([^"]+)"/g)].map((r) => r[1]!));
      next = /hx-get="\/me\/orders\/more\?cursor=([^"]+)"/.exec(frag)?.[1];
    }
    expect(ids).toHaveLength(12);
    expect(new Set(ids)).toEqual(new Set(made));
    expect(ids[0]).toBe(made[11]); // newest first
    expect((await get("/me/orders?cursor=%3Cx%3E", m.cookie)).status).toBe(400);
  });

  it("shows an order's detail with the coupon code, and only to its member (404 for anyone else)", async () => {
    const m = await login();
    await givePoints(m.uid, 100);
    const id = await redeemOnce(m, FREE_DELIVERY);
    const res = await get(`/me/orders/${id}`, m.cookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(id);
    expect(html).toContain("免配送费券");
    expect(html).toMatch(/data-coupon-code="[^"]+"/);
    expect(html).toContain("60 积分");
    const other = await login();
    expect((await get(`/me/orders/${id}`, other.cookie)).status).toBe(404);
    expect((await get(`/me/orders/no-such-order`, m.cookie)).status).toBe(404);
    expect((await get(`/me/orders/${id}`)).status).toBe(200); // a guest: the login help, no order
    const guest = await (await get(`/me/orders/${id}`)).text();
    expect(guest).not.toContain("免配送费券");
    expect(guest).not.toMatch(/data-coupon-code/);
    // the id only in the language switch's links back to the address the guest asked for
    expect(guest.replaceAll(`back=%2Fme%2Forders%2F${id}`, "")).not.toContain(id);
    const empty = await (await get("/me/orders", other.cookie)).text();
    expect(empty).toContain("还没有订单");
  });

  it("cancels a placed physical order: the points come back and the new balance is shown", async () => {
    const m = await login();
    await givePoints(m.uid, 1250); // 1300 with the bonus
    const id = await redeemOnce(m, MUG, { addressId: "new", ...ADDRESS });
    expect(await balanceOf(m.uid)).toBe(100);
    const detail = await (await get(`/me/orders/${id}`, m.cookie)).text();
    expect(detail).toContain("待发货");
    expect(detail).toContain("尚未发货");
    expect(detail).toMatch(/<form class="order__cancel"[^>]*action="\/me\/orders\/[^"]+\/cancel"/);
    const csrf = await csrfOf(m.cookie);

    // CSRF first: nothing happens without it
    expect((await post(`/me/orders/${id}/cancel`, m.cookie, {}, HX)).status).toBe(403);
    // another member cannot cancel it
    const other = await login();
    expect(
      (await post(`/me/orders/${id}/cancel`, other.cookie, { _csrf: await csrfOf(other.cookie) }, HX)).status,
    ).toBe(404);

    const res = await post(`/me/orders/${id}/cancel`, m.cookie, { _csrf: csrf }, HX);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("订单已取消，1200 积分已退回，当前余额 1300 积分");
    expect(html).toMatch(/<a id="balance-badge"[^>]*hx-swap-oob="true"[^>]*>.*1300 积分/s);
    expect(html).toContain('data-status="cancelled"');
    expect(html).not.toContain("order__cancel");
    expect(await balanceOf(m.uid)).toBe(1300);

    // again: idempotent, nothing refunded twice
    const again = await post(`/me/orders/${id}/cancel`, m.cookie, { _csrf: csrf }, HX);
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('data-status="cancelled"');
    expect(await balanceOf(m.uid)).toBe(1300);
  });

  it("does not offer to cancel a coupon order, and refuses a forced cancel with 409 NOT_CANCELLABLE", async () => {
    const m = await login();
    await givePoints(m.uid, 100);
    const id = await redeemOnce(m, FREE_DELIVERY);
    const detail = await (await get(`/me/orders/${id}`, m.cookie)).text();
    expect(detail).not.toContain("order__cancel");
    const res = await post(`/me/orders/${id}/cancel`, m.cookie, { _csrf: await csrfOf(m.cookie) }, HX);
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(errorCodeIn(html)).toBe("NOT_CANCELLABLE");
    expect(html).toContain("这个订单已不能取消");
    expect(await balanceOf(m.uid)).toBe(90);
  });

  it("has a link in the member bar and on 我的积分", async () => {
    const m = await login();
    expect(await (await get("/", m.cookie)).text()).toContain('href="/me/orders"');
    expect(await (await get("/me/points", m.cookie)).text()).toMatch(/class="menav__link" href="\/me\/orders"/);
  });
});
