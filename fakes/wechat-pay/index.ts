// A contract-faithful fake of WeChat Pay API v3 (直连商户, api.mch.weixin.qq.com): it checks every request's
// Authorization signature against the merchant's public key (401 SIGN_ERROR), signs every answer with its
// own platform key (微信支付公钥 mode: serial "PUB_KEY_ID_…"), keeps orders and refunds, serves trade
// bills, and posts encrypted, signed notifications to notify_url with WeChat Pay's retries.
// Control API (besides /__fake/requests and /__fake/faults):
//   GET  /__fake/wechatpay/config                   mchid, appids, apiV3Key, serials, platform public key,
//                                                   the merchant private key when the fake generated it
//   GET  /__fake/wechatpay/orders/:out_trade_no      the order and its transaction view
//   POST /__fake/wechatpay/orders/:no/pay           {reportedTotal?, openid?} pay it (as the cashier page
//                                                   does): SUCCESS + TRANSACTION.SUCCESS notification;
//                                                   reportedTotal makes WeChat Pay report another amount
//   POST /__fake/wechatpay/orders/:no/fail          PAYERROR (no notification, as WeChat Pay sends none)
//   POST /__fake/wechatpay/orders/:no/expire        its time_expire passes now: it can no longer be paid
//   POST /__fake/wechatpay/orders/:no/notify        {forge?: "signature"|"serial"|"stale"} deliver the
//                                                   latest notification once more (a duplicate) or forged
//   POST /__fake/wechatpay/refunds/:no/complete     {status: SUCCESS|CLOSED|ABNORMAL} (with autoRefund false)
//   POST /__fake/wechatpay/refunds/:no/notify       {forge?} the refund notification once more
//   GET  /__fake/wechatpay/notifications?ref=       every delivery attempt (ref = out_trade_no or out_refund_no)
import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import { json, parseJson, startFakeServer, type FakeRequest, type FakeResponse } from "../http";
import { checkAuthorization } from "./auth";
import { tradeBill } from "./bill";
import { cstDate, generateRsaPair, merchantSerial, nonce, platformSerial, publicKeyOf, rsaSign, sha1Hex } from "./keys";
import { Notifier, type Forge } from "./notify";
import { OrderBook, type ApiError, type Order, type RefundRec } from "./orders";
import { payPages } from "./pages";

export type WechatPayFakeOptions = {
  port?: number;
  mchid?: string;
  appids?: string[];
  apiV3Key?: string;
  /** The merchant's API key: give its public key + serial, or a private key, or neither (one is generated). */
  merchant?: { serialNo?: string; publicKeyPem?: string; privateKeyPem?: string };
  /** The platform key pair; generated when absent (pass one to keep it across restarts). */
  platform?: { serialNo: string; privateKeyPem: string };
  /** Multiplies WeChat Pay's notification retry delays (1 = the real 24-hour schedule). */
  retryScale?: number;
  /** Refunds succeed (and notify) this many ms after they are accepted; null = only via the control API. */
  autoRefundMs?: number | null;
  /** WeChat Pay requires an https notify_url; the local mall is http, so the fake allows it unless this is set. */
  requireHttpsNotifyUrl?: boolean;
  now?: () => number;
};

export type WechatPayFake = {
  url: string;
  mchid: string;
  appids: string[];
  apiV3Key: string;
  merchantSerialNo: string;
  merchantPrivateKeyPem?: string;
  platformSerialNo: string;
  platformPublicKeyPem: string;
  platformPrivateKeyPem: string;
  book: OrderBook;
  notifier: Notifier;
  stop(): Promise<void>;
};

const API_V3_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export async function startWechatPayFake(opts: WechatPayFakeOptions = {}): Promise<WechatPayFake> {
  const now = opts.now ?? Date.now;
  const mchid = opts.mchid ?? "1900000109";
  const appids = opts.appids ?? ["wxfa4e5eed00000001"];
  const apiV3Key =
    opts.apiV3Key ?? Array.from(randomBytes(32), (b) => API_V3_ALPHABET[b % API_V3_ALPHABET.length]).join("");
  if (Buffer.byteLength(apiV3Key) !== 32) throw new Error("the API v3 key is 32 bytes");
  const generated = !opts.merchant?.publicKeyPem && !opts.merchant?.privateKeyPem ? generateRsaPair() : undefined;
  const merchantPrivateKeyPem = opts.merchant?.privateKeyPem ?? generated?.privateKeyPem;
  const merchant = {
    mchid,
    serialNo: opts.merchant?.serialNo ?? merchantSerial(),
    publicKeyPem: opts.merchant?.publicKeyPem ?? publicKeyOf(merchantPrivateKeyPem!),
  };
  const platform = opts.platform ?? { serialNo: platformSerial(), privateKeyPem: generateRsaPair().privateKeyPem };
  const platformPublicKeyPem = publicKeyOf(platform.privateKeyPem);
  let baseUrl = "";
  const book = new OrderBook({
    mchid,
    appids,
    baseUrl: () => baseUrl,
    requireHttpsNotifyUrl: opts.requireHttpsNotifyUrl ?? false,
    now,
  });
  const notifier = new Notifier({
    platformPrivateKeyPem: platform.privateKeyPem,
    platformSerialNo: platform.serialNo,
    apiV3Key,
    retryScale: opts.retryScale ?? 1,
    timeoutMs: 5000,
    now,
  });
  const bills = new Map<string, Buffer>();
  const autoRefundMs = opts.autoRefundMs === undefined ? 0 : opts.autoRefundMs;

  const notifyPaid = (o: Order) =>
    notifier.send({
      url: o.notify_url,
      eventType: "TRANSACTION.SUCCESS",
      summary: "支付成功",
      originalType: "transaction",
      resource: book.transaction(o),
      ref: o.out_trade_no,
    });
  const completeRefund = (r: RefundRec, status: "SUCCESS" | "CLOSED" | "ABNORMAL") => {
    if (r.status !== "PROCESSING") return;
    book.finishRefund(r, status);
    const summary = { SUCCESS: "退款成功", CLOSED: "退款关闭", ABNORMAL: "退款异常" }[status];
    if (r.notify_url)
      notifier.send({
        url: r.notify_url,
        eventType: `REFUND.${status}`,
        summary,
        originalType: "refund",
        resource: book.refundNotice(r),
        ref: r.out_refund_no,
      });
  };

  /** Every API answer is signed over timestamp\nnonce\nbody\n with the platform key. */
  const signed = (status: number, body?: unknown): FakeResponse => {
    const text = body === undefined ? "" : JSON.stringify(body);
    const ts = String(Math.floor(now() / 1000));
    const n = nonce(32);
    return {
      status,
      body: text,
      headers: {
        ...(text ? { "Content-Type": "application/json; charset=utf-8" } : {}),
        "Request-ID": randomBytes(16).toString("hex"),
        "Wechatpay-Timestamp": ts,
        "Wechatpay-Nonce": n,
        "Wechatpay-Serial": platform.serialNo,
        "Wechatpay-Signature": rsaSign(platform.privateKeyPem, `${ts}\n${n}\n${text}\n`),
        "Wechatpay-Signature-Type": "WECHATPAY2-SHA256-RSA2048",
      },
    };
  };
  const fail = (e: ApiError) => signed(e.status, { code: e.code, message: e.message });

  function api(req: FakeRequest): FakeResponse | undefined {
    const p = req.path;
    const route =
      (req.method === "POST" &&
        (p === "/v3/pay/transactions/jsapi" ||
          p === "/v3/pay/transactions/h5" ||
          /^\/v3\/pay\/transactions\/out-trade-no\/[^/]+\/close$/.test(p) ||
          p === "/v3/refund/domestic/refunds")) ||
      (req.method === "GET" &&
        (/^\/v3\/pay\/transactions\/(out-trade-no|id)\/[^/]+$/.test(p) ||
          /^\/v3\/refund\/domestic\/refunds\/[^/]+$/.test(p) ||
          p === "/v3/bill/tradebill" ||
          p === "/v3/billdownload/file"));
    if (!route) return p.startsWith("/v3/") ? json(404, { code: "NOT_FOUND", message: "请求的资源不存在" }) : undefined;
    const auth = checkAuthorization(req, merchant, now());
    if (!auth.ok) return json(401, { code: "SIGN_ERROR", message: auth.message });
    const body = req.method === "POST" ? (parseJson(req.body) as Record<string, unknown> | undefined) : undefined;
    if (req.method === "POST" && req.body && body === undefined)
      return fail({ status: 400, code: "PARAM_ERROR", message: "请求体不是合法的JSON" });

    if (p === "/v3/pay/transactions/jsapi" || p === "/v3/pay/transactions/h5") {
      const r = book.create(p.endsWith("jsapi") ? "JSAPI" : "MWEB", body);
      if (!r.ok) return fail(r.error);
      return signed(200, r.order.kind === "JSAPI" ? { prepay_id: r.order.prepay_id } : { h5_url: r.order.h5_url });
    }
    let m = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/.exec(p);
    if (m) {
      if (body?.mchid !== mchid)
        return fail({
          status: 400,
          code: "PARAM_ERROR",
          message: "输入源“/body/mchid”映射到字段“直连商户号”必填性规则校验失败",
        });
      const e = book.close(decodeURIComponent(m[1]!));
      return e ? fail(e) : signed(204);
    }
    m = /^\/v3\/pay\/transactions\/(out-trade-no|id)\/([^/]+)$/.exec(p);
    if (m) {
      if (req.url.searchParams.get("mchid") !== mchid)
        return fail({
          status: 400,
          code: "PARAM_ERROR",
          message: "输入源“/query/mchid”映射到字段“直连商户号”必填性规则校验失败",
        });
      const key = decodeURIComponent(m[2]!);
      const o = m[1] === "id" ? [...book.orders.values()].find((x) => x.transaction_id === key) : book.orders.get(key);
      return o
        ? signed(200, book.transaction(o))
        : fail({ status: 404, code: "ORDER_NOT_EXIST", message: "订单不存在" });
    }
    if (p === "/v3/refund/domestic/refunds") {
      const r = book.refund(body);
      if (!r.ok) return fail(r.error);
      if (r.created && autoRefundMs !== null) setTimeout(() => completeRefund(r.refund, "SUCCESS"), autoRefundMs);
      return signed(200, book.refundView(r.refund));
    }
    m = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(p);
    if (m) {
      const r = book.refunds.get(decodeURIComponent(m[1]!));
      return r
        ? signed(200, book.refundView(r))
        : fail({ status: 404, code: "RESOURCE_NOT_EXISTS", message: "退款单不存在" });
    }
    if (p === "/v3/bill/tradebill") {
      const date = req.url.searchParams.get("bill_date") ?? "";
      const type = (req.url.searchParams.get("bill_type") ?? "ALL") as "ALL" | "SUCCESS" | "REFUND";
      const tar = req.url.searchParams.get("tar_type");
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date)))
        return fail({
          status: 400,
          code: "PARAM_ERROR",
          message: "输入源“/query/bill_date”映射到字段“账单日期”格式规则校验失败：YYYY-MM-DD",
        });
      if (!["ALL", "SUCCESS", "REFUND"].includes(type) || (tar !== null && tar !== "GZIP"))
        return fail({ status: 400, code: "PARAM_ERROR", message: "bill_type 或 tar_type 取值错误" });
      if (date > cstDate(now())) return fail({ status: 400, code: "NO_STATEMENT_EXIST", message: "账单文件不存在" });
      const csv = Buffer.from(tradeBill(book.orders.values(), book.refunds.values(), date, type));
      const file = tar === "GZIP" ? gzipSync(csv) : csv;
      const token = randomBytes(16).toString("hex");
      bills.set(token, file);
      return signed(200, {
        hash_type: "SHA1",
        hash_value: sha1Hex(file),
        download_url: `${baseUrl}/v3/billdownload/file?token=${token}`,
      });
    }
    if (p === "/v3/billdownload/file") {
      const file = bills.get(req.url.searchParams.get("token") ?? "");
      if (!file) return fail({ status: 404, code: "RESOURCE_NOT_EXISTS", message: "账单文件不存在或已过期" });
      return { status: 200, headers: { "Content-Type": "application/octet-stream" }, body: file }; // the file itself is not signed
    }
    return undefined;
  }

  function control(req: FakeRequest): FakeResponse | Promise<FakeResponse> | undefined {
    const p = req.path.slice("/__fake/wechatpay".length);
    const body = (parseJson(req.body) ?? {}) as {
      reportedTotal?: number;
      openid?: string;
      forge?: Forge;
      status?: "SUCCESS" | "CLOSED" | "ABNORMAL";
    };
    if (p === "/config") return json(200, handle.info());
    if (p === "/notifications") {
      const ref = req.url.searchParams.get("ref");
      return json(
        200,
        notifier.deliveries.filter((d) => !ref || d.ref === ref),
      );
    }
    let m = /^\/orders\/([^/]+)(?:\/(pay|fail|expire|notify))?$/.exec(p);
    if (m) {
      const o = book.orders.get(decodeURIComponent(m[1]!));
      if (!o) return json(404, { error: "no such order" });
      if (!m[2]) return json(200, { order: { ...o, bodyKey: undefined }, transaction: book.transaction(o) });
      if (m[2] === "pay") {
        const r = book.pay(o, body);
        if (!r.ok) return json(409, { error: r.reason });
        notifyPaid(o);
        return json(200, book.transaction(o));
      }
      if (m[2] === "fail") {
        if (o.trade_state !== "NOTPAY") return json(409, { error: `order is ${o.trade_state}` });
        o.trade_state = "PAYERROR";
        return json(200, book.transaction(o));
      }
      if (m[2] === "expire") return ((o.expiresAt = now()), json(200, { ok: true }));
      const n = notifier.latest(o.out_trade_no);
      if (!n) return json(409, { error: "no notification sent for this order yet" });
      return notifier.resend(n.id, body.forge)!.then((d) => json(200, d));
    }
    m = /^\/refunds\/([^/]+)\/(complete|notify)$/.exec(p);
    if (m) {
      const r = book.refunds.get(decodeURIComponent(m[1]!));
      if (!r) return json(404, { error: "no such refund" });
      if (m[2] === "complete") {
        if (r.status !== "PROCESSING") return json(409, { error: `refund is ${r.status}` });
        completeRefund(r, body.status ?? "SUCCESS");
        return json(200, book.refundView(r));
      }
      const n = notifier.latest(r.out_refund_no);
      if (!n) return json(409, { error: "no notification sent for this refund yet" });
      return notifier.resend(n.id, body.forge)!.then((d) => json(200, d));
    }
    return undefined;
  }

  const server = await startFakeServer(
    "wechatpay",
    (req) => {
      if (
        req.path.startsWith("/__fake/wechatpay/") &&
        req.path !== "/__fake/wechatpay/jsapi" &&
        req.path !== "/__fake/wechatpay/pay-page"
      )
        return control(req);
      return api(req) ?? payPages(book, merchant.publicKeyPem, notifyPaid, now, req);
    },
    { port: opts.port },
  );
  baseUrl = server.url;
  const handle: WechatPayFake & { info(): Record<string, unknown> } = {
    url: server.url,
    mchid,
    appids,
    apiV3Key,
    merchantSerialNo: merchant.serialNo,
    merchantPrivateKeyPem,
    platformSerialNo: platform.serialNo,
    platformPublicKeyPem,
    platformPrivateKeyPem: platform.privateKeyPem,
    book,
    notifier,
    info: () => ({
      url: server.url,
      mchid,
      appids,
      apiV3Key,
      merchantSerialNo: merchant.serialNo,
      merchantPrivateKeyPem,
      platformSerialNo: platform.serialNo,
      platformPublicKeyPem,
    }),
    async stop() {
      notifier.stop();
      await server.close();
    },
  };
  return handle;
}
