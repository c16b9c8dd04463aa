// The Duiba developer-server contract (兑吧开发者文档, "服务端对接"), as the mall speaks it in Duiba-compatible
// mode: the mall plays Duiba and calls the merchant's URLs, signed with the shared appSecret (sign.ts).
//   扣积分 consume_credits_api   GET merchant?uid&credits&itemCode&appKey&timestamp&description&orderNum&type
//                                &facePrice&actualPrice&ip&waitAudit&params&sign
//                                → JSON {status:"ok"|"fail", errorMessage, bizId, credits}; 30 s timeout = failed
//   兑换结果通知 notify_api      GET merchant?appKey&timestamp&uid&success&errorMessage&orderNum&bizId&sign
//                                → plain text "ok" (trimmed, any case); else retried 2m,10m,10m,1h,2h,6h,15h
//   加积分 add_credits_api       GET merchant?appKey&uid&credits&type&orderNum&timestamp&description&ip&sign
//                                → JSON {status, errorMessage, bizId, credits}
//   免登录 autologin             GET mall/autologin?uid&credits&appKey&timestamp&redirect&sign (merchant → mall)
// Duiba documents every call as GET with query parameters; timestamps are milliseconds.
import { signParams, verifyDuibaSign, type DuibaParams } from "./sign";

export const CONSUME_TIMEOUT_MS = 30_000;
/** 兑换结果通知 is retried until the merchant answers ok, at most 8 times in 24 h, these gaps apart. */
export const NOTIFY_RETRY_DELAYS_MS = [2, 10, 10, 60, 120, 360, 900].map((m) => m * 60_000);
/** Signed links (autologin) are accepted this long either side of their timestamp. */
export const TIMESTAMP_WINDOW_MS = 5 * 60_000;

export type ConsumeCredits = {
  uid: string;
  credits: number;
  orderNum: string;
  type: string; // alipay, qb, coupon, object, phonebill, phoneflow, virtual, game, hdtool, sign (case-insensitive)
  actualPrice: number; // fen
  description: string;
  facePrice?: number; // fen
  itemCode?: string;
  ip?: string;
  waitAudit?: boolean;
  params?: string; // colon-separated details, e.g. 实物: 姓名:手机号:省份:城市:区域:街道:详细地址
};

export type ResultNotice = { uid: string; orderNum: string; success: boolean; errorMessage?: string; bizId?: string };

export type AddCredits = {
  uid: string;
  credits: number;
  type: string;
  orderNum: string;
  description?: string;
  ip?: string;
};

export type CreditsAnswer =
  | { status: "ok"; errorMessage: string; bizId: string; credits: number }
  | { status: "fail"; errorMessage: string; credits?: number };

function defined(o: Record<string, string | number | boolean | undefined>): DuibaParams {
  const out: DuibaParams = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = String(v);
  return out;
}

export const consumeCreditsParams = (appKey: string, appSecret: string, r: ConsumeCredits, now = Date.now()) =>
  signParams(defined({ ...r, appKey, timestamp: now }), appSecret);

export const resultNoticeParams = (appKey: string, appSecret: string, r: ResultNotice, now = Date.now()) =>
  signParams(
    defined({
      appKey,
      timestamp: now,
      uid: r.uid,
      success: r.success,
      errorMessage: r.errorMessage ?? "",
      orderNum: r.orderNum,
      bizId: r.bizId,
    }),
    appSecret,
  );

export const addCreditsParams = (appKey: string, appSecret: string, r: AddCredits, now = Date.now()) =>
  signParams(defined({ ...r, appKey, timestamp: now }), appSecret);

export function withQuery(url: string, params: DuibaParams): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}

/** The merchant's JSON answer to 扣积分/加积分; null when it is not one (then the call failed). Credits may come as a string. */
export function parseCreditsAnswer(text: string): CreditsAnswer | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (!v || typeof v !== "object") return null;
  const o = v as Record<string, unknown>;
  const credits = o.credits === undefined || o.credits === "" ? undefined : Number(o.credits);
  if (credits !== undefined && !Number.isFinite(credits)) return null;
  const errorMessage = typeof o.errorMessage === "string" ? o.errorMessage : "";
  if (o.status === "ok") {
    if (typeof o.bizId !== "string" || !o.bizId || credits === undefined) return null;
    return { status: "ok", errorMessage, bizId: o.bizId, credits };
  }
  if (o.status === "fail") return { status: "fail", errorMessage, credits };
  return null;
}

/** 兑换结果通知 counts as delivered when the body is "ok", ignoring case and surrounding whitespace. */
export const noticeAcknowledged = (status: number, text: string): boolean =>
  status >= 200 && status < 300 && text.trim().toLowerCase() === "ok";

export type AutologinCheck =
  | { ok: true; uid: string; credits: number; redirect?: string; timestamp: number }
  | { ok: false; code: "DUIBA_SIGN_INVALID" | "DUIBA_EXPIRED" | "DUIBA_APPKEY_MISMATCH" | "DUIBA_BAD_PARAMS" };

/** A Duiba autologin link's parameters (the merchant signs them with CreditTool.buildAutoLoginRequest). */
export async function verifyAutologin(
  params: DuibaParams,
  appKey: string,
  appSecret: string,
  now = Date.now(),
): Promise<AutologinCheck> {
  if (!params.uid || !params.timestamp || !params.sign || params.credits === undefined)
    return { ok: false, code: "DUIBA_BAD_PARAMS" };
  if (params.appKey !== appKey) return { ok: false, code: "DUIBA_APPKEY_MISMATCH" };
  if (!(await verifyDuibaSign(params, appSecret))) return { ok: false, code: "DUIBA_SIGN_INVALID" };
  const ts = Number(params.timestamp);
  if (!/^\d{1,15}$/.test(params.timestamp) || Math.abs(now - ts) > TIMESTAMP_WINDOW_MS)
    return { ok: false, code: "DUIBA_EXPIRED" };
  const credits = Number(params.credits);
  if (!/^-?\d{1,15}$/.test(params.credits)) return { ok: false, code: "DUIBA_BAD_PARAMS" };
  return { ok: true, uid: params.uid, credits, redirect: params.redirect, timestamp: ts };
}

export const signAutologin = (
  appKey: string,
  appSecret: string,
  r: { uid: string; credits: number; redirect?: string },
  now = Date.now(),
) => signParams(defined({ uid: r.uid, credits: r.credits, redirect: r.redirect, appKey, timestamp: now }), appSecret);
