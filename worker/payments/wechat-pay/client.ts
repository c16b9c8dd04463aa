// A typed client of WeChat Pay API v3 (直连商户) for the calls the mall makes. Every request is signed with
// the merchant key; every 2xx answer's signature is verified with the platform keys before its body is
// believed (the bill file itself is unsigned: its SHA-1 from the signed tradebill answer is checked).
// Failures are values, never throws:
//   WECHATPAY_ERROR        WeChat Pay answered 4xx/5xx with {code, message} (PARAM_ERROR, ORDERPAID, …)
//   WECHATPAY_BAD_RESPONSE a 2xx answer whose signature does not verify, or a body that is not what was asked
//   WECHATPAY_UNAVAILABLE  network failure or timeout: the outcome is unknown, query before retrying
import { authorization, type MerchantCredentials } from "./sign";
import type { BillDownload, H5Order, JsapiOrder, Refund, RefundRequest, Transaction } from "./types";
import { verifyPlatformSignature, type PlatformKeys } from "./verify";

export const WECHATPAY_API_BASE = "https://api.mch.weixin.qq.com";

export type PayFailure =
  | { ok: false; code: "WECHATPAY_ERROR"; status: number; errorCode: string; message: string; detail?: unknown }
  | { ok: false; code: "WECHATPAY_BAD_RESPONSE"; status: number; reason: string }
  | { ok: false; code: "WECHATPAY_UNAVAILABLE"; status?: number; message: string };
export type PayResult<T> = { ok: true; status: number; data: T } | PayFailure;

export type WechatPayClientConfig = {
  credentials: MerchantCredentials;
  platformKeys: PlatformKeys;
  baseUrl?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
};

export function wechatPayClient(cfg: WechatPayClientConfig) {
  const base = (cfg.baseUrl ?? WECHATPAY_API_BASE).replace(/\/+$/, "");
  const doFetch = cfg.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const mchid = cfg.credentials.mchid;

  async function call<T>(method: "GET" | "POST", path: string, payload?: unknown): Promise<PayResult<T>> {
    const url = base + path;
    const body = payload === undefined ? "" : JSON.stringify(payload);
    let res: Response;
    let text: string;
    try {
      const headers: Record<string, string> = {
        Accept: "application/json",
        Authorization: await authorization(cfg.credentials, {
          method,
          url,
          body,
          timestamp: cfg.now ? Math.floor(cfg.now() / 1000) : undefined,
        }),
        "User-Agent": "points-mall",
      };
      if (method === "POST") headers["Content-Type"] = "application/json";
      res = await doFetch(url, {
        method,
        headers,
        body: method === "POST" ? body : undefined,
        signal: AbortSignal.timeout(cfg.timeoutMs ?? 10_000),
      });
      text = await res.text();
    } catch (err) {
      return { ok: false, code: "WECHATPAY_UNAVAILABLE", message: err instanceof Error ? err.message : String(err) };
    }
    if (res.status >= 500 && !text)
      return { ok: false, code: "WECHATPAY_UNAVAILABLE", status: res.status, message: `HTTP ${res.status}` };
    if (res.status >= 400) {
      const err = parseJson(text) as { code?: string; message?: string; detail?: unknown } | undefined;
      if (!err?.code)
        return { ok: false, code: "WECHATPAY_UNAVAILABLE", status: res.status, message: `HTTP ${res.status}` };
      return {
        ok: false,
        code: "WECHATPAY_ERROR",
        status: res.status,
        errorCode: err.code,
        message: err.message ?? "",
        detail: err.detail,
      };
    }
    const check = await verifyPlatformSignature(cfg.platformKeys, res.headers, text, { now: cfg.now?.() });
    if (!check.ok) return { ok: false, code: "WECHATPAY_BAD_RESPONSE", status: res.status, reason: check.code };
    if (res.status === 204 || text === "") return { ok: true, status: res.status, data: undefined as T };
    const data = parseJson(text);
    if (data === undefined)
      return { ok: false, code: "WECHATPAY_BAD_RESPONSE", status: res.status, reason: "NOT_JSON" };
    return { ok: true, status: res.status, data: data as T };
  }

  const enc = encodeURIComponent;
  return {
    /** JSAPI下单: POST /v3/pay/transactions/jsapi → prepay_id (valid 2 hours). */
    createJsapi: (order: Omit<JsapiOrder, "mchid">) =>
      call<{ prepay_id: string }>("POST", "/v3/pay/transactions/jsapi", { ...order, mchid }),
    /** H5下单: POST /v3/pay/transactions/h5 → h5_url (valid 5 minutes; append &redirect_url=…). */
    createH5: (order: Omit<H5Order, "mchid">) =>
      call<{ h5_url: string }>("POST", "/v3/pay/transactions/h5", { ...order, mchid }),
    /** 商户订单号查询订单. */
    queryByOutTradeNo: (outTradeNo: string) =>
      call<Transaction>("GET", `/v3/pay/transactions/out-trade-no/${enc(outTradeNo)}?mchid=${enc(mchid)}`),
    /** 关闭订单: 204 with no body. */
    close: (outTradeNo: string) =>
      call<void>("POST", `/v3/pay/transactions/out-trade-no/${enc(outTradeNo)}/close`, { mchid }),
    /** 退款申请: POST /v3/refund/domestic/refunds, idempotent on out_refund_no. */
    createRefund: (req: RefundRequest) => call<Refund>("POST", "/v3/refund/domestic/refunds", req),
    /** 查询单笔退款. */
    queryRefund: (outRefundNo: string) => call<Refund>("GET", `/v3/refund/domestic/refunds/${enc(outRefundNo)}`),
    /** 申请交易账单: bill_date YYYY-MM-DD (China time), bill_type ALL | SUCCESS | REFUND. */
    tradeBill: (billDate: string, billType: "ALL" | "SUCCESS" | "REFUND" = "ALL") =>
      call<BillDownload>("GET", `/v3/bill/tradebill?bill_date=${enc(billDate)}&bill_type=${billType}`),
    /** 下载账单: the signed GET of download_url; the file's SHA-1 must equal hash_value. Returns the CSV text. */
    async downloadBill(bill: BillDownload): Promise<PayResult<string>> {
      let res: Response;
      let bytes: Uint8Array<ArrayBuffer>;
      try {
        const auth = await authorization(cfg.credentials, { method: "GET", url: bill.download_url });
        res = await doFetch(bill.download_url, {
          headers: { Authorization: auth, Accept: "*/*" },
          signal: AbortSignal.timeout(cfg.timeoutMs ?? 30_000),
        });
        bytes = new Uint8Array(await res.arrayBuffer());
      } catch (err) {
        return { ok: false, code: "WECHATPAY_UNAVAILABLE", message: err instanceof Error ? err.message : String(err) };
      }
      if (res.status >= 400) {
        const err = parseJson(new TextDecoder().decode(bytes)) as { code?: string; message?: string } | undefined;
        if (!err?.code)
          return { ok: false, code: "WECHATPAY_UNAVAILABLE", status: res.status, message: `HTTP ${res.status}` };
        return {
          ok: false,
          code: "WECHATPAY_ERROR",
          status: res.status,
          errorCode: err.code,
          message: err.message ?? "",
        };
      }
      const sha1 = await sha1Hex(bytes);
      if (sha1 !== bill.hash_value.toLowerCase())
        return { ok: false, code: "WECHATPAY_BAD_RESPONSE", status: res.status, reason: "HASH_MISMATCH" };
      return { ok: true, status: res.status, data: new TextDecoder().decode(bytes) };
    },
  };
}

export type WechatPayClient = ReturnType<typeof wechatPayClient>;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function sha1Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-1", bytes));
  return Array.from(d, (b) => b.toString(16).padStart(2, "0")).join("");
}
