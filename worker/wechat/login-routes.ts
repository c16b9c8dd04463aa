// WeChat login for a service account (服务号 网页授权, docs/architecture.md §4.5):
//   GET /wechat/login?redirect=/path  → 302 to WeChat's authorize page, snsapi_base (silent) or, when the
//                                       merchant turned it on in 设置, snsapi_userinfo (nickname, avatar)
//   GET /wechat/callback?code&state   → code → openid (+unionid) → member → session → 302 to the path
// The state is signed, short-lived and bound to this browser (../identity/wechat-state.ts); a code works
// once (WeChat answers 40163 to a second exchange): anything wrong is a 4xx page and no session.
import { Hono } from "hono";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";
import { isSameOriginPath, redirectTarget } from "../identity/autologin";
import { startSession } from "../identity/session";
import { STATE_COOKIE, STATE_TTL_MS, checkLoginState, newLoginState } from "../identity/wechat-state";
import { recordWechatLogin, resolveWechatUid, type WechatUser } from "../identity/wechat-member";
import { loadSettings, walletRules } from "../settings/load-settings";
import { wechatUserinfo } from "../settings/wechat-setting";
import { text } from "../text-rule";
import { validate } from "../validate";
import { walletFor } from "../wallet/wallet-stub";
import { settleArrival } from "../referrals/arrival";
import { ERRCODE } from "./client";
import { accountClient, wechatAccount } from "./config";

const LoginQuery = z.object({ redirect: z.string().max(512).optional() });
const CallbackQuery = z.object({
  code: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,128}$/)
    .optional(),
  state: z.string().max(128).optional(),
});
const Nickname = text({ max: 32, min: 0 });
const Avatar = z.url({ protocol: /^https?$/ }).max(512);
const CODE_ERRCODES: ReadonlySet<number> = new Set([ERRCODE.INVALID_CODE, ERRCODE.CODE_USED, ERRCODE.CODE_EXPIRED]);

const unavailable = (detail: unknown): never => {
  console.log(JSON.stringify({ at: new Date().toISOString(), event: "wechat_login_failed", detail }));
  throw new AppError("WECHAT_UNAVAILABLE");
};

export const wechatLogin = new Hono<AppEnv>()
  .get("/wechat/login", validate("query", LoginQuery), async (c) => {
    const account = wechatAccount(c.env);
    if (!account) throw new AppError("WECHAT_NOT_CONFIGURED");
    const asked = c.req.valid("query").redirect;
    const redirect = asked && isSameOriginPath(asked) ? asked : "/";
    const { state, cookie } = await newLoginState(c.env.SESSION_SECRET, redirect, Date.now());
    await setSignedCookie(c, STATE_COOKIE, cookie, c.env.SESSION_SECRET, {
      path: "/wechat",
      httpOnly: true,
      sameSite: "Lax",
      secure: c.env.MALL_ENV === "production",
      maxAge: STATE_TTL_MS / 1000,
    });
    const redirectUri = new URL("/wechat/callback", c.req.url).toString();
    c.header("Cache-Control", "no-store");
    return c.redirect(
      accountClient(account).authorizeUrl({
        redirectUri,
        scope: (await wechatUserinfo(c.var.db)) ? "snsapi_userinfo" : "snsapi_base",
        state,
      }),
      302,
    );
  })

  .get("/wechat/callback", validate("query", CallbackQuery, "WECHAT_STATE_INVALID"), async (c) => {
    const account = wechatAccount(c.env);
    if (!account) throw new AppError("WECHAT_NOT_CONFIGURED");
    const now = Date.now();
    const { code, state } = c.req.valid("query");
    const cookie = await getSignedCookie(c, c.env.SESSION_SECRET, STATE_COOKIE);
    deleteCookie(c, STATE_COOKIE, { path: "/wechat" }); // a state is used once, whatever happens next
    const redirect = await checkLoginState(c.env.SESSION_SECRET, state, cookie, now);
    if (redirect === null) throw new AppError("WECHAT_STATE_INVALID");
    if (!code) throw new AppError("WECHAT_LOGIN_DENIED"); // the member refused the consent page

    const client = accountClient(account);
    const token = await client.exchangeCode(code);
    if (!token.ok) {
      if (token.code === "WECHAT_ERROR" && CODE_ERRCODES.has(token.errcode)) throw new AppError("WECHAT_CODE_INVALID");
      return unavailable(token);
    }
    const user: WechatUser = { appid: account.appid, openid: token.value.openid, unionid: token.value.unionid };
    if (token.value.scope.split(",").includes("snsapi_userinfo")) {
      const info = await client.userInfo(token.value.access_token, token.value.openid);
      if (!info.ok) return unavailable(info);
      user.unionid ??= info.value.unionid;
      const nickname = Nickname.safeParse(info.value.nickname);
      if (nickname.success && nickname.data) user.nickname = nickname.data;
      const avatar = Avatar.safeParse(info.value.headimgurl);
      if (avatar.success) user.avatar = avatar.data;
    }
    const db = c.var.db;
    const uid = await resolveWechatUid(db, user);
    await recordWechatLogin(db, uid, user, now);
    const rules = walletRules(await loadSettings(db));
    const { created } = await walletFor(c.env, uid).ensureMember({ uid, now, rules });
    await settleArrival(c, { uid, created, redirect, rules, now }); // an invite remembered before (worker/referrals)
    await startSession(c, uid);
    c.header("Cache-Control", "no-store");
    return c.redirect(redirectTarget(redirect), 302);
  });
