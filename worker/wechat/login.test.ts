// WeChat login (网页授权) through the real Worker and the fake WeChat: snsapi_base silently, snsapi_userinfo
// when the merchant turns it on; the state checked (signed, short-lived, this browser's); a code works once;
// a unionid or openid bound by the merchant's server logs in as the merchant's member.
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { desc, eq } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { getDb } from "../../db/client";
import { auditLog, members, settings, wechatIdentities } from "../../db/schema";
import { OWNER, ownerSession, postForm } from "../admin/test-admin";
import { checkLoginState, newLoginState, STATE_TTL_MS } from "../identity/wechat-state";
import { balanceOf } from "../shop/test-session";

const BASE = "http://mall.test";
const WECHAT_UA = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Mobile Safari/537.36 MicroMessenger/8.0.49.2600";
const f = inject("fakes").wechat;
const db = () => getDb(env.TURSO_DATABASE_URL);
type FakeUser = { openid: string; unionid: string; nickname: string };

const newUser = async (nickname = "微信用户"): Promise<FakeUser> =>
  (await fetch(`${f.url}/__fake/wechat/users`, {
    method: "POST",
    body: JSON.stringify({ nickname, headimgurl: "https://thirdwx.qlogo.cn/mmopen/x/132" }),
  }).then((r) => r.json())) as FakeUser;

const cookieOf = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith(`${name}=`) && c.length > name.length + 1);

/** The mall's /wechat/login: the state cookie and WeChat's authorize URL. */
async function start(redirect = "/me/points") {
  const res = await SELF.fetch(`${BASE}/wechat/login?redirect=${encodeURIComponent(redirect)}`, {
    redirect: "manual",
  });
  expect(res.status).toBe(302);
  const authorize = new URL(res.headers.get("location")!);
  return { stateCookie: cookieOf(res, "pm_wx_state")!, authorize };
}

/** The phone at WeChat's authorize page as `user`: silently for snsapi_base (WeChat knows them), consent for snsapi_userinfo. */
async function authorizeAs(authorize: URL, user: FakeUser): Promise<string> {
  const q = authorize.searchParams;
  const res =
    q.get("scope") === "snsapi_base"
      ? await fetch(authorize.toString(), { headers: { Cookie: `fake_wx_openid=${user.openid}` }, redirect: "manual" })
      : await fetch(`${f.url}/connect/oauth2/authorize/confirm`, {
          method: "POST",
          body: new URLSearchParams({ ...Object.fromEntries(q), openid: user.openid }),
          redirect: "manual",
        });
  expect(res.status).toBe(302);
  return res.headers.get("location")!;
}

const callback = (url: string, cookie?: string) =>
  SELF.fetch(url, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });

async function identity(openid: string) {
  return (await db().select().from(wechatIdentities).where(eq(wechatIdentities.openid, openid)))[0];
}

async function bind(uid: string, body: Record<string, string>) {
  return SELF.fetch(`${BASE}/api/v1/members/${uid}/wechat`, {
    method: "PUT",
    headers: { Authorization: `Bearer ${env.MERCHANT_API_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("WeChat login", () => {
  it("snsapi_base: silently, code → openid + unionid → a member of its own with the new-member bonus", async () => {
    const user = await newUser();
    const { stateCookie, authorize } = await start("/me/points?tab=ledger");
    expect(authorize.origin + authorize.pathname).toBe(`${f.url}/connect/oauth2/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      appid: f.appid,
      redirect_uri: `${BASE}/wechat/callback`,
      response_type: "code",
      scope: "snsapi_base",
    });
    expect(authorize.hash).toBe("#wechat_redirect");
    expect(stateCookie).toBeDefined();
    const back = await callback(await authorizeAs(authorize, user), stateCookie);
    expect(back.status).toBe(302);
    expect(back.headers.get("location")).toBe("/me/points?tab=ledger");
    const session = cookieOf(back, "pm_session");
    expect(session).toBeDefined();
    expect(await identity(user.openid)).toMatchObject({ uid: `wx:${user.openid}`, unionid: user.unionid });
    expect(await balanceOf(`wx:${user.openid}`)).toBe(50);
    // the session is the member's: 我的积分 answers 200 with their balance
    const me = await SELF.fetch(`${BASE}/me/points`, { headers: { Cookie: session! }, redirect: "manual" });
    expect(me.status).toBe(200);
  });

  it("a replayed code is a 401 page and no session, even with the state and cookie that went with it", async () => {
    const user = await newUser();
    const { stateCookie, authorize } = await start();
    const url = await authorizeAs(authorize, user);
    expect((await callback(url, stateCookie)).status).toBe(302);
    const again = await callback(url, stateCookie);
    expect(again.status).toBe(401);
    expect(cookieOf(again, "pm_session")).toBeUndefined();
    expect(await again.text()).toContain("微信授权已使用或已过期");
  });

  it("the state: another browser's, a tampered one, none, or no cookie → 403 and nothing written", async () => {
    const user = await newUser();
    const mine = await start();
    const theirs = await start();
    const url = new URL(await authorizeAs(mine.authorize, user));
    const tampered = new URL(url);
    tampered.searchParams.set(
      "state",
      url.searchParams.get("state")!.replace(/.$/, (c) => (c === "0" ? "1" : "0")),
    );
    const stateless = new URL(url);
    stateless.searchParams.delete("state");
    for (const [link, cookie] of [
      [url, theirs.stateCookie], // a callback link sent to someone else (login CSRF)
      [url, undefined],
      [tampered, mine.stateCookie],
      [stateless, mine.stateCookie],
    ] as const) {
      const res = await callback(link.toString(), cookie);
      expect(res.status, `${link} ${cookie}`).toBe(403);
      expect(cookieOf(res, "pm_session")).toBeUndefined();
    }
    expect(await identity(user.openid)).toBeUndefined();
    // the code was never exchanged: the right browser still logs in with it
    expect((await callback(url.toString(), mine.stateCookie)).status).toBe(302);
  });

  it("a state is short-lived: accepted until STATE_TTL_MS, refused after", async () => {
    const now = Date.now();
    const { state, cookie } = await newLoginState(env.SESSION_SECRET, "/x", now);
    expect(state.length).toBeLessThanOrEqual(128); // WeChat's limit
    expect(await checkLoginState(env.SESSION_SECRET, state, cookie, now + STATE_TTL_MS - 1)).toBe("/x");
    expect(await checkLoginState(env.SESSION_SECRET, state, cookie, now + STATE_TTL_MS)).toBeNull();
    expect(await checkLoginState("another-secret", state, cookie, now)).toBeNull();
  });

  it("the member refusing consent (no code) is a 401 and no session", async () => {
    const { stateCookie, authorize } = await start();
    const target = new URL(authorize.searchParams.get("redirect_uri")!);
    target.searchParams.set("state", authorize.searchParams.get("state")!);
    const res = await callback(target.toString(), stateCookie);
    expect(res.status).toBe(401);
    expect(cookieOf(res, "pm_session")).toBeUndefined();
  });

  it("a unionid bound by the merchant's server logs in as the merchant's uid; the binding is idempotent on its ref", async () => {
    const user = await newUser();
    const uid = `shop-${crypto.randomUUID().slice(0, 8)}`;
    const ref = `bind-${crypto.randomUUID()}`;
    const first = await bind(uid, { ref, unionid: user.unionid });
    expect(first.status).toBe(200);
    const answer = await first.json();
    expect(answer).toMatchObject({ uid, kind: "unionid", value: user.unionid, ref });
    expect(await (await bind(uid, { ref, unionid: user.unionid })).json()).toEqual(answer);
    const other = await newUser();
    const conflict = await bind(uid, { ref, unionid: other.unionid });
    expect(conflict.status).toBe(409);
    expect(((await conflict.json()) as { error: { code: string } }).error.code).toBe("REF_CONFLICT");
    const taken = await bind("someone-else", { ref: `bind-${crypto.randomUUID()}`, unionid: user.unionid });
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as { error: { code: string } }).error.code).toBe("WECHAT_ALREADY_BOUND");
    expect((await bind(uid, { ref: "r-both-1", unionid: user.unionid, openid: user.openid })).status).toBe(422);

    const { stateCookie, authorize } = await start();
    const back = await callback(await authorizeAs(authorize, user), stateCookie);
    expect(back.status).toBe(302);
    expect(await identity(user.openid)).toMatchObject({ uid, unionid: user.unionid });
    expect(await balanceOf(uid)).toBe(50);
  });

  it("an openid bound after a first login of its own moves that WeChat user to the merchant's member", async () => {
    const user = await newUser();
    let s = await start();
    await callback(await authorizeAs(s.authorize, user), s.stateCookie);
    expect((await identity(user.openid))?.uid).toBe(`wx:${user.openid}`);
    const uid = `shop-${crypto.randomUUID().slice(0, 8)}`;
    expect((await bind(uid, { ref: `bind-${crypto.randomUUID()}`, openid: user.openid })).status).toBe(200);
    s = await start();
    expect((await callback(await authorizeAs(s.authorize, user), s.stateCookie)).status).toBe(302);
    expect((await identity(user.openid))?.uid).toBe(uid);
  });

  it("snsapi_userinfo when the merchant turns it on in 设置: consent, then nickname and avatar on the member", async () => {
    const owner = await ownerSession("/admin/settings");
    const page = await (await SELF.fetch(`${BASE}/admin/settings`, { headers: { Cookie: owner.cookie } })).text();
    expect(page).toContain(`data-wechat-appid="${f.appid}"`);
    expect(page).toContain("mall.test 设为网页授权域名");
    const save = (on: boolean) =>
      postForm(
        "/admin/settings/wechat",
        owner.cookie,
        new URLSearchParams({ _csrf: owner.csrf, ...(on ? { userinfo: "on" } : {}) }),
      );
    const saved = await save(true);
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe("/admin/settings?saved=wechat");
    expect((await db().select().from(settings).where(eq(settings.id, 1)))[0]?.wechatUserinfo).toBe(true);
    const audits = await db().select().from(auditLog).orderBy(desc(auditLog.id)).limit(20);
    const audit = audits.find((a) => JSON.stringify(a.after).includes('"wechatUserinfo":true'));
    expect(audit).toMatchObject({ actor: OWNER.email, action: "settings.update", target: "settings" });
    try {
      const user = await newUser("小栗子🌰");
      const { stateCookie, authorize } = await start();
      expect(authorize.searchParams.get("scope")).toBe("snsapi_userinfo");
      const back = await callback(await authorizeAs(authorize, user), stateCookie);
      expect(back.status).toBe(302);
      const [m] = await db()
        .select()
        .from(members)
        .where(eq(members.uid, `wx:${user.openid}`));
      expect(m).toMatchObject({ nickname: "小栗子🌰", avatarUrl: "https://thirdwx.qlogo.cn/mmopen/x/132" });
    } finally {
      expect((await save(false)).status).toBe(303);
    }
    expect((await start()).authorize.searchParams.get("scope")).toBe("snsapi_base");
  });

  it("登录 inside WeChat goes straight to the WeChat login, back to the page it came from; elsewhere the login page", async () => {
    const wechat = await SELF.fetch(`${BASE}/login`, {
      headers: { "User-Agent": WECHAT_UA, Referer: `${BASE}/items/3?from=timeline` },
      redirect: "manual",
    });
    expect(wechat.status).toBe(302);
    expect(wechat.headers.get("location")).toBe(
      `/wechat/login?redirect=${encodeURIComponent("/items/3?from=timeline")}`,
    );
    const foreign = await SELF.fetch(`${BASE}/login`, {
      headers: { "User-Agent": WECHAT_UA, Referer: "https://evil.example/items/3" },
      redirect: "manual",
    });
    expect(foreign.headers.get("location")).toBe("/wechat/login?redirect=%2F");
    const safari = await SELF.fetch(`${BASE}/login`, { redirect: "manual" });
    expect(safari.status).toBe(200);
    expect(await safari.text()).toContain("登录");
  });

  it("without an account configured /wechat/login is a 404 page", async () => {
    const { default: worker } = await import("../index");
    const { createExecutionContext, waitOnExecutionContext } = await import("cloudflare:test");
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      new Request(`${BASE}/wechat/login`),
      { ...env, WECHAT_APPID: undefined } as Env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(404);
  });
});
