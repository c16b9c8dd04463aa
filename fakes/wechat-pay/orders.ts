// The fake's order book: JSAPI and H5 (MWEB) orders by out_trade_no, their payment, closing and refunds,
// with WeChat Pay's documented answers:
//   create: same out_trade_no + same body → the same prepay_id/h5_url (idempotent); a different body →
//           403 OUT_TRADE_NO_USED; paid → 400 ORDERPAID; closed → 400 ORDER_CLOSED; bad fields → 400 PARAM_ERROR;
//           an appid not bound to the merchant → 400 APPID_MCHID_NOT_MATCH
//   query:  404 ORDER_NOT_EXIST when unknown          close: 204; paid → 400 ORDERPAID
//   refund: idempotent on out_refund_no (a different body → 400 INVALID_REQUEST); total must equal the
//           order's; the sum of refunds ≤ the paid amount; unknown order → 404 RESOURCE_NOT_EXISTS
// (Where WeChat's tables were ambiguous about a status code, the comment beside the check says what we chose.)
import { randomBytes, randomInt } from "node:crypto";
import { cst } from "./keys";

export type ApiError = { status: number; code: string; message: string };
export type Kind = "JSAPI" | "MWEB";
export type Order = {
  kind: Kind;
  bodyKey: string;
  appid: string;
  mchid: string;
  description: string;
  out_trade_no: string;
  notify_url: string;
  total: number;
  openid?: string;
  attach?: string;
  createdAt: number;
  expiresAt: number;
  prepay_id: string;
  h5_url?: string;
  trade_state: "NOTPAY" | "SUCCESS" | "CLOSED" | "PAYERROR" | "REFUND";
  transaction_id?: string;
  success_time?: number;
  /** What WeChat Pay reports as paid (the fake's "tampered amount" control changes it). */
  reportedTotal?: number;
  payerOpenid?: string;
};
export type RefundRec = {
  bodyKey: string;
  refund_id: string;
  out_refund_no: string;
  out_trade_no: string;
  transaction_id: string;
  reason?: string;
  notify_url?: string;
  refund: number;
  total: number;
  createdAt: number;
  status: "PROCESSING" | "SUCCESS" | "CLOSED" | "ABNORMAL";
  success_time?: number;
};

const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;
const err = (status: number, code: string, message: string): ApiError => ({ status, code, message });
const param = (message: string) => err(400, "PARAM_ERROR", message);
const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join("");
const ymdhms = (ms: number) => cst(ms).replace(/[-T:]/g, "").slice(0, 14);

/** Canonical JSON (sorted keys) to compare a repeated request with the first. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v);
}

type Body = Record<string, unknown>;
const str = (b: Body, k: string) => (typeof b[k] === "string" ? (b[k] as string) : undefined);

export class OrderBook {
  orders = new Map<string, Order>();
  refunds = new Map<string, RefundRec>();

  constructor(
    private cfg: {
      mchid: string;
      appids: string[];
      baseUrl: () => string;
      requireHttpsNotifyUrl: boolean;
      now: () => number;
    },
  ) {}

  create(kind: Kind, b: Body | undefined): { ok: true; order: Order } | { ok: false; error: ApiError } {
    if (!b || typeof b !== "object") return { ok: false, error: param("请求体不是合法的JSON") };
    const appid = str(b, "appid");
    const mchid = str(b, "mchid");
    const description = str(b, "description");
    const out = str(b, "out_trade_no");
    const notify = str(b, "notify_url");
    const amount = b.amount as { total?: unknown; currency?: unknown } | undefined;
    if (!appid)
      return { ok: false, error: param("输入源“/body/appid”映射到字段“公众账号ID”必填性规则校验失败，此字段为必填项") };
    if (!mchid)
      return { ok: false, error: param("输入源“/body/mchid”映射到字段“直连商户号”必填性规则校验失败，此字段为必填项") };
    if (!description || description.length > 127)
      return {
        ok: false,
        error: param("输入源“/body/description”映射到字段“商品描述”长度规则校验失败，长度应为1~127"),
      };
    if (!out || !OUT_TRADE_NO.test(out))
      return {
        ok: false,
        error: param(
          "输入源“/body/out_trade_no”映射到字段“商户订单号”格式规则校验失败：6~32个字符，数字、大小写字母_-|*",
        ),
      };
    if (
      !notify ||
      !/^https?:\/\/[^?#]+$/.test(notify) ||
      (this.cfg.requireHttpsNotifyUrl && !notify.startsWith("https://"))
    ) {
      return {
        ok: false,
        error: param("输入源“/body/notify_url”映射到字段“通知地址”格式规则校验失败：须为可访问的 URL，不能携带参数"),
      };
    }
    if (!amount || !Number.isInteger(amount.total) || (amount.total as number) < 1)
      return { ok: false, error: param("输入源“/body/amount/total”映射到字段“总金额”规则校验失败，值低于最小值 1") };
    if (amount.currency !== undefined && amount.currency !== "CNY")
      return { ok: false, error: param("输入源“/body/amount/currency”映射到字段“货币类型”规则校验失败，仅支持CNY") };
    const payer = b.payer as { openid?: unknown } | undefined;
    if (kind === "JSAPI" && (typeof payer?.openid !== "string" || !payer.openid))
      return {
        ok: false,
        error: param("输入源“/body/payer/openid”映射到字段“用户标识”必填性规则校验失败，此字段为必填项"),
      };
    const scene = b.scene_info as { payer_client_ip?: unknown; h5_info?: { type?: unknown } } | undefined;
    if (kind === "MWEB" && (typeof scene?.payer_client_ip !== "string" || typeof scene?.h5_info?.type !== "string")) {
      return {
        ok: false,
        error: param(
          "输入源“/body/scene_info”映射到字段“场景信息”必填性规则校验失败：需要 payer_client_ip 与 h5_info.type",
        ),
      };
    }
    if (mchid !== this.cfg.mchid) return { ok: false, error: err(400, "MCH_NOT_EXISTS", "商户号不存在") };
    if (!this.cfg.appids.includes(appid))
      return { ok: false, error: err(400, "APPID_MCHID_NOT_MATCH", "AppID和mch_id不匹配") };

    const bodyKey = canonical({ kind, ...b });
    const existing = this.orders.get(out);
    if (existing) {
      if (existing.trade_state === "SUCCESS" || existing.trade_state === "REFUND")
        return { ok: false, error: err(400, "ORDERPAID", "该订单已支付") };
      if (existing.trade_state === "CLOSED") return { ok: false, error: err(400, "ORDER_CLOSED", "该订单已关闭") };
      // Chosen: 403 OUT_TRADE_NO_USED for a reused number with other parameters (商户订单号重复).
      if (existing.bodyKey !== bodyKey) return { ok: false, error: err(403, "OUT_TRADE_NO_USED", "商户订单号重复") };
      return { ok: true, order: existing };
    }
    const now = this.cfg.now();
    const timeExpire = str(b, "time_expire");
    const prepay_id = `wx${ymdhms(now)}${randomBytes(13).toString("hex")}`.slice(0, 36);
    const order: Order = {
      kind,
      bodyKey,
      appid,
      mchid,
      description,
      out_trade_no: out,
      notify_url: notify,
      total: amount.total as number,
      openid: kind === "JSAPI" ? (payer!.openid as string) : undefined,
      attach: str(b, "attach"),
      createdAt: now,
      expiresAt: timeExpire && !Number.isNaN(Date.parse(timeExpire)) ? Date.parse(timeExpire) : now + 2 * 3600_000,
      prepay_id,
      trade_state: "NOTPAY",
    };
    if (kind === "MWEB")
      order.h5_url = `${this.cfg.baseUrl()}/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=${prepay_id}&package=${digits(10)}`;
    this.orders.set(out, order);
    return { ok: true, order };
  }

  byPrepayId(prepayId: string): Order | undefined {
    for (const o of this.orders.values()) if (o.prepay_id === prepayId) return o;
    return undefined;
  }

  /** The member paid: NOTPAY and not expired → SUCCESS. */
  pay(o: Order, opts: { reportedTotal?: number; openid?: string } = {}): { ok: true } | { ok: false; reason: string } {
    if (o.trade_state !== "NOTPAY" && o.trade_state !== "PAYERROR")
      return { ok: false, reason: `订单状态为 ${o.trade_state}` };
    if (this.cfg.now() >= o.expiresAt) return { ok: false, reason: "订单已过期" };
    o.trade_state = "SUCCESS";
    o.success_time = this.cfg.now();
    o.transaction_id = `42000${digits(5)}${ymdhms(o.success_time).slice(0, 8)}${digits(10)}`;
    o.payerOpenid = o.openid ?? opts.openid ?? `oFake${digits(23)}`;
    if (opts.reportedTotal !== undefined) o.reportedTotal = opts.reportedTotal;
    return { ok: true };
  }

  transaction(o: Order): Record<string, unknown> {
    const paid = o.trade_state === "SUCCESS" || o.trade_state === "REFUND";
    const total = o.reportedTotal ?? o.total;
    const desc = {
      NOTPAY: "订单未支付",
      SUCCESS: "支付成功",
      CLOSED: "订单已关闭",
      PAYERROR: "支付失败，请重新下单支付",
      REFUND: "订单发生过退款",
    }[o.trade_state];
    return {
      appid: o.appid,
      mchid: o.mchid,
      out_trade_no: o.out_trade_no,
      ...(paid
        ? {
            transaction_id: o.transaction_id,
            trade_type: o.kind,
            bank_type: "OTHERS",
            success_time: cst(o.success_time!),
            payer: { openid: o.payerOpenid },
          }
        : {}),
      trade_state: o.trade_state,
      trade_state_desc: desc,
      attach: o.attach ?? "",
      amount: paid
        ? { total, payer_total: total, currency: "CNY", payer_currency: "CNY" }
        : { total: o.total, currency: "CNY", payer_currency: "CNY" },
      promotion_detail: [],
    };
  }

  close(out: string): ApiError | undefined {
    const o = this.orders.get(out);
    if (!o) return err(404, "ORDER_NOT_EXIST", "订单不存在");
    if (o.trade_state === "SUCCESS" || o.trade_state === "REFUND") return err(400, "ORDERPAID", "订单已支付");
    o.trade_state = "CLOSED";
    return undefined;
  }

  refund(b: Body | undefined): { ok: true; refund: RefundRec; created: boolean } | { ok: false; error: ApiError } {
    if (!b || typeof b !== "object") return { ok: false, error: param("请求体不是合法的JSON") };
    const outRefundNo = str(b, "out_refund_no");
    const amount = b.amount as { refund?: unknown; total?: unknown; currency?: unknown } | undefined;
    if (!outRefundNo || !/^[0-9A-Za-z_\-|*@]{1,64}$/.test(outRefundNo))
      return { ok: false, error: param("输入源“/body/out_refund_no”映射到字段“商户退款单号”必填性规则校验失败") };
    if (!str(b, "out_trade_no") && !str(b, "transaction_id"))
      return { ok: false, error: param("out_trade_no 与 transaction_id 必须二选一") };
    if (
      !amount ||
      !Number.isInteger(amount.refund) ||
      (amount.refund as number) < 1 ||
      !Number.isInteger(amount.total) ||
      amount.currency !== "CNY"
    ) {
      return {
        ok: false,
        error: param(
          "输入源“/body/amount”映射到字段“金额信息”规则校验失败：refund、total 为正整数（分），currency 为 CNY",
        ),
      };
    }
    const bodyKey = canonical(b);
    const prior = this.refunds.get(outRefundNo);
    if (prior) {
      // Chosen: INVALID_REQUEST for a reused out_refund_no with other parameters.
      if (prior.bodyKey !== bodyKey)
        return { ok: false, error: err(400, "INVALID_REQUEST", "商户退款单号重复，且退款参数与原请求不一致") };
      return { ok: true, refund: prior, created: false };
    }
    const o = str(b, "out_trade_no")
      ? this.orders.get(str(b, "out_trade_no")!)
      : [...this.orders.values()].find((x) => x.transaction_id === str(b, "transaction_id"));
    if (!o) return { ok: false, error: err(404, "RESOURCE_NOT_EXISTS", "订单不存在") };
    if (o.trade_state !== "SUCCESS" && o.trade_state !== "REFUND")
      return { ok: false, error: err(400, "INVALID_REQUEST", "订单未支付，不能退款") };
    if (amount.total !== o.total)
      return { ok: false, error: err(400, "INVALID_REQUEST", "订单金额与原订单金额不一致") };
    const refunded = [...this.refunds.values()]
      .filter((r) => r.out_trade_no === o.out_trade_no && r.status !== "CLOSED" && r.status !== "ABNORMAL")
      .reduce((s, r) => s + r.refund, 0);
    if (refunded + (amount.refund as number) > o.total)
      return { ok: false, error: err(400, "INVALID_REQUEST", "申请退款金额超过订单可退金额") };
    const rec: RefundRec = {
      bodyKey,
      refund_id: `50${digits(5)}${ymdhms(this.cfg.now()).slice(0, 8)}${digits(13)}`,
      out_refund_no: outRefundNo,
      out_trade_no: o.out_trade_no,
      transaction_id: o.transaction_id!,
      reason: str(b, "reason"),
      notify_url: str(b, "notify_url"),
      refund: amount.refund as number,
      total: o.total,
      createdAt: this.cfg.now(),
      status: "PROCESSING",
    };
    this.refunds.set(outRefundNo, rec);
    return { ok: true, refund: rec, created: true };
  }

  finishRefund(r: RefundRec, status: "SUCCESS" | "CLOSED" | "ABNORMAL"): void {
    r.status = status;
    if (status === "SUCCESS") {
      r.success_time = this.cfg.now();
      const o = this.orders.get(r.out_trade_no);
      if (o) o.trade_state = "REFUND";
    }
  }

  refundView(r: RefundRec): Record<string, unknown> {
    return {
      refund_id: r.refund_id,
      out_refund_no: r.out_refund_no,
      transaction_id: r.transaction_id,
      out_trade_no: r.out_trade_no,
      channel: "ORIGINAL",
      user_received_account: "支付用户零钱",
      ...(r.success_time ? { success_time: cst(r.success_time) } : {}),
      create_time: cst(r.createdAt),
      status: r.status,
      funds_account: "AVAILABLE",
      amount: {
        total: r.total,
        refund: r.refund,
        from: [],
        payer_total: r.total,
        payer_refund: r.refund,
        settlement_refund: r.refund,
        settlement_total: r.total,
        discount_refund: 0,
        currency: "CNY",
        refund_fee: 0,
      },
      promotion_detail: [],
    };
  }

  refundNotice(r: RefundRec): Record<string, unknown> {
    return {
      mchid: this.cfg.mchid,
      out_trade_no: r.out_trade_no,
      transaction_id: r.transaction_id,
      out_refund_no: r.out_refund_no,
      refund_id: r.refund_id,
      refund_status: r.status,
      ...(r.success_time ? { success_time: cst(r.success_time) } : {}),
      user_received_account: "支付用户零钱",
      amount: { total: r.total, refund: r.refund, payer_total: r.total, payer_refund: r.refund },
    };
  }
}
