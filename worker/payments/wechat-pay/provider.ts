// WeChat Pay API v3 (直连商户) behind the mall's PaymentProvider interface (worker/payments/provider.ts):
// JSAPI (prepay_id → signed wx.chooseWXPay params) inside WeChat, H5 (h5_url + redirect_url) outside it,
// query / close / refund / refund query, signed notifications (platform signature by serial, the 5-minute
// timestamp window, AEAD_AES_256_GCM with the API v3 key) and the trade bill.
import type {
  BillRecord,
  PaymentProvider,
  ProviderFailure,
  ProviderPayment,
  ProviderRefund,
  ProviderResult,
} from "../provider";
import { wechatPayClient, type PayFailure } from "./client";
import { jsapiPayParams } from "./jsapi-params";
import { openNotification } from "./notification";
import { merchantCredentials } from "./sign";
import type { Refund, RefundNotice, Transaction } from "./types";
import { platformKeys } from "./verify";

export type WechatPayConfig = {
  mchid: string;
  appid: string;
  merchantSerialNo: string;
  privateKeyPem: string;
  apiV3Key: string;
  platformSerialNo: string;
  platformPublicKeyPem: string;
  baseUrl: string;
};

function failure(f: PayFailure): ProviderFailure {
  if (f.code === "WECHATPAY_ERROR")
    return { ok: false, code: "PROVIDER_REFUSED", errorCode: f.errorCode, message: f.message };
  if (f.code === "WECHATPAY_BAD_RESPONSE") return { ok: false, code: "PROVIDER_BAD_RESPONSE", message: f.reason };
  return { ok: false, code: "PROVIDER_UNAVAILABLE", message: f.message };
}

/** RFC 3339 in China time, as WeChat Pay writes times: 2018-06-08T10:34:56+08:00. */
export const cstTime = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, "+08:00");

export function paymentOf(t: Transaction): ProviderPayment {
  const state =
    t.trade_state === "SUCCESS"
      ? "paid"
      : t.trade_state === "REFUND"
        ? "refunded"
        : t.trade_state === "CLOSED" || t.trade_state === "REVOKED"
          ? "closed"
          : "unpaid";
  return {
    orderId: t.out_trade_no,
    state,
    amountFen: t.amount?.total ?? null,
    transactionId: t.transaction_id ?? null,
    paidAt: t.success_time ? Date.parse(t.success_time) : null,
  };
}

const REFUND_STATUS = {
  SUCCESS: "succeeded",
  PROCESSING: "processing",
  CLOSED: "closed",
  ABNORMAL: "abnormal",
} as const;

function refundOf(r: Refund | RefundNotice): ProviderRefund {
  const status = "status" in r ? r.status : r.refund_status;
  return {
    refundNo: r.out_refund_no,
    refundId: r.refund_id,
    orderId: r.out_trade_no,
    status: REFUND_STATUS[status],
    amountFen: r.amount.refund,
  };
}

/** 交易账单 CSV: a header, one backtick-prefixed line per record, then the summary (amounts in yuan). */
export function parseTradeBill(csv: string): BillRecord[] {
  const lines = csv.replace(/^\uFEFF/, "").split(/\r?\n/);
  const out: BillRecord[] = [];
  for (const line of lines.slice(1)) {
    if (!line.startsWith("`")) break; // the summary header
    const c = line.split(",").map((x) => x.replace(/^`/, ""));
    const fen = (s: string | undefined) => Math.round(Number.parseFloat(s || "0") * 100);
    out.push({
      orderId: c[6] ?? "",
      transactionId: c[5] ?? "",
      state: c[9] ?? "",
      amountFen: c[9] === "REFUND" ? 0 : fen(c[12]),
      refundFen: c[9] === "REFUND" ? fen(c[16]) : 0,
    });
  }
  return out;
}

export async function wechatPayProvider(cfg: WechatPayConfig): Promise<PaymentProvider> {
  const credentials = await merchantCredentials({
    mchid: cfg.mchid,
    serialNo: cfg.merchantSerialNo,
    privateKeyPem: cfg.privateKeyPem,
  });
  const keys = await platformKeys([{ serialNo: cfg.platformSerialNo, pem: cfg.platformPublicKeyPem }]);
  const client = wechatPayClient({ credentials, platformKeys: keys, baseUrl: cfg.baseUrl });

  return {
    name: "wechatpay",
    appid: cfg.appid,
    async start(input) {
      const common = {
        appid: cfg.appid,
        description: input.description,
        out_trade_no: input.orderId,
        notify_url: input.notifyUrl,
        amount: { total: input.amountFen, currency: "CNY" as const },
        time_expire: cstTime(input.expiresAt),
      };
      if (input.channel === "jsapi") {
        if (!input.openid) return { ok: false, code: "PROVIDER_REFUSED", errorCode: "NO_OPENID", message: "openid" };
        const r = await client.createJsapi({ ...common, payer: { openid: input.openid } });
        if (!r.ok) return failure(r);
        const params = await jsapiPayParams(credentials.privateKey, { appId: cfg.appid, prepayId: r.data.prepay_id });
        return { ok: true, start: { kind: "jsapi", params } };
      }
      const r = await client.createH5({
        ...common,
        scene_info: { payer_client_ip: input.clientIp || "127.0.0.1", h5_info: { type: "Wap" } },
      });
      if (!r.ok) return failure(r);
      const url = `${r.data.h5_url}&redirect_url=${encodeURIComponent(input.returnUrl)}`;
      return { ok: true, start: { kind: "redirect", url } };
    },
    async query(orderId) {
      const r = await client.queryByOutTradeNo(orderId);
      if (!r.ok) {
        if (r.code === "WECHATPAY_ERROR" && r.errorCode === "ORDER_NOT_EXIST") return { ok: true, payment: null };
        return failure(r);
      }
      return { ok: true, payment: paymentOf(r.data) };
    },
    async close(orderId) {
      const r = await client.close(orderId);
      if (r.ok) return { ok: true, paid: false };
      if (r.code === "WECHATPAY_ERROR") {
        if (r.errorCode === "ORDERPAID") return { ok: true, paid: true };
        if (r.errorCode === "ORDER_NOT_EXIST" || r.errorCode === "ORDER_CLOSED") return { ok: true, paid: false };
      }
      return failure(r);
    },
    async refund(input) {
      const r = await client.createRefund({
        out_trade_no: input.orderId,
        out_refund_no: input.refundNo,
        reason: input.reason,
        notify_url: input.notifyUrl,
        amount: { refund: input.amountFen, total: input.totalFen, currency: "CNY" },
      });
      return r.ok ? { ok: true, refund: refundOf(r.data) } : failure(r);
    },
    async queryRefund(refundNo) {
      const r = await client.queryRefund(refundNo);
      if (!r.ok) {
        if (r.code === "WECHATPAY_ERROR" && r.errorCode === "RESOURCE_NOT_EXISTS") return { ok: true, refund: null };
        return failure(r);
      }
      return { ok: true, refund: refundOf(r.data) };
    },
    async openNotice(headers, body, now) {
      const opened = await openNotification<Transaction | RefundNotice>({
        headers,
        body,
        platformKeys: keys,
        apiV3Key: cfg.apiV3Key,
        now,
      });
      if (!opened.ok) return opened;
      const { envelope, resource } = opened;
      if (envelope.event_type.startsWith("REFUND."))
        return { ok: true, notice: { kind: "refund", id: envelope.id, refund: refundOf(resource as RefundNotice) } };
      if (envelope.event_type === "TRANSACTION.SUCCESS")
        return { ok: true, notice: { kind: "payment", id: envelope.id, payment: paymentOf(resource as Transaction) } };
      return { ok: false, code: "UNKNOWN_EVENT" };
    },
    async bill(date) {
      const r = await client.tradeBill(date, "ALL");
      if (!r.ok) {
        if (r.code === "WECHATPAY_ERROR" && r.errorCode === "NO_STATEMENT_EXIST") return { ok: true, records: [] };
        return failure(r);
      }
      const file = await client.downloadBill(r.data);
      if (!file.ok) return failure(file);
      return { ok: true, records: parseTradeBill(file.data) };
    },
  } satisfies PaymentProvider;
}

export type { ProviderResult };
