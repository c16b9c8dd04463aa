// The member's pay pages through the real Worker: the pay box, 微信支付 → on to the provider's H5 cashier
// (with the return URL), the return page learning the payment by a query to the provider (no notification
// needed), the poll fragment, and 关闭订单 giving the points back at once. Only the member's own orders.
import { beforeAll, describe, expect, it } from "vitest";
import { balanceOf, csrfOf, get, givePoints, HX, login, post } from "../shop/test-session";
import { cashOrder, configurePayments, fake, fakePay, orderRow, paymentRow } from "./test-support";

beforeAll(() => configurePayments());

describe("paying an order's cash part", () => {
  it("starts the H5 payment, and the return page finds it paid by asking the provider", async () => {
    const m = await login();
    await givePoints(m.uid, 950);
    const { order } = await cashOrder({ uid: m.uid });
    const page = await (await get(`/me/orders/${order.id}/pay`, m.cookie)).text();
    expect(page).toContain("data-pay-button");
    expect(page).toContain("¥10.00");
    expect(await (await get(`/me/orders/${order.id}`, m.cookie)).text()).toContain(`/me/orders/${order.id}/pay`);
    const csrf = await csrfOf(m.cookie);
    const res = await post(`/me/orders/${order.id}/pay`, m.cookie, { _csrf: csrf });
    expect(res.status).toBe(200);
    const to = new URL(/data-pay-url="([^"]+)"/.exec(await res.text())![1]!.replaceAll("&amp;", "&"));
    expect(to.origin).toBe(fakePay().url);
    expect(to.pathname).toBe("/cgi-bin/mmpayweb-bin/checkmweb");
    expect(to.searchParams.get("redirect_url")).toBe(`http://mall.test/me/orders/${order.id}/paid`);
    // the cashier page the member sees
    expect(await (await fetch(to)).text()).toContain("¥10.00");
    // not paid yet: the poll says so and keeps polling
    const poll = await (await get(`/me/orders/${order.id}/payment`, m.cookie, HX)).text();
    expect(poll).toContain('data-payment-state="pending"');
    expect(poll).toContain('hx-trigger="every 2s"');
    expect((await fake("POST", `/orders/${order.id}/pay`, {})).status).toBe(200);
    const back = await (await get(`/me/orders/${order.id}/paid`, m.cookie)).text();
    expect(back).toContain('data-payment-state="paid"');
    expect(back).not.toContain('hx-trigger="every 2s"');
    expect((await orderRow(order.id)).status).toBe("placed");
    expect((await paymentRow(order.id))?.state).toBe("paid");
  });

  it("closing the unpaid order gives the points back at once; strangers and guests get nothing", async () => {
    const m = await login();
    await givePoints(m.uid, 950);
    const { order } = await cashOrder({ uid: m.uid });
    expect(await balanceOf(m.uid)).toBe(700);
    const other = await login();
    expect((await get(`/me/orders/${order.id}/pay`, other.cookie)).status).toBe(404);
    expect((await get(`/me/orders/${order.id}/pay`)).status).toBe(401);
    const csrf = await csrfOf(m.cookie);
    expect((await post(`/me/orders/${order.id}/pay/close`, m.cookie, { _csrf: "x" })).status).toBe(403);
    const res = await post(`/me/orders/${order.id}/pay/close`, m.cookie, { _csrf: csrf }, HX);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("300 积分已退回");
    expect(await balanceOf(m.uid)).toBe(1000);
    expect((await orderRow(order.id)).status).toBe("cancelled");
    // closing again, or paying now, is refused and gives nothing twice
    expect((await post(`/me/orders/${order.id}/pay/close`, m.cookie, { _csrf: csrf }, HX)).status).toBe(409);
    expect((await post(`/me/orders/${order.id}/pay`, m.cookie, { _csrf: csrf }, HX)).status).toBe(409);
    expect(await balanceOf(m.uid)).toBe(1000);
  });
});
