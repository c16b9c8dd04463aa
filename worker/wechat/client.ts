// A typed client of the WeChat official-account (公众号/服务号) APIs the mall uses. Base URLs are
// parameters (the Worker passes WECHAT_API_BASE / WECHAT_OPEN_BASE; production defaults below) so tests
// and `npm start` point it at the local fake. WeChat answers HTTP 200 with {errcode, errmsg} on failure:
// errcode ≠ 0 becomes { ok: false, code: "WECHAT_ERROR", errcode, errmsg }; a network failure, a timeout or
// a non-JSON answer is { ok: false, code: "WECHAT_UNAVAILABLE" }. Nothing here throws.
export const WECHAT_API_BASE = "https://api.weixin.qq.com";
export const WECHAT_OPEN_BASE = "https://open.weixin.qq.com";

/** errcodes meaning "this access_token is no good: fetch a new one" (invalid, not latest, expired). */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);
export const ERRCODE = {
  INVALID_CREDENTIAL: 40001,
  INVALID_ACCESS_TOKEN: 40014,
  ACCESS_TOKEN_EXPIRED: 42001,
  INVALID_CODE: 40029,
  CODE_USED: 40163,
  CODE_EXPIRED: 42003,
  API_UNAUTHORIZED: 48001, // e.g. /sns/userinfo with a snsapi_base token
  USER_REFUSED: 43101, // subscribe message: the user has not subscribed (or used up a one-time subscription)
  INVALID_OPENID: 40003,
  INVALID_TEMPLATE_ID: 40037,
  ARGUMENT_INVALID: 47003,
} as const;

export type WechatFailure =
  | { ok: false; code: "WECHAT_ERROR"; errcode: number; errmsg: string }
  | { ok: false; code: "WECHAT_UNAVAILABLE"; status?: number; message: string };
export type WechatResult<T> = { ok: true; value: T } | WechatFailure;

export type OAuthScope = "snsapi_base" | "snsapi_userinfo";
export type OAuthToken = {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  openid: string;
  scope: string;
  unionid?: string;
  is_snapshotuser?: number;
};
export type UserInfo = {
  openid: string;
  nickname: string;
  sex: number;
  province: string;
  city: string;
  country: string;
  headimgurl: string;
  privilege: string[];
  unionid?: string;
};
export type AccessToken = { access_token: string; expires_in: number };
export type JsapiTicket = { ticket: string; expires_in: number };
export type SubscribeMessage = {
  touser: string;
  template_id: string;
  data: Record<string, { value: string }>;
  page?: string;
  miniprogram_state?: "developer" | "trial" | "formal";
  lang?: "zh_CN" | "en_US" | "zh_HK" | "zh_TW";
};

export type WechatClientConfig = {
  appid: string;
  secret: string;
  apiBase?: string;
  openBase?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
};

export function wechatClient(cfg: WechatClientConfig) {
  const api = (cfg.apiBase ?? WECHAT_API_BASE).replace(/\/+$/, "");
  const open = (cfg.openBase ?? WECHAT_OPEN_BASE).replace(/\/+$/, "");
  const doFetch = cfg.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function call<T>(path: string, query: Record<string, string>, body?: unknown): Promise<WechatResult<T>> {
    const url = new URL(api + path);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    let res: Response;
    let text: string;
    try {
      res = await doFetch(url.toString(), {
        method: body === undefined ? "GET" : "POST",
        headers:
          body === undefined
            ? { Accept: "application/json" }
            : { Accept: "application/json", "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(cfg.timeoutMs ?? 5_000),
      });
      text = await res.text();
    } catch (err) {
      return { ok: false, code: "WECHAT_UNAVAILABLE", message: err instanceof Error ? err.message : String(err) };
    }
    if (res.status !== 200)
      return { ok: false, code: "WECHAT_UNAVAILABLE", status: res.status, message: `HTTP ${res.status}` };
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return { ok: false, code: "WECHAT_UNAVAILABLE", status: res.status, message: "not JSON" };
    }
    if (typeof json.errcode === "number" && json.errcode !== 0)
      return { ok: false, code: "WECHAT_ERROR", errcode: json.errcode, errmsg: String(json.errmsg ?? "") };
    return { ok: true, value: json as T };
  }

  return {
    /** The page to send the member to (网页授权): WeChat redirects back to redirectUri?code=…&state=…. */
    authorizeUrl(input: { redirectUri: string; scope: OAuthScope; state: string; forcePopup?: boolean }): string {
      const q = new URLSearchParams({
        appid: cfg.appid,
        redirect_uri: input.redirectUri,
        response_type: "code",
        scope: input.scope,
        state: input.state,
      });
      if (input.forcePopup) q.set("forcePopup", "true");
      return `${open}/connect/oauth2/authorize?${q.toString()}#wechat_redirect`;
    },
    /** code → web access token + openid (+ unionid when the account is bound to an open platform). Codes are single use, 5 minutes. */
    exchangeCode: (code: string) =>
      call<OAuthToken>("/sns/oauth2/access_token", {
        appid: cfg.appid,
        secret: cfg.secret,
        code,
        grant_type: "authorization_code",
      }),
    /** Profile for a snsapi_userinfo token (48001 for a snsapi_base one). */
    userInfo: (accessToken: string, openid: string, lang: "zh_CN" | "zh_TW" | "en" = "zh_CN") =>
      call<UserInfo>("/sns/userinfo", { access_token: accessToken, openid, lang }),
    /** The account's global access_token (client_credential). Fetching a new one retires the old after 5 minutes: cache it in one place. */
    accessToken: () =>
      call<AccessToken>("/cgi-bin/token", { grant_type: "client_credential", appid: cfg.appid, secret: cfg.secret }),
    jsapiTicket: (accessToken: string) =>
      call<JsapiTicket & { errcode: number; errmsg: string }>("/cgi-bin/ticket/getticket", {
        access_token: accessToken,
        type: "jsapi",
      }),
    /** 发送订阅通知 of an official account (服务号): the message opens `page`, a web URL. */
    sendBizSubscribeMessage: (accessToken: string, msg: SubscribeMessage) =>
      call<{ errcode: number; errmsg: string; msgid?: number }>(
        "/cgi-bin/message/subscribe/bizsend",
        { access_token: accessToken },
        msg,
      ),
    /** 发送订阅消息 (the mini-program path). */
    sendSubscribeMessage: (accessToken: string, msg: SubscribeMessage) =>
      call<{ errcode: number; errmsg: string; msgid?: number }>(
        "/cgi-bin/message/subscribe/send",
        { access_token: accessToken },
        msg,
      ),
  };
}

export type WechatClient = ReturnType<typeof wechatClient>;

export const isTokenFailure = (r: WechatResult<unknown>): boolean =>
  !r.ok && r.code === "WECHAT_ERROR" && TOKEN_ERRCODES.has(r.errcode);
