// The account's server APIs:
//   GET  /cgi-bin/token?grant_type=client_credential&appid&secret → {access_token, expires_in}
//        each call issues a new token; the previous one keeps working 5 minutes, then 40001
//   GET  /cgi-bin/ticket/getticket?access_token&type=jsapi → {errcode:0, errmsg:"ok", ticket, expires_in}
//   POST /cgi-bin/message/subscribe/send?access_token  (and /bizsend, the official-account 订阅通知 path)
//        {touser, template_id, page?, data:{key:{value}}} → {errcode:0, errmsg:"ok", msgid}
//        43101 when the user has not subscribed to that template (one-time subscriptions are used up).
import { parseJson, params, type FakeRequest, type FakeResponse } from "../http";
import { wechatError as err, wechatJson as wx } from "./oauth";
import { token, type WechatState } from "./state";

export function cgi(state: WechatState, req: FakeRequest): FakeResponse | undefined {
  const q = params(req);
  if (req.path === "/cgi-bin/token") {
    if (q.grant_type !== "client_credential") return err(40002, "invalid grant_type");
    const app = q.appid ? state.apps.get(q.appid) : undefined;
    if (!app) return err(40013, "invalid appid");
    if (q.secret !== app.secret) return err(40125, "invalid appsecret");
    state.tokenCalls.set(app.appid, (state.tokenCalls.get(app.appid) ?? 0) + 1);
    const c = state.issue("accessTokens", app.appid, token("AT_", 60));
    return wx({ access_token: c.value, expires_in: state.expiresInSeconds });
  }
  if (req.path === "/cgi-bin/ticket/getticket") {
    const t = state.checkAccessToken(q.access_token ?? null);
    if ("errcode" in t) return err(t.errcode, t.errmsg);
    if (q.type !== "jsapi" && q.type !== "wx_card") return err(40097, "invalid args");
    state.ticketCalls.set(t.appid, (state.ticketCalls.get(t.appid) ?? 0) + 1);
    const c = state.validTicket(t.appid) ?? state.issue("tickets", t.appid, token("kgt8ON7yVITDhtdwci0qe", 40));
    return wx({
      errcode: 0,
      errmsg: "ok",
      ticket: c.value,
      expires_in: Math.max(0, Math.round((c.expiresAt - state.now()) / 1000)),
    });
  }
  if (req.path === "/cgi-bin/message/subscribe/send" || req.path === "/cgi-bin/message/subscribe/bizsend") {
    if (req.method !== "POST") return err(43002, "require POST method");
    const t = state.checkAccessToken(q.access_token ?? null);
    if ("errcode" in t) return err(t.errcode, t.errmsg);
    const body = parseJson(req.body) as
      | { touser?: unknown; template_id?: unknown; page?: unknown; data?: unknown }
      | undefined;
    if (!body || typeof body !== "object") return err(47001, "data format error");
    const user = typeof body.touser === "string" ? state.users.get(body.touser) : undefined;
    if (!user || user.appid !== t.appid) return err(40003, "invalid openid");
    if (typeof body.template_id !== "string" || !/^[\w-]{1,64}$/.test(body.template_id))
      return err(40037, "invalid template_id");
    const data = body.data as Record<string, { value?: unknown }> | undefined;
    if (
      !data ||
      typeof data !== "object" ||
      Object.values(data).some((v) => !v || typeof v !== "object" || typeof v.value !== "string")
    )
      return err(47003, "argument invalid! data.value invalid");
    const key = `${t.appid}:${user.openid}:${body.template_id}`;
    const sub = state.subscriptions.get(key);
    if (!sub || sub.remaining <= 0) return err(43101, "user refuse to accept the msg");
    sub.remaining -= 1;
    const msgid = ++state.msgid;
    state.messages.push({
      msgid,
      appid: t.appid,
      touser: user.openid,
      template_id: body.template_id,
      page: typeof body.page === "string" ? body.page : undefined,
      data,
      at: state.now(),
      path: req.path,
    });
    return wx({ errcode: 0, errmsg: "ok", msgid });
  }
  return undefined;
}
