// What the fake WeChat remembers: official accounts (appid/secret, bound to an open platform or not),
// fake WeChat users, OAuth codes and tokens, global access tokens, jsapi tickets, subscriptions, messages.
import { randomBytes } from "node:crypto";

export type WechatApp = {
  appid: string;
  secret: string;
  name: string;
  openPlatform: boolean;
  authorizedDomains?: string[];
};
export type WechatUser = {
  appid: string;
  openid: string;
  unionid?: string;
  nickname: string;
  headimgurl: string;
  sex: number;
  province: string;
  city: string;
  country: string;
};
export type OAuthCode = {
  code: string;
  appid: string;
  openid: string;
  scope: string;
  createdAt: number;
  used: boolean;
};
export type SnsToken = { token: string; appid: string; openid: string; scope: string; expiresAt: number };
export type Credential = { value: string; issuedAt: number; expiresAt: number; retiredAt?: number };
export type Subscription = { remaining: number }; // Infinity = long-term (长期订阅)
export type SentMessage = {
  msgid: number;
  appid: string;
  touser: string;
  template_id: string;
  page?: string;
  data: unknown;
  at: number;
  path: string;
};

export const CODE_TTL_MS = 5 * 60_000;
/** After a new access_token is issued, the previous one keeps working this long (WeChat: 5 minutes). */
export const OLD_TOKEN_GRACE_MS = 5 * 60_000;

export const token = (prefix: string, bytes = 24) => prefix + randomBytes(bytes).toString("base64url");

export class WechatState {
  apps = new Map<string, WechatApp>();
  users = new Map<string, WechatUser>(); // by openid
  codes = new Map<string, OAuthCode>();
  snsTokens = new Map<string, SnsToken>();
  refreshTokens = new Map<string, { appid: string; openid: string; scope: string; expiresAt: number }>();
  accessTokens = new Map<string, Credential[]>(); // by appid, newest last
  tickets = new Map<string, Credential[]>();
  tokenCalls = new Map<string, number>();
  ticketCalls = new Map<string, number>();
  subscriptions = new Map<string, Subscription>(); // appid:openid:template
  messages: SentMessage[] = [];
  /** The user the next authorize of this app answers for without showing a page (tests), by appid. */
  nextUser = new Map<string, string>();
  msgid = 1000;
  /** Page URLs (no fragment) whose wx.config the JS-SDK double accepted, and the share cards they set. */
  verifiedPages = new Set<string>();
  /** Of those, the pages whose wx.config listed wx-open-subscribe in openTagList. */
  openTagPages = new Set<string>();
  shares: import("./jssdk").RecordedShare[] = [];

  constructor(
    public expiresInSeconds: number,
    public now: () => number = Date.now,
  ) {}

  addUser(u: Partial<WechatUser> & { appid: string }): WechatUser {
    const user: WechatUser = {
      openid: u.openid ?? token("o", 21).slice(0, 28),
      unionid: u.unionid ?? token("u", 21).slice(0, 28),
      nickname: u.nickname ?? "微信用户",
      headimgurl: u.headimgurl ?? "",
      sex: u.sex ?? 0,
      province: u.province ?? "",
      city: u.city ?? "",
      country: u.country ?? "",
      appid: u.appid,
    };
    this.users.set(user.openid, user);
    return user;
  }

  issue(kind: "accessTokens" | "tickets", appid: string, value: string): Credential {
    const now = this.now();
    const list = this[kind].get(appid) ?? [];
    for (const c of list) c.retiredAt ??= now;
    const cred: Credential = { value, issuedAt: now, expiresAt: now + this.expiresInSeconds * 1000 };
    this[kind].set(appid, [...list.filter((c) => now - c.retiredAt! < OLD_TOKEN_GRACE_MS), cred]);
    return cred;
  }

  /** The app of a valid access token, or the errcode saying why not (40001 unknown/retired, 42001 expired). */
  checkAccessToken(value: string | null): { appid: string } | { errcode: number; errmsg: string } {
    const now = this.now();
    for (const [appid, list] of this.accessTokens) {
      const c = list.find((x) => x.value === value);
      if (!c) continue;
      if (c.expiresAt <= now) return { errcode: 42001, errmsg: "access_token expired" };
      if (c.retiredAt !== undefined && now - c.retiredAt >= OLD_TOKEN_GRACE_MS) break;
      return { appid };
    }
    return { errcode: 40001, errmsg: "invalid credential, access_token is invalid or not latest" };
  }

  validTicket(appid: string): Credential | undefined {
    const now = this.now();
    return (this.tickets.get(appid) ?? []).find((c) => c.retiredAt === undefined && c.expiresAt > now);
  }
}
