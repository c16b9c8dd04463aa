// JSAPI from the shop: inside WeChat, a member who signed in through WeChat under the payment's AppID pays in
// WeChat's in-app cashier (the JSAPI order carries their openid; the page hands the signed params to
// getBrandWCPayRequest, and locally links the fake's cashier, which checks the same paySign); outside WeChat,
// or without that openid, the H5 cashier. And only the member's own order: another member's pay and close are
// 404 and change nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { wechatIdentities } from "../../db/schema";
import { balanceOf, csrfOf, db, get, givePoints, login, post } from "../shop/test-session";
import { cashOrder, configurePayments, fake, fakePay, orderRow, paymentRow } from "./test-support";

beforeAll(() => configurePayments());

const WECHAT_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN";
const WECHAT = { "User-Agent": WECHAT_UA };

async function wechatMember(appid: string) {
  const m = await login();
  const openid = `o${crypto.randomUUID().replaceAll("-", "").slice(0, 27)}`;
  await db().insert(wechatIdentities).values({ openid, appid, uid: m.uid, unionid: null, lastLoginAt: Date.now() });
  await givePoints(m.uid, 950);
  return { ...m, openid };
}

const attr = (html: string, name: string) =>
  new RegExp(`${name}="([^"]*)"`).exec(html)?.[1]?.replaceAll("&quot;", '"').replaceAll("&amp;", "&") ?? null;

describe("paying inside WeChat", () => {
  it("uses JSAPI with the member's openid, and the in-app cashier's payment is found on return", async () => {
    const m = await wechatMember(fakePay().appids[0]!);
    const { order } = await cashOrder({ uid: m.uid });
    const csrf = await csrfOf(m.cookie);
    const res = await post(`/me/orders/${order.id}/pay`, m.cookie, { _csrf: csrf }, WECHAT);
    expect(res.status).toBe(200);
    const html = await res.text();
    const params = JSON.parse(attr(html, "data-pay-params")!) as Record<string, string>;
    expect(params).toMatchObject({ appId: fakePay().appids[0], signType: "RSA" });
    expect(params.package).toMatch(/^prepay_id=/);
    expect(params.paySign).toBeTruthy();
    expect(attr(html, "data-return-url")).toBe(`/me/orders/${order.id}/paid`);
    // the provider's order is a JSAPI one, for this payer
    const at = (await (await fake("GET", `/orders/${order.id}`)).json()) as Record<string, unknown>;
    expect(JSON.stringify(at)).toContain(m.openid);
    expect((await paymentRow(order.id))?.channel).toBe("jsapi");
    // locally: the fake's cashier checks the same paySign and shows the payer
    const local = /href="([^"]+)" data-local-cashier/.exec(html)?.[1]?.replaceAll("&amp;", "&");
    expect(local).toBeTruthy();
    const page = await fetch(local!);
    expect(await page.text()).toContain(m.openid);
    // pay in the cashier; coming back, the mall asks the provider
    expect((await fake("POST", `/orders/${order.id}/pay`, { openid: m.openid })).status).toBe(200);
    const back = await (await get(`/me/orders/${order.id}/paid`, m.cookie, WECHAT)).text();
    expect(back).toContain('data-payment-state="paid"');
    expect((await orderRow(order.id)).status).toBe("placed");
  });

  it("takes the H5 cashier outside WeChat, or without an openid under the payment's AppID", async () => {
    const outside = await wechatMember(fakePay().appids[0]!);
    const a = await cashOrder({ uid: outside.uid });
    const r1 = await post(`/me/orders/${a.order.id}/pay`, outside.cookie, { _csrf: await csrfOf(outside.cookie) });
    expect(attr(await r1.text(), "data-pay-url")).toContain("/cgi-bin/mmpayweb-bin/checkmweb");
    expect((await paymentRow(a.order.id))?.channel).toBe("h5");

    const otherApp = await wechatMember("wx00000000000000ff");
    const b = await cashOrder({ uid: otherApp.uid });
    const r2 = await post(
      `/me/orders/${b.order.id}/pay`,
      otherApp.cookie,
      { _csrf: await csrfOf(otherApp.cookie) },
      WECHAT,
    );
    const html = await r2.text();
    expect(attr(html, "data-pay-url")).toContain("/cgi-bin/mmpayweb-bin/checkmweb");
    expect(html).not.toContain("data-pay-params");
    expect((await paymentRow(b.order.id))?.channel).toBe("h5");
  });
});

describe("another member's order", () => {
  it("cannot be paid or closed by someone else: 404, nothing started, nothing given back", async () => {
    const owner = await login();
    await givePoints(owner.uid, 950);
    const { order } = await cashOrder({ uid: owner.uid });
    const stranger = await wechatMember(fakePay().appids[0]!);
    const csrf = await csrfOf(stranger.cookie);
    const before = { owner: await balanceOf(owner.uid), stranger: await balanceOf(stranger.uid) };
    for (const headers of [{}, WECHAT, { "HX-Request": "true" }] as Record<string, string>[]) {
      expect((await post(`/me/orders/${order.id}/pay`, stranger.cookie, { _csrf: csrf }, headers)).status).toBe(404);
      expect((await post(`/me/orders/${order.id}/pay/close`, stranger.cookie, { _csrf: csrf }, headers)).status).toBe(
        404,
      );
      expect((await get(`/me/orders/${order.id}/paid`, stranger.cookie, headers)).status).toBe(404);
      expect((await get(`/me/orders/${order.id}/payment`, stranger.cookie, headers)).status).toBe(404);
    }
    expect((await orderRow(order.id)).status).toBe("awaiting_payment");
    expect(await paymentRow(order.id)).toBeNull();
    const at = await fake("GET", `/orders/${order.id}`);
    expect(at.status).toBe(404);
    expect({ owner: await balanceOf(owner.uid), stranger: await balanceOf(stranger.uid) }).toEqual(before);
  });
});
