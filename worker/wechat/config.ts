// The official account (服务号) the mall works with, or null when the merchant has not configured one.
// WECHAT_APPID and WECHAT_APP_SECRET are optional secrets (`wrangler secret put`, README: 微信服务号): a mall
// without them runs as before (autologin links only, WeChat's default share card), so they are read here,
// checked as strings, instead of being required of every deploy.
import { wechatClient, type WechatClient } from "./client";

export type WechatAccount = { appid: string; secret: string; apiBase: string; openBase: string; jssdkUrl: string };

type WechatEnv = Pick<Env, "WECHAT_API_BASE" | "WECHAT_OPEN_BASE" | "WECHAT_JSSDK_URL">;

const APPID = /^wx[0-9a-f]{16}$/;

export function wechatAccount(env: WechatEnv): WechatAccount | null {
  const optional = env as WechatEnv & Record<string, unknown>;
  const appid = optional.WECHAT_APPID;
  const secret = optional.WECHAT_APP_SECRET;
  if (typeof appid !== "string" || !APPID.test(appid) || typeof secret !== "string" || secret === "") return null;
  return {
    appid,
    secret,
    apiBase: env.WECHAT_API_BASE,
    openBase: env.WECHAT_OPEN_BASE,
    jssdkUrl: env.WECHAT_JSSDK_URL,
  };
}

export const accountClient = (a: WechatAccount): WechatClient =>
  wechatClient({ appid: a.appid, secret: a.secret, apiBase: a.apiBase, openBase: a.openBase });

/** WeChat's in-app browser (内置浏览器) says so in its User-Agent. */
export const isWechatBrowser = (userAgent: string | undefined): boolean => /MicroMessenger\//i.test(userAgent ?? "");
