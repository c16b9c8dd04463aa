// 订阅号 (subscription accounts) cannot use web OAuth: the merchant's server answers a menu click with a text
// message carrying a signed one-time autologin link (README: 订阅号). This test plays the merchant's server
// as WeChat drives it — a CLICK event XML in, a passive text reply out — and opens the link the member taps,
// inside WeChat's browser: logged in once, as the merchant's uid; the same link again, or one older than 5
// minutes, is a 401 with no session.
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { signAutologinLink } from "../identity/autologin-sign";

const MALL = "http://mall.test";
const WECHAT_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800322c) NetType/WIFI Language/zh_CN";

const cdata = (xml: string, tag: string) =>
  new RegExp(`<${tag}><!\\[CDATA\\[([\\s\\S]*?)\\]\\]></${tag}>`).exec(xml)?.[1];

/** The merchant's server: a 订阅号 menu click (CLICK, EventKey MALL) → a passive text reply with the link. */
async function merchantServer(eventXml: string, now = Date.now()): Promise<string> {
  const openid = cdata(eventXml, "FromUserName")!;
  const account = cdata(eventXml, "ToUserName")!;
  if (cdata(eventXml, "Event") !== "CLICK" || cdata(eventXml, "EventKey") !== "MALL") return "success";
  // the merchant's own member id for this subscriber (here: derived from the openid it receives)
  const link = await signAutologinLink(MALL, env.AUTOLOGIN_SECRET, {
    uid: `sub:${openid.slice(0, 20)}`,
    redirect: "/me/points",
    now,
  });
  return `<xml><ToUserName><![CDATA[${openid}]]></ToUserName><FromUserName><![CDATA[${account}]]></FromUserName><CreateTime>${Math.floor(now / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[<a href="${link}">进入积分商城</a>]]></Content></xml>`;
}

const clickEvent = (openid: string) =>
  `<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[MALL]]></EventKey></xml>`;

const tap = (reply: string) => {
  const href = /<a href="([^"]+)">/.exec(cdata(reply, "Content") ?? "")?.[1];
  expect(href).toBeDefined();
  return SELF.fetch(href!, { headers: { "User-Agent": WECHAT_UA }, redirect: "manual" });
};

describe("订阅号: a menu reply's signed one-time link", () => {
  it("logs the subscriber in once, as the merchant's uid; the same link again is a 401 and no session", async () => {
    const openid = `oSub${crypto.randomUUID().replace(/-/g, "").slice(0, 24)}`;
    const reply = await merchantServer(clickEvent(openid));
    expect(cdata(reply, "MsgType")).toBe("text");
    expect(cdata(reply, "ToUserName")).toBe(openid);
    const first = await tap(reply);
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe("/me/points");
    const session = first.headers.getSetCookie().find((c) => c.startsWith("pm_session="));
    expect(session).toBeDefined();
    const me = await SELF.fetch(`${MALL}/me/points`, { headers: { Cookie: session!.split(";")[0]! } });
    expect(me.status).toBe(200);
    expect(await me.text()).toContain("50"); // the new-member bonus, in the member's balance

    const again = await tap(reply); // forwarded to a chat, tapped again
    expect(again.status).toBe(401);
    expect(again.headers.getSetCookie().some((c) => c.startsWith("pm_session="))).toBe(false);
  });

  it("a reply tapped more than 5 minutes later is a 401 and no session", async () => {
    const reply = await merchantServer(clickEvent(`oSub${crypto.randomUUID().slice(0, 8)}`), Date.now() - 6 * 60_000);
    const late = await tap(reply);
    expect(late.status).toBe(401);
    expect(await late.text()).toContain("登录链接已过期");
  });
});
