// The fake WeChat over real HTTP, driven by the Worker's own client (worker/wechat/client.ts) where it can be.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wechatClient } from "../../worker/wechat/client";
import { jsSdkSignature } from "../../worker/wechat/js-sdk-signature";
import { DEFAULT_WECHAT_APP, startWechatFake, type WechatFake } from "./index";

let fake: WechatFake;
let now = Date.now();
const post = (path: string, body: unknown) =>
  fetch(fake.url + path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  }).then((r) => r.json());
const client = () =>
  wechatClient({
    appid: DEFAULT_WECHAT_APP.appid,
    secret: DEFAULT_WECHAT_APP.secret,
    apiBase: fake.url,
    openBase: fake.url,
  });

beforeAll(async () => {
  fake = await startWechatFake({
    now: () => now,
    apps: [
      DEFAULT_WECHAT_APP,
      {
        appid: "wxbase000000000002",
        secret: "s2",
        name: "无开放平台",
        openPlatform: false,
        authorizedDomains: ["mall.example.com"],
      },
    ],
  });
});
afterAll(() => fake.stop());

async function authorizeAs(
  openid: string,
  scope: "snsapi_base" | "snsapi_userinfo",
  state = "st-1",
  redirectUri = "http://127.0.0.1:8787/wechat/callback?x=1",
) {
  await post("/__fake/wechat/next-user", { openid });
  const res = await fetch(client().authorizeUrl({ redirectUri, scope, state }), { redirect: "manual" });
  expect(res.status).toBe(302);
  return new URL(res.headers.get("location")!);
}

describe("OAuth web login", () => {
  it("redirects with a single-use code for a preset user; the code gives openid, scope and unionid (open platform bound)", async () => {
    const u = await post("/__fake/wechat/users", { nickname: "小栗子", headimgurl: "https://thirdwx.qlogo.cn/x/132" });
    const back = await authorizeAs(u.openid, "snsapi_base");
    expect(back.origin + back.pathname).toBe("http://127.0.0.1:8787/wechat/callback");
    expect(back.searchParams.get("x")).toBe("1");
    expect(back.searchParams.get("state")).toBe("st-1");
    const code = back.searchParams.get("code")!;
    const tok = await client().exchangeCode(code);
    expect(tok).toMatchObject({
      ok: true,
      value: { openid: u.openid, unionid: u.unionid, scope: "snsapi_base", expires_in: 7200 },
    });
    expect(await client().exchangeCode(code)).toEqual({
      ok: false,
      code: "WECHAT_ERROR",
      errcode: 40163,
      errmsg: expect.stringMatching(/^code been used/),
    });
    expect(await client().exchangeCode("nonsense")).toMatchObject({ ok: false, errcode: 40029 });
    // a snsapi_base token cannot read the profile
    if (!tok.ok) throw new Error();
    expect(await client().userInfo(tok.value.access_token, u.openid)).toMatchObject({ ok: false, errcode: 48001 });
  });

  it("snsapi_userinfo: profile with nickname, avatar and unionid; expired codes refused", async () => {
    const u = await post("/__fake/wechat/users", {
      nickname: "阿May",
      headimgurl: "https://thirdwx.qlogo.cn/y/132",
      sex: 2,
    });
    const code = (await authorizeAs(u.openid, "snsapi_userinfo")).searchParams.get("code")!;
    const tok = await client().exchangeCode(code);
    if (!tok.ok) throw new Error(JSON.stringify(tok));
    expect(await client().userInfo(tok.value.access_token, u.openid)).toEqual({
      ok: true,
      value: {
        openid: u.openid,
        nickname: "阿May",
        sex: 2,
        province: "",
        city: "",
        country: "",
        headimgurl: "https://thirdwx.qlogo.cn/y/132",
        privilege: [],
        unionid: u.unionid,
      },
    });
    expect(await client().userInfo(tok.value.access_token, "someone-else")).toMatchObject({
      ok: false,
      errcode: 40003,
    });
    const late = (await authorizeAs(u.openid, "snsapi_base")).searchParams.get("code")!;
    now += 5 * 60_000 + 1;
    expect(await client().exchangeCode(late)).toMatchObject({ ok: false, errcode: 42003 });
  });

  it("an app without an open platform gives no unionid; redirect_uri must be on its authorized domain", async () => {
    const c = wechatClient({ appid: "wxbase000000000002", secret: "s2", apiBase: fake.url, openBase: fake.url });
    const u = await post("/__fake/wechat/users", { appid: "wxbase000000000002", nickname: "B" });
    const bad = await fetch(
      c.authorizeUrl({ redirectUri: "https://evil.example.net/cb", scope: "snsapi_base", state: "s" }),
      { redirect: "manual" },
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("10003");
    await post("/__fake/wechat/next-user", { appid: "wxbase000000000002", openid: u.openid });
    const ok = await fetch(
      c.authorizeUrl({ redirectUri: "https://mall.example.com/cb", scope: "snsapi_base", state: "s" }),
      { redirect: "manual" },
    );
    const code = new URL(ok.headers.get("location")!).searchParams.get("code")!;
    const tok = await c.exchangeCode(code);
    expect(tok.ok && tok.value.unionid).toBe(undefined);
    expect(tok.ok && tok.value.openid).toBe(u.openid);
    expect(
      await wechatClient({ appid: "wxbase000000000002", secret: "wrong", apiBase: fake.url }).exchangeCode(code),
    ).toMatchObject({ errcode: 40125 });
  });

  it("without a preset user a developer picks one on a page (no JS), and snsapi_base is silent for that browser afterwards", async () => {
    const u = await post("/__fake/wechat/users", { nickname: "开发者甲" });
    const url = client().authorizeUrl({
      redirectUri: "http://127.0.0.1:8787/cb",
      scope: "snsapi_userinfo",
      state: "p",
    });
    const pageRes = await fetch(url);
    const page = await pageRes.text();
    expect(page).toContain("允许");
    expect(page).toContain("开发者甲");
    const form = new URLSearchParams({
      appid: DEFAULT_WECHAT_APP.appid,
      redirect_uri: "http://127.0.0.1:8787/cb",
      response_type: "code",
      scope: "snsapi_userinfo",
      state: "p",
      openid: u.openid,
    });
    const res = await fetch(`${fake.url}/connect/oauth2/authorize/confirm`, {
      method: "POST",
      body: form,
      redirect: "manual",
    });
    expect(res.status).toBe(302);
    const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
    expect(new URL(res.headers.get("location")!).searchParams.get("state")).toBe("p");
    const silent = await fetch(url.replace("snsapi_userinfo", "snsapi_base"), {
      headers: { cookie },
      redirect: "manual",
    });
    expect(silent.status).toBe(302);
    const tok = await client().exchangeCode(new URL(silent.headers.get("location")!).searchParams.get("code")!);
    expect(tok.ok && tok.value.openid).toBe(u.openid);
  });
});

describe("access_token, jsapi_ticket and wx.config", () => {
  it("counts token calls; a new token retires the old one after 5 minutes; force-expiry gives 42001", async () => {
    const c = client();
    const before = (await (await fetch(`${fake.url}/__fake/wechat/stats`)).json()).tokenCalls;
    const first = await c.accessToken();
    if (!first.ok) throw new Error();
    expect(first.value.expires_in).toBe(7200);
    const ticket = await c.jsapiTicket(first.value.access_token);
    expect(ticket).toMatchObject({ ok: true, value: { errcode: 0, errmsg: "ok", expires_in: 7200 } });
    const second = await c.accessToken();
    if (!second.ok) throw new Error();
    expect((await c.jsapiTicket(first.value.access_token)).ok).toBe(true); // old token in its grace period
    now += 5 * 60_000;
    expect(await c.jsapiTicket(first.value.access_token)).toMatchObject({ ok: false, errcode: 40001 });
    expect((await (await fetch(`${fake.url}/__fake/wechat/stats`)).json()).tokenCalls).toBe(before + 2);
    await post("/__fake/wechat/expire", { what: "access_token" });
    expect(await c.jsapiTicket(second.value.access_token)).toMatchObject({ ok: false, errcode: 42001 });
  });

  it("the same ticket until it expires; a wx.config signed by worker/wechat verifies with the fake's own SHA-1", async () => {
    const c = client();
    const t = await c.accessToken();
    if (!t.ok) throw new Error();
    const a = await c.jsapiTicket(t.value.access_token);
    const b = await c.jsapiTicket(t.value.access_token);
    if (!a.ok || !b.ok) throw new Error();
    expect(b.value.ticket).toBe(a.value.ticket);
    const cfg = {
      appId: DEFAULT_WECHAT_APP.appid,
      timestamp: Math.floor(now / 1000),
      nonceStr: "abc123",
      url: "http://127.0.0.1:8787/items/3?from=timeline#top",
    };
    const signature = await jsSdkSignature({
      jsapiTicket: a.value.ticket,
      nonceStr: cfg.nonceStr,
      timestamp: cfg.timestamp,
      url: cfg.url,
    });
    expect(signature).toBe(
      createHash("sha1")
        .update(
          `jsapi_ticket=${a.value.ticket}&noncestr=abc123&timestamp=${cfg.timestamp}&url=http://127.0.0.1:8787/items/3?from=timeline`,
        )
        .digest("hex"),
    );
    expect(await post("/__fake/wechat/verify-config", { ...cfg, signature })).toEqual({ ok: true });
    expect(
      await post("/__fake/wechat/verify-config", { ...cfg, url: "http://127.0.0.1:8787/items/4", signature }),
    ).toEqual({ ok: false, reason: "invalid signature" });
    await post("/__fake/wechat/expire", { what: "jsapi_ticket" });
    const fresh = await c.jsapiTicket(t.value.access_token);
    expect(fresh.ok && fresh.value.ticket).not.toBe(a.value.ticket);
  });
});

describe("subscribe messages", () => {
  it("records a sent message, refuses 43101 when not subscribed or used up, and injected failures surface as typed failures", async () => {
    const c = client();
    const u = await post("/__fake/wechat/users", { nickname: "订阅者" });
    const t = await c.accessToken();
    if (!t.ok) throw new Error();
    const msg = {
      touser: u.openid,
      template_id: "tpl-points-expiring",
      page: "/me/points",
      data: { thing1: { value: "积分即将过期" }, number2: { value: "120" } },
    };
    expect(await c.sendSubscribeMessage(t.value.access_token, msg)).toMatchObject({ ok: false, errcode: 43101 });
    await post("/__fake/wechat/subscriptions", { openid: u.openid, templateId: "tpl-points-expiring" });
    const sent = await c.sendSubscribeMessage(t.value.access_token, msg);
    expect(sent).toMatchObject({ ok: true, value: { errcode: 0, errmsg: "ok" } });
    expect(await c.sendSubscribeMessage(t.value.access_token, msg)).toMatchObject({ ok: false, errcode: 43101 });
    const log = await (await fetch(`${fake.url}/__fake/wechat/messages?touser=${u.openid}`)).json();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ template_id: "tpl-points-expiring", data: msg.data, page: "/me/points" });
    expect(
      await c.sendSubscribeMessage(t.value.access_token, { ...msg, data: { thing1: { value: 5 } } as never }),
    ).toMatchObject({ ok: false, errcode: 47003 });
    expect(await c.sendSubscribeMessage(t.value.access_token, { ...msg, touser: "nobody" })).toMatchObject({
      ok: false,
      errcode: 40003,
    });

    await post("/__fake/wechat/subscriptions", {
      openid: u.openid,
      templateId: "tpl-points-expiring",
      times: "always",
    });
    await post("/__fake/faults", {
      path: "/cgi-bin/message/subscribe/send",
      match: u.openid,
      kind: "status",
      status: 503,
    });
    expect(await c.sendSubscribeMessage(t.value.access_token, msg)).toMatchObject({
      ok: false,
      code: "WECHAT_UNAVAILABLE",
      status: 503,
    });
    await post("/__fake/faults", {
      path: "/cgi-bin/message/subscribe/send",
      match: u.openid,
      kind: "status",
      status: 200,
      body: '{"errcode":-1,"errmsg":"system error"}',
    });
    expect(await c.sendSubscribeMessage(t.value.access_token, msg)).toMatchObject({
      ok: false,
      code: "WECHAT_ERROR",
      errcode: -1,
    });
    await post("/__fake/faults", { path: "/cgi-bin/message/subscribe/send", match: u.openid, kind: "hang" });
    const hung = await wechatClient({
      appid: DEFAULT_WECHAT_APP.appid,
      secret: DEFAULT_WECHAT_APP.secret,
      apiBase: fake.url,
      timeoutMs: 300,
    }).sendSubscribeMessage(t.value.access_token, msg);
    expect(hung).toMatchObject({ ok: false, code: "WECHAT_UNAVAILABLE" });
    expect((await c.sendSubscribeMessage(t.value.access_token, msg)).ok).toBe(true);
    const received = await (
      await fetch(`${fake.url}/__fake/requests?path=/cgi-bin/message/subscribe/send&match=${u.openid}`)
    ).json();
    expect(received.length).toBe(8);
  });
});

describe("the open tag wx-open-subscribe (JS-SDK double)", () => {
  const jsonpOf = async (res: Response) => {
    const body = await res.text();
    return JSON.parse(/^__wx_1\((.*)\);$/s.exec(body)![1]!) as { errMsg: string; subscribeDetails?: string };
  };
  const jssdk = (path: string, q: Record<string, string>, cookie?: string) =>
    fetch(`${fake.url}/__fake/wechat/jssdk/${path}?${new URLSearchParams({ callback: "__wx_1", ...q })}`, {
      headers: cookie ? { Cookie: cookie } : {},
    });

  it("accepts for the browser's WeChat user only after a wx.config listing the tag; then bizsend delivers once", async () => {
    const c = client();
    const u = await post("/__fake/wechat/users", { nickname: "开放标签" });
    const t = await c.accessToken();
    if (!t.ok) throw new Error();
    const ticket = await c.jsapiTicket(t.value.access_token);
    if (!ticket.ok) throw new Error();
    const url = `http://127.0.0.1:8787/messages?n=${Date.now()}`;
    const cfg = { appId: DEFAULT_WECHAT_APP.appid, timestamp: String(Math.floor(now / 1000)), nonceStr: "n1", url };
    const signature = await jsSdkSignature({ jsapiTicket: ticket.value.ticket, ...cfg });
    const sub = { appId: DEFAULT_WECHAT_APP.appid, url, templates: "TPL_open_tag" };
    const cookie = `fake_wx_openid=${encodeURIComponent(u.openid)}`;

    // before any config: refused
    expect((await jsonpOf(await jssdk("subscribe", sub, cookie))).errMsg).toMatch(/^subscribe:fail/);
    // a config without the tag in openTagList: still refused
    await jssdk("preverify", { ...cfg, signature, jsApiList: "", openTagList: "" });
    expect((await jsonpOf(await jssdk("subscribe", sub, cookie))).errMsg).toMatch(/^subscribe:fail/);
    // with it: accepted for this browser's user (and no user, no acceptance)
    await jssdk("preverify", { ...cfg, signature, jsApiList: "", openTagList: "wx-open-subscribe" });
    expect((await jsonpOf(await jssdk("subscribe", sub))).errMsg).toMatch(/^subscribe:fail/);
    const ok = await jsonpOf(await jssdk("subscribe", sub, cookie));
    expect(ok.errMsg).toBe("subscribe:ok");
    expect(JSON.parse(ok.subscribeDetails!)).toEqual({ TPL_open_tag: JSON.stringify({ status: "accept" }) });

    const msg = { touser: u.openid, template_id: "TPL_open_tag", data: { thing1: { value: "积分即将到期" } } };
    expect((await c.sendBizSubscribeMessage(t.value.access_token, msg)).ok).toBe(true);
    const again = await c.sendBizSubscribeMessage(t.value.access_token, msg);
    expect(!again.ok && again.code === "WECHAT_ERROR" && again.errcode).toBe(43101); // one acceptance, one message
  });
});
