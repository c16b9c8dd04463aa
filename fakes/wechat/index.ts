// A contract-faithful fake of WeChat's official-account APIs (api.weixin.qq.com) and its OAuth pages
// (open.weixin.qq.com), both served from one local origin: the mall's WECHAT_API_BASE and WECHAT_OPEN_BASE.
// Control API (besides /__fake/requests and /__fake/faults from ../http):
//   POST /__fake/wechat/users          {appid?, openid?, unionid?, nickname?, headimgurl?, sex?, …} → the user
//   GET  /__fake/wechat/users
//   POST /__fake/wechat/next-user      {appid?, openid}  the next authorize answers for this user, no page
//   POST /__fake/wechat/subscriptions  {appid?, openid, templateId, times?: n | "always"}  (default 1: one-time)
//   GET  /__fake/wechat/messages?touser=&template_id=
//   GET  /__fake/wechat/stats?appid=   {tokenCalls, ticketCalls}
//   POST /__fake/wechat/expire         {appid?, what: "access_token"|"jsapi_ticket", how?: "expire"(42001)|"invalidate"(40001)}
//   POST /__fake/wechat/verify-config  {appId, timestamp, nonceStr, signature, url} → {ok, reason?}: checks a
//        wx.config against a ticket this fake issued, with its own SHA-1 (what WeChat's client does)
//   GET  /open/js/jweixin-1.6.0.js and GET /__fake/wechat/shares: the JS-SDK double (./jssdk.ts)
import { json, parseJson, startFakeServer, type FakeRequest, type FakeResponse } from "../http";
import { cgi } from "./cgi";
import { checkConfig, jssdk } from "./jssdk";
import { authorize, sns } from "./oauth";
import { WechatState, type WechatApp, type WechatUser } from "./state";

export type { WechatApp, WechatUser };
export const DEFAULT_WECHAT_APP: WechatApp = {
  appid: "wxfa4e5eed00000001",
  secret: "fa4e5eed0000000000000000000000a1",
  name: "栗子咖啡（模拟公众号）",
  openPlatform: true,
};

export type WechatFakeOptions = {
  port?: number;
  apps?: WechatApp[];
  users?: (Partial<WechatUser> & { appid?: string })[];
  expiresInSeconds?: number;
  now?: () => number;
};
export type WechatFake = { url: string; apps: WechatApp[]; state: WechatState; stop(): Promise<void> };

export async function startWechatFake(opts: WechatFakeOptions = {}): Promise<WechatFake> {
  const state = new WechatState(opts.expiresInSeconds ?? 7200, opts.now);
  const apps = opts.apps ?? [DEFAULT_WECHAT_APP];
  for (const a of apps) state.apps.set(a.appid, a);
  const defaultAppid = apps[0]!.appid;
  for (const u of opts.users ?? []) state.addUser({ ...u, appid: u.appid ?? defaultAppid });

  const handler = (req: FakeRequest): FakeResponse | undefined => {
    const sdk = jssdk(state, req);
    if (sdk) return sdk;
    if (req.path.startsWith("/__fake/wechat/")) return control(state, defaultAppid, req);
    if (req.path === "/connect/oauth2/authorize" || req.path === "/connect/oauth2/authorize/confirm")
      return authorize(state, req);
    if (req.path.startsWith("/sns/")) return sns(state, req);
    if (req.path.startsWith("/cgi-bin/")) return cgi(state, req);
    return undefined;
  };
  const server = await startFakeServer("wechat", handler, { port: opts.port });
  return { url: server.url, apps, state, stop: () => server.close() };
}

function control(state: WechatState, defaultAppid: string, req: FakeRequest): FakeResponse {
  const body = (req.method === "POST" ? parseJson(req.body) : undefined) as Record<string, unknown> | undefined;
  const appid = (typeof body?.appid === "string" ? body.appid : req.url.searchParams.get("appid")) || defaultAppid;
  const what = req.path.slice("/__fake/wechat/".length);
  if (what === "users" && req.method === "GET") return json(200, [...state.users.values()]);
  if (what === "users" && body) {
    if (!state.apps.has(appid)) return json(400, { error: "unknown appid" });
    return json(200, state.addUser({ ...(body as Partial<WechatUser>), appid }));
  }
  if (what === "next-user" && body) {
    if (typeof body.openid !== "string" || !state.users.has(body.openid)) return json(400, { error: "unknown openid" });
    state.nextUser.set(appid, body.openid);
    return json(200, { ok: true });
  }
  if (what === "subscriptions" && body) {
    if (typeof body.openid !== "string" || typeof body.templateId !== "string")
      return json(400, { error: "needs openid, templateId" });
    const times = body.times === "always" ? Infinity : typeof body.times === "number" ? body.times : 1;
    const key = `${appid}:${body.openid}:${body.templateId}`;
    const sub = state.subscriptions.get(key) ?? { remaining: 0 };
    sub.remaining = times === Infinity ? Infinity : sub.remaining + times;
    state.subscriptions.set(key, sub);
    return json(200, { ok: true, remaining: sub.remaining === Infinity ? "always" : sub.remaining });
  }
  if (what === "messages") {
    const touser = req.url.searchParams.get("touser");
    const tpl = req.url.searchParams.get("template_id");
    return json(
      200,
      state.messages.filter((m) => (!touser || m.touser === touser) && (!tpl || m.template_id === tpl)),
    );
  }
  if (what === "stats")
    return json(200, { tokenCalls: state.tokenCalls.get(appid) ?? 0, ticketCalls: state.ticketCalls.get(appid) ?? 0 });
  if (what === "expire" && body) {
    const list = body.what === "jsapi_ticket" ? state.tickets.get(appid) : state.accessTokens.get(appid);
    const now = state.now();
    for (const c of list ?? []) {
      if (body.how === "invalidate") c.retiredAt = now - 10 * 60_000;
      else c.expiresAt = now;
    }
    return json(200, { ok: true, affected: list?.length ?? 0 });
  }
  if (what === "verify-config" && body) return json(200, checkConfig(state, body as Record<string, string>));
  return json(404, { error: `no control ${req.method} ${req.path}` });
}
