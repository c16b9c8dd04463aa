// The Worker's WeChat client inside workerd against the fake WeChat server (test/fakes-global-setup):
// OAuth code exchange (single use), profile, global token and jsapi ticket, errcodes as typed failures.
import { env } from "cloudflare:workers";
import { inject } from "vitest";
import { describe, expect, it } from "vitest";
import { isTokenFailure, wechatClient } from "./client";

const f = inject("fakes").wechat;
const client = (over: Partial<Parameters<typeof wechatClient>[0]> = {}) =>
  wechatClient({
    appid: f.appid,
    secret: f.secret,
    apiBase: env.WECHAT_API_BASE,
    openBase: env.WECHAT_OPEN_BASE,
    ...over,
  });
const control = (path: string, body: unknown) =>
  fetch(`${f.url}/__fake/wechat/${path}`, { method: "POST", body: JSON.stringify(body) }).then(
    (r) => r.json() as Promise<{ openid: string; unionid: string }>,
  );

describe("wechatClient in workerd", () => {
  it("the Worker's WECHAT_API_BASE / WECHAT_OPEN_BASE point at the fake in tests", () => {
    expect([env.WECHAT_API_BASE, env.WECHAT_OPEN_BASE]).toEqual([f.url, f.url]);
  });

  it("authorize → code → openid + unionid → profile; the code works once", async () => {
    const user = await control("users", { nickname: "工作者", headimgurl: "https://thirdwx.qlogo.cn/w/132" });
    await control("next-user", { openid: user.openid });
    const url = client().authorizeUrl({
      redirectUri: "https://mall.example.com/wechat/callback",
      scope: "snsapi_userinfo",
      state: "s-42",
    });
    expect(url).toMatch(/#wechat_redirect$/);
    const res = await fetch(url, { redirect: "manual" });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get("location")!);
    expect(back.searchParams.get("state")).toBe("s-42");
    const token = await client().exchangeCode(back.searchParams.get("code")!);
    if (!token.ok) throw new Error(JSON.stringify(token));
    expect(token.value).toMatchObject({ openid: user.openid, unionid: user.unionid, scope: "snsapi_userinfo" });
    expect(await client().userInfo(token.value.access_token, user.openid)).toMatchObject({
      ok: true,
      value: { nickname: "工作者", headimgurl: "https://thirdwx.qlogo.cn/w/132" },
    });
    expect(await client().exchangeCode(back.searchParams.get("code")!)).toMatchObject({
      ok: false,
      code: "WECHAT_ERROR",
      errcode: 40163,
    });
  });

  it("token and ticket; an expired token is a token failure; wrong secret and outages are typed", async () => {
    const t = await client().accessToken();
    if (!t.ok) throw new Error(JSON.stringify(t));
    expect((await client().jsapiTicket(t.value.access_token)).ok).toBe(true);
    const bad = await client().jsapiTicket("not-a-token");
    expect(bad).toMatchObject({ ok: false, errcode: 40001 });
    expect(isTokenFailure(bad)).toBe(true);
    expect(await client({ secret: "wrong" }).accessToken()).toMatchObject({
      ok: false,
      code: "WECHAT_ERROR",
      errcode: 40125,
    });
    await fetch(`${f.url}/__fake/faults`, {
      method: "POST",
      body: JSON.stringify({
        path: "/cgi-bin/token",
        match: "grant_type=client_credential",
        kind: "status",
        status: 503,
        body: "busy",
      }),
    });
    expect(await client().accessToken()).toMatchObject({ ok: false, code: "WECHAT_UNAVAILABLE", status: 503 });
  });
});
