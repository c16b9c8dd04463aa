// JSAPI (WeChat's in-app cashier) needs the payer's openid under the merchant's appid. The mall keeps openids
// from the WeChat web login (worker/wechat/login-routes.ts, table wechat_identities, one per app): the
// newest login's under the payment's appid is the payer. None (never logged in through WeChat, or the
// official account is another app than the payment's) → the H5 cashier.
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { wechatIdentities } from "../../db/schema";
import type { PaymentProvider } from "./provider";

export async function payerOpenid(db: Db, uid: string, provider: PaymentProvider): Promise<string | null> {
  if (!provider.appid) return null;
  const [row] = await db
    .select({ openid: wechatIdentities.openid })
    .from(wechatIdentities)
    .where(and(eq(wechatIdentities.uid, uid), eq(wechatIdentities.appid, provider.appid)))
    .orderBy(desc(wechatIdentities.lastLoginAt))
    .limit(1);
  return row?.openid ?? null;
}

const REAL_WECHATPAY = "https://api.mch.weixin.qq.com";

/** Outside production, against the fake provider: its cashier page, which checks the same paySign and pays,
 *  for a developer (or a browser test) who has no WeixinJSBridge. Null in production. */
export function localCashierUrl(
  env: Pick<Env, "MALL_ENV" | "WECHATPAY_API_BASE">,
  params: Record<string, string>,
  returnUrl: string,
): string | null {
  const base = env.WECHATPAY_API_BASE.replace(/\/+$/, "");
  if (env.MALL_ENV === "production" || base === REAL_WECHATPAY) return null;
  return `${base}/__fake/wechatpay/jsapi?${new URLSearchParams({ ...params, return_url: returnUrl })}`;
}
