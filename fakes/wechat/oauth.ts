// 网页授权 (OAuth2 for official accounts) as WeChat documents it:
//   GET /connect/oauth2/authorize?appid&redirect_uri&response_type=code&scope&state[#wechat_redirect]
//       → 302 redirect_uri?code=CODE&state=STATE   (snsapi_base: silently; snsapi_userinfo: after consent)
//   GET /sns/oauth2/access_token?appid&secret&code&grant_type=authorization_code
//   GET /sns/oauth2/refresh_token?appid&grant_type=refresh_token&refresh_token
//   GET /sns/userinfo?access_token&openid&lang     GET /sns/auth?access_token&openid
// Errors are HTTP 200 {errcode, errmsg}. Who is "on the phone": the user preset for the app with
// POST /__fake/wechat/next-user (tests), else the one this browser picked before (cookie), else a page
// where a developer picks a fake user or makes one; snsapi_userinfo always asks for consent unless preset.
import { esc, html, json, page, params, redirect, type FakeRequest, type FakeResponse } from "../http";
import { CODE_TTL_MS, token, type WechatState, type WechatUser } from "./state";

const wx = (value: unknown) => json(200, value, { "Content-Type": "application/json; encoding=utf-8" });
const err = (errcode: number, errmsg: string) => wx({ errcode, errmsg: `${errmsg} rid: ${token("", 6)}` });
const COOKIE = "fake_wx_openid";

function errorPage(code: number, message: string): FakeResponse {
  return html(400, page("出错了", `<div class="card"><h1>${esc(message)}</h1><p>错误码：${code}</p></div>`));
}

function cookieOpenid(req: FakeRequest): string | undefined {
  const m = new RegExp(`(?:^|; )${COOKIE}=([^;]+)`).exec(String(req.headers.cookie ?? ""));
  return m ? decodeURIComponent(m[1]!) : undefined;
}

function issueCode(
  state: WechatState,
  q: { appid: string; scope: string; redirect_uri: string; state?: string },
  user: WechatUser,
): FakeResponse {
  const code = token("", 24).slice(0, 32);
  state.codes.set(code, {
    code,
    appid: q.appid,
    openid: user.openid,
    scope: q.scope,
    createdAt: state.now(),
    used: false,
  });
  const target = new URL(q.redirect_uri);
  target.searchParams.set("code", code);
  target.searchParams.set("state", q.state ?? "");
  return redirect(target.toString(), {
    "Set-Cookie": `${COOKIE}=${encodeURIComponent(user.openid)}; Path=/; HttpOnly; SameSite=Lax`,
  });
}

function pickerPage(state: WechatState, q: Record<string, string>, consent: boolean): FakeResponse {
  const app = state.apps.get(q.appid!)!;
  const hidden = ["appid", "redirect_uri", "response_type", "scope", "state"]
    .map((k) => `<input type="hidden" name="${k}" value="${esc(q[k] ?? "")}">`)
    .join("");
  const users = [...state.users.values()].filter((u) => u.appid === app.appid);
  const list = users
    .map(
      (u) =>
        `<label><input type="radio" name="openid" value="${esc(u.openid)}"${u === users[0] ? " checked" : ""}> ${esc(u.nickname)} <span class="muted">${esc(u.openid)}</span></label>`,
    )
    .join("");
  const body = `<div class="card"><h1>${esc(app.name)}</h1><p>${consent ? "申请获取你的昵称、头像" : "选择一个模拟微信用户登录"}</p>
<form method="post" action="/connect/oauth2/authorize/confirm">${hidden}${list || '<p class="muted">还没有模拟用户：填写昵称新建一个。</p>'}
<label>新用户昵称 <input type="text" name="nickname" placeholder="新建模拟用户（可留空）"></label>
<button type="submit">${consent ? "允许" : "登录"}</button></form>
${consent ? `<form method="post" action="/connect/oauth2/authorize/confirm">${hidden}<input type="hidden" name="deny" value="1"><button class="secondary" type="submit">拒绝</button></form>` : ""}</div>`;
  return html(200, page("微信授权", body));
}

export function authorize(state: WechatState, req: FakeRequest): FakeResponse {
  const q = params(req);
  const app = q.appid ? state.apps.get(q.appid) : undefined;
  if (!app) return errorPage(10016, "appid 参数错误");
  let target: URL;
  try {
    target = new URL(q.redirect_uri ?? "");
    if (!/^https?:$/.test(target.protocol)) throw new Error();
  } catch {
    return errorPage(10003, "redirect_uri 参数错误");
  }
  if (app.authorizedDomains && !app.authorizedDomains.includes(target.host))
    return errorPage(10003, "redirect_uri 域名与后台配置不一致");
  if (q.response_type !== "code") return errorPage(10004, "response_type 参数错误");
  if (q.scope !== "snsapi_base" && q.scope !== "snsapi_userinfo")
    return errorPage(10005, "此公众号并没有这些 scope 的权限");
  if ((q.state ?? "").length > 128) return errorPage(10009, "state 参数过长");
  const ask = { appid: app.appid, scope: q.scope, redirect_uri: q.redirect_uri!, state: q.state };

  if (req.method === "POST" && req.path.endsWith("/confirm")) {
    if (q.deny) return redirect(target.toString()); // the user refused: no code (WeChat sends them back without one)
    let user = q.openid ? state.users.get(q.openid) : undefined;
    if (q.nickname?.trim()) user = state.addUser({ appid: app.appid, nickname: q.nickname.trim() });
    if (!user || user.appid !== app.appid) return pickerPage(state, q, q.scope === "snsapi_userinfo");
    return issueCode(state, ask, user);
  }
  const preset = state.nextUser.get(app.appid);
  if (preset && state.users.get(preset)) {
    state.nextUser.delete(app.appid);
    return issueCode(state, ask, state.users.get(preset)!);
  }
  const remembered = cookieOpenid(req);
  const user = remembered ? state.users.get(remembered) : undefined;
  if (q.scope === "snsapi_base" && user && user.appid === app.appid) return issueCode(state, ask, user);
  return pickerPage(state, q, q.scope === "snsapi_userinfo");
}

function snsToken(state: WechatState, appid: string, openid: string, scope: string) {
  const user = state.users.get(openid)!;
  const access_token = token("sns_", 30);
  const refresh_token = token("snsr_", 30);
  state.snsTokens.set(access_token, { token: access_token, appid, openid, scope, expiresAt: state.now() + 7200_000 });
  state.refreshTokens.set(refresh_token, { appid, openid, scope, expiresAt: state.now() + 30 * 86400_000 });
  const app = state.apps.get(appid)!;
  return wx({
    access_token,
    expires_in: 7200,
    refresh_token,
    openid,
    scope,
    ...(app.openPlatform && user.unionid ? { unionid: user.unionid } : {}),
  });
}

export function sns(state: WechatState, req: FakeRequest): FakeResponse | undefined {
  const q = params(req);
  if (req.path === "/sns/oauth2/access_token") {
    if (q.grant_type !== "authorization_code") return err(40002, "invalid grant_type");
    const app = q.appid ? state.apps.get(q.appid) : undefined;
    if (!app) return err(40013, "invalid appid");
    if (q.secret !== app.secret) return err(40125, "invalid appsecret");
    const code = q.code ? state.codes.get(q.code) : undefined;
    if (!code || code.appid !== app.appid) return err(40029, "invalid code");
    if (code.used) return err(40163, "code been used");
    if (state.now() - code.createdAt > CODE_TTL_MS) return err(42003, "code expired");
    code.used = true;
    return snsToken(state, app.appid, code.openid, code.scope);
  }
  if (req.path === "/sns/oauth2/refresh_token") {
    if (q.grant_type !== "refresh_token") return err(40002, "invalid grant_type");
    const r = q.refresh_token ? state.refreshTokens.get(q.refresh_token) : undefined;
    if (!r || r.appid !== q.appid) return err(40030, "invalid refresh_token");
    if (r.expiresAt <= state.now()) return err(42002, "refresh_token expired");
    return snsToken(state, r.appid, r.openid, r.scope);
  }
  if (req.path === "/sns/userinfo" || req.path === "/sns/auth") {
    const t = q.access_token ? state.snsTokens.get(q.access_token) : undefined;
    if (!t) return err(40001, "invalid credential, access_token is invalid or not latest");
    if (t.expiresAt <= state.now()) return err(42001, "access_token expired");
    if (q.openid !== t.openid) return err(40003, "invalid openid");
    if (req.path === "/sns/auth") return wx({ errcode: 0, errmsg: "ok" });
    if (t.scope !== "snsapi_userinfo") return err(48001, "api unauthorized");
    const u = state.users.get(t.openid)!;
    const app = state.apps.get(t.appid)!;
    return wx({
      openid: u.openid,
      nickname: u.nickname,
      sex: u.sex,
      province: u.province,
      city: u.city,
      country: u.country,
      headimgurl: u.headimgurl,
      privilege: [],
      ...(app.openPlatform && u.unionid ? { unionid: u.unionid } : {}),
    });
  }
  return undefined;
}

export { err as wechatError, wx as wechatJson };
