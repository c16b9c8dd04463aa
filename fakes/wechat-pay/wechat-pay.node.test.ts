// The fake WeChat Pay over real HTTP, driven by the Worker's own WebCrypto code (worker/payments/wechat-pay):
// the fake checks the Worker's request signatures with node:crypto, the Worker checks the fake's response
// and notification signatures and decrypts its resources — two independent implementations meeting.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wechatPayClient, type WechatPayClient } from "../../worker/payments/wechat-pay/client";
import { jsapiPayParams } from "../../worker/payments/wechat-pay/jsapi-params";
import { openNotification, type NotificationResult } from "../../worker/payments/wechat-pay/notification";
import { importMerchantPrivateKey } from "../../worker/payments/wechat-pay/pem";
import { merchantCredentials } from "../../worker/payments/wechat-pay/sign";
import type { RefundNotice, Transaction } from "../../worker/payments/wechat-pay/types";
import { platformKeys } from "../../worker/payments/wechat-pay/verify";
import { generateRsaPair } from "./keys";
import { BILL_HEADER, BILL_SUMMARY_HEADER } from "./bill";
import { startWechatPayFake, type WechatPayFake } from "./index";

let fake: WechatPayFake;
let pay: WechatPayClient;
let merchant: Server;
let notifyUrl: string;
const received: { body: string; opened: NotificationResult<Transaction & RefundNotice> }[] = [];
let failNext = 0;
const APPID = "wxfa4e5eed00000001";

const until = async <T>(f: () => T | undefined, ms = 5000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
};
const control = (path: string, body: unknown = {}) =>
  fetch(`${fake.url}/__fake/wechatpay${path}`, { method: "POST", body: JSON.stringify(body) }).then(async (r) => ({
    status: r.status,
    json: await r.json(),
  }));
const order = (no: string, total = 1000, over: Record<string, unknown> = {}) => ({
  appid: APPID,
  description: "栗子咖啡-拿铁 积分+现金",
  out_trade_no: no,
  notify_url: notifyUrl,
  amount: { total, currency: "CNY" as const },
  payer: { openid: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
  ...over,
});
const no = () => `PM${Date.now()}${Math.floor(Math.random() * 1e6)}`;

beforeAll(async () => {
  // the merchant's notify_url: verifies and decrypts with the Worker's code, answers 500 when told to
  merchant = createServer(async (req, res) => {
    let body = "";
    for await (const c of req) body += c;
    const opened = await openNotification<Transaction & RefundNotice>({
      headers: req.headers as Record<string, string>,
      body,
      platformKeys: await platformKeys([{ serialNo: fake.platformSerialNo, pem: fake.platformPublicKeyPem }]),
      apiV3Key: fake.apiV3Key,
    });
    received.push({ body, opened });
    if (failNext > 0) {
      failNext--;
      res.writeHead(500, { "Content-Type": "application/json" }).end('{"code":"FAIL","message":"失败"}');
    } else res.writeHead(opened.ok ? 204 : 401).end();
  });
  await new Promise<void>((r) => merchant.listen(0, "127.0.0.1", () => r()));
  notifyUrl = `http://127.0.0.1:${(merchant.address() as { port: number }).port}/payments/wechat/notify`;
  fake = await startWechatPayFake({ retryScale: 0.001, appids: [APPID] });
  pay = wechatPayClient({
    baseUrl: fake.url,
    credentials: await merchantCredentials({
      mchid: fake.mchid,
      serialNo: fake.merchantSerialNo,
      privateKeyPem: fake.merchantPrivateKeyPem!,
    }),
    platformKeys: await platformKeys([{ serialNo: fake.platformSerialNo, pem: fake.platformPublicKeyPem }]),
  });
});
afterAll(async () => {
  await fake.stop();
  await new Promise((r) => merchant.close(r));
});

describe("signatures both ways", () => {
  it("refuses unsigned and wrongly signed requests with 401 SIGN_ERROR", async () => {
    const raw = await fetch(`${fake.url}/v3/pay/transactions/out-trade-no/X123456?mchid=${fake.mchid}`);
    expect(raw.status).toBe(401);
    expect(await raw.json()).toMatchObject({ code: "SIGN_ERROR" });
    const impostor = wechatPayClient({
      baseUrl: fake.url,
      credentials: {
        mchid: fake.mchid,
        serialNo: fake.merchantSerialNo,
        privateKey: await importMerchantPrivateKey(generateRsaPair().privateKeyPem),
      },
      platformKeys: await platformKeys([{ serialNo: fake.platformSerialNo, pem: fake.platformPublicKeyPem }]),
    });
    expect(await impostor.queryByOutTradeNo("X123456")).toMatchObject({
      ok: false,
      code: "WECHATPAY_ERROR",
      status: 401,
      errorCode: "SIGN_ERROR",
    });
    const oldClock = wechatPayClient({
      baseUrl: fake.url,
      credentials: await merchantCredentials({
        mchid: fake.mchid,
        serialNo: fake.merchantSerialNo,
        privateKeyPem: fake.merchantPrivateKeyPem!,
      }),
      platformKeys: new Map(),
      now: () => Date.now() - 600_000,
    });
    expect(await oldClock.queryByOutTradeNo("X123456")).toMatchObject({
      ok: false,
      status: 401,
      errorCode: "SIGN_ERROR",
    });
  });

  it("answers are signed: a client holding another platform key refuses them", async () => {
    const n = no();
    expect((await pay.createJsapi(order(n))).ok).toBe(true);
    const other = wechatPayClient({
      baseUrl: fake.url,
      credentials: await merchantCredentials({
        mchid: fake.mchid,
        serialNo: fake.merchantSerialNo,
        privateKeyPem: fake.merchantPrivateKeyPem!,
      }),
      platformKeys: await platformKeys([{ serialNo: fake.platformSerialNo, pem: generateRsaPair().publicKeyPem }]),
    });
    expect(await other.queryByOutTradeNo(n)).toEqual({
      ok: false,
      code: "WECHATPAY_BAD_RESPONSE",
      status: 200,
      reason: "BAD_SIGNATURE",
    });
  });
});

describe("JSAPI orders", () => {
  it("create is idempotent on out_trade_no with the same body; other bodies and bad fields are refused as documented", async () => {
    const n = no();
    const a = await pay.createJsapi(order(n));
    expect(a).toMatchObject({ ok: true, status: 200, data: { prepay_id: expect.stringMatching(/^wx\d{14}/) } });
    expect(await pay.createJsapi(order(n))).toEqual(a);
    expect(await pay.createJsapi(order(n, 1001))).toMatchObject({
      ok: false,
      status: 403,
      errorCode: "OUT_TRADE_NO_USED",
    });
    expect(await pay.createJsapi(order(no(), 0))).toMatchObject({ ok: false, status: 400, errorCode: "PARAM_ERROR" });
    expect(await pay.createJsapi(order(no(), 100, { appid: "wxnotbound000000" }))).toMatchObject({
      ok: false,
      status: 400,
      errorCode: "APPID_MCHID_NOT_MATCH",
    });
    expect(await pay.createJsapi(order(no(), 100, { payer: undefined }))).toMatchObject({
      ok: false,
      errorCode: "PARAM_ERROR",
    });
    expect(await pay.queryByOutTradeNo(n)).toMatchObject({
      ok: true,
      data: { out_trade_no: n, trade_state: "NOTPAY", amount: { total: 1000 } },
    });
    expect(await pay.queryByOutTradeNo("NOSUCHORDER1")).toMatchObject({
      ok: false,
      status: 404,
      errorCode: "ORDER_NOT_EXIST",
    });
  });

  it("the cashier page checks a paySign made by worker/payments, pays, and the signed encrypted notification is retried until 2xx", async () => {
    const n = no();
    const created = await pay.createJsapi(order(n, 1000, { attach: "order:42" }));
    if (!created.ok) throw new Error(JSON.stringify(created));
    const params = await jsapiPayParams(await importMerchantPrivateKey(fake.merchantPrivateKeyPem!), {
      appId: APPID,
      prepayId: created.data.prepay_id,
    });
    const pageRes = await fetch(
      `${fake.url}/__fake/wechatpay/jsapi?${new URLSearchParams({ ...params, return_url: "http://127.0.0.1:8787/orders/42" })}`,
    );
    expect(await pageRes.text()).toContain("¥10.00");
    const forged = await fetch(
      `${fake.url}/__fake/wechatpay/jsapi?${new URLSearchParams({ ...params, paySign: params.paySign.slice(0, -8) + "AAAAAAA=" })}`,
    );
    expect(await forged.text()).toContain("支付验证签名失败");

    failNext = 2;
    const before = received.length;
    const click = await fetch(`${fake.url}/__fake/wechatpay/pay-page`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        prepay_id: created.data.prepay_id,
        back: "http://127.0.0.1:8787/orders/42",
        action: "pay",
      }),
    });
    expect(click.status).toBe(302);
    expect(click.headers.get("location")).toBe("http://127.0.0.1:8787/orders/42");
    await until(() => (received.length >= before + 3 ? true : undefined));
    const notes = received.slice(before);
    expect(new Set(notes.map((r) => JSON.parse(r.body).id)).size).toBe(1); // one notification, three attempts
    const opened = notes[2]!.opened;
    if (!opened.ok) throw new Error(opened.code);
    expect(opened.envelope).toMatchObject({
      event_type: "TRANSACTION.SUCCESS",
      resource_type: "encrypt-resource",
      summary: "支付成功",
      resource: { original_type: "transaction", algorithm: "AEAD_AES_256_GCM", associated_data: "transaction" },
    });
    expect(opened.resource).toMatchObject({
      out_trade_no: n,
      trade_state: "SUCCESS",
      trade_type: "JSAPI",
      attach: "order:42",
      amount: { total: 1000, payer_total: 1000, currency: "CNY" },
      payer: { openid: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
    });
    const log = (await (await fetch(`${fake.url}/__fake/wechatpay/notifications?ref=${n}`)).json()) as {
      status: number;
    }[];
    expect(log.map((d) => d.status)).toEqual([500, 500, 204]);

    const q = await pay.queryByOutTradeNo(n);
    expect(q).toMatchObject({
      ok: true,
      data: {
        trade_state: "SUCCESS",
        transaction_id: expect.stringMatching(/^\d{28}$/),
        success_time: expect.stringMatching(/\+08:00$/),
      },
    });
    expect(await pay.createJsapi(order(n, 1000, { attach: "order:42" }))).toMatchObject({
      ok: false,
      status: 400,
      errorCode: "ORDERPAID",
    });
    expect(await pay.close(n)).toMatchObject({ ok: false, status: 400, errorCode: "ORDERPAID" });
  });

  it("control: duplicate and forged notifications (the merchant's checks refuse each forgery), a tampered amount, fail, expire", async () => {
    const n = no();
    await pay.createJsapi(order(n, 3000));
    const before = received.length;
    const paid = await control(`/orders/${n}/pay`, { reportedTotal: 1 });
    expect(paid.json).toMatchObject({ trade_state: "SUCCESS", amount: { total: 1 } });
    await until(() => (received.length > before ? true : undefined));
    const first = received[before]!;
    expect(first.opened.ok && first.opened.resource.amount).toMatchObject({ total: 1 });
    await control(`/orders/${n}/notify`);
    const dup = received.at(-1)!;
    expect(dup.body).toBe(first.body);
    for (const [forge, code] of [
      ["signature", "BAD_SIGNATURE"],
      ["serial", "UNKNOWN_SERIAL"],
      ["stale", "STALE_TIMESTAMP"],
    ] as const) {
      await control(`/orders/${n}/notify`, { forge });
      expect(received.at(-1)!.opened).toEqual({ ok: false, code });
    }

    const f = no();
    await pay.createJsapi(order(f));
    expect((await control(`/orders/${f}/fail`)).json).toMatchObject({ trade_state: "PAYERROR" });
    const e = no();
    await pay.createJsapi(order(e));
    await control(`/orders/${e}/expire`);
    expect(await control(`/orders/${e}/pay`)).toEqual({ status: 409, json: { error: "订单已过期" } });
    expect(await pay.close(e)).toEqual({ ok: true, status: 204, data: undefined });
    expect(await pay.queryByOutTradeNo(e)).toMatchObject({ ok: true, data: { trade_state: "CLOSED" } });
    expect(await pay.createJsapi(order(e))).toMatchObject({ ok: false, errorCode: "ORDER_CLOSED" });
  });

  it("injected 5xx and hangs come back as WECHATPAY_UNAVAILABLE", async () => {
    const n = no();
    await fetch(`${fake.url}/__fake/faults`, {
      method: "POST",
      body: JSON.stringify({ path: "/v3/pay/transactions/jsapi", match: n, kind: "status", status: 502, body: "" }),
    });
    expect(await pay.createJsapi(order(n))).toMatchObject({ ok: false, code: "WECHATPAY_UNAVAILABLE", status: 502 });
    await fetch(`${fake.url}/__fake/faults`, {
      method: "POST",
      body: JSON.stringify({
        path: "/v3/pay/transactions/jsapi",
        match: n,
        kind: "status",
        status: 500,
        body: '{"code":"SYSTEM_ERROR","message":"系统错误"}',
      }),
    });
    expect(await pay.createJsapi(order(n))).toMatchObject({
      ok: false,
      code: "WECHATPAY_ERROR",
      status: 500,
      errorCode: "SYSTEM_ERROR",
    });
    await fetch(`${fake.url}/__fake/faults`, {
      method: "POST",
      body: JSON.stringify({ path: "/v3/pay/transactions/jsapi", match: n, kind: "hang" }),
    });
    const slow = wechatPayClient({
      baseUrl: fake.url,
      timeoutMs: 300,
      credentials: await merchantCredentials({
        mchid: fake.mchid,
        serialNo: fake.merchantSerialNo,
        privateKeyPem: fake.merchantPrivateKeyPem!,
      }),
      platformKeys: new Map(),
    });
    expect(await slow.createJsapi(order(n))).toMatchObject({ ok: false, code: "WECHATPAY_UNAVAILABLE" });
    expect((await pay.createJsapi(order(n))).ok).toBe(true);
  });
});

describe("H5, refunds and the trade bill", () => {
  it("H5: h5_url opens the cashier; paying returns to redirect_url", async () => {
    const n = no();
    const h5 = await pay.createH5({
      appid: APPID,
      description: "H5 订单",
      out_trade_no: n,
      notify_url: notifyUrl,
      amount: { total: 990, currency: "CNY" },
      scene_info: { payer_client_ip: "127.0.0.1", h5_info: { type: "Wap" } },
    });
    if (!h5.ok) throw new Error(JSON.stringify(h5));
    const url = new URL(h5.data.h5_url);
    expect(url.origin + url.pathname).toBe(`${fake.url}/cgi-bin/mmpayweb-bin/checkmweb`);
    const cashier = await (
      await fetch(`${h5.data.h5_url}&redirect_url=${encodeURIComponent("http://127.0.0.1:8787/orders/9")}`)
    ).text();
    expect(cashier).toContain("¥9.90");
    expect(cashier).toContain('value="http://127.0.0.1:8787/orders/9"');
    const click = await fetch(`${fake.url}/__fake/wechatpay/pay-page`, {
      method: "POST",
      redirect: "manual",
      body: new URLSearchParams({
        prepay_id: url.searchParams.get("prepay_id")!,
        back: "http://127.0.0.1:8787/orders/9",
        action: "pay",
      }),
    });
    expect(click.headers.get("location")).toBe("http://127.0.0.1:8787/orders/9");
    expect(await pay.queryByOutTradeNo(n)).toMatchObject({
      ok: true,
      data: { trade_state: "SUCCESS", trade_type: "MWEB" },
    });
  });

  it("refunds: idempotent on out_refund_no, never more than paid, REFUND.SUCCESS notified and queryable", async () => {
    const n = no();
    await pay.createJsapi(order(n, 1000));
    await control(`/orders/${n}/pay`);
    const req = {
      out_trade_no: n,
      out_refund_no: `R${n}`,
      reason: "取消订单",
      notify_url: notifyUrl,
      amount: { refund: 600, total: 1000, currency: "CNY" as const },
    };
    const r = await pay.createRefund(req);
    expect(r).toMatchObject({
      ok: true,
      data: { out_refund_no: `R${n}`, status: "PROCESSING", channel: "ORIGINAL", amount: { refund: 600, total: 1000 } },
    });
    const again = await pay.createRefund(req);
    expect(again.ok && again.data.refund_id).toBe(r.ok && r.data.refund_id);
    expect(await pay.createRefund({ ...req, amount: { ...req.amount, refund: 500 } })).toMatchObject({
      ok: false,
      status: 400,
      errorCode: "INVALID_REQUEST",
    });
    expect(
      await pay.createRefund({ ...req, out_refund_no: `S${n}`, amount: { ...req.amount, refund: 401 } }),
    ).toMatchObject({ ok: false, errorCode: "INVALID_REQUEST" });
    expect(await pay.createRefund({ ...req, out_trade_no: "NOSUCHORDER2", out_refund_no: `T${n}` })).toMatchObject({
      ok: false,
      status: 404,
      errorCode: "RESOURCE_NOT_EXISTS",
    });
    const note = await until(() =>
      received.find(
        (x) =>
          x.opened.ok &&
          x.opened.envelope.event_type === "REFUND.SUCCESS" &&
          x.opened.resource.out_refund_no === `R${n}`,
      ),
    );
    expect(note.opened.ok && note.opened.resource).toMatchObject({
      refund_status: "SUCCESS",
      out_trade_no: n,
      amount: { total: 1000, refund: 600, payer_refund: 600 },
    });
    expect(await pay.queryRefund(`R${n}`)).toMatchObject({
      ok: true,
      data: { status: "SUCCESS", success_time: expect.any(String) },
    });
    expect(await pay.queryByOutTradeNo(n)).toMatchObject({ ok: true, data: { trade_state: "REFUND" } });
    expect(
      (await pay.createRefund({ ...req, out_refund_no: `U${n}`, amount: { ...req.amount, refund: 400 } })).ok,
    ).toBe(true);
  });

  it("the trade bill: SHA-1 checked by the client, the SDK fixture's columns, one line per payment and refund", async () => {
    const n = no();
    await pay.createJsapi(order(n, 1234));
    await control(`/orders/${n}/pay`);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const bill = await pay.tradeBill(today);
    if (!bill.ok) throw new Error(JSON.stringify(bill));
    expect(bill.data.hash_type).toBe("SHA1");
    const file = await pay.downloadBill(bill.data);
    if (!file.ok) throw new Error(JSON.stringify(file));
    const lines = file.data
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe(BILL_HEADER);
    expect(lines.at(-2)).toBe(BILL_SUMMARY_HEADER);
    const rows = lines.slice(1, -2).map((l) => l.split(",").map((c) => c.replace(/^`/, "")));
    expect(rows.every((r) => r.length === BILL_HEADER.split(",").length)).toBe(true);
    const mine = rows.find((r) => r[6] === n)!;
    expect(mine.slice(8, 13)).toEqual(["JSAPI", "SUCCESS", "OTHERS", "CNY", "12.34"]);
    expect(rows.some((r) => r[9] === "REFUND" && r[16] === "6.00")).toBe(true);
    const summary = lines
      .at(-1)!
      .split(",")
      .map((c) => c.replace(/^`/, ""));
    expect(Number(summary[0])).toBe(rows.length);
    expect(await pay.downloadBill({ ...bill.data, hash_value: "0".repeat(40) })).toMatchObject({
      ok: false,
      code: "WECHATPAY_BAD_RESPONSE",
      reason: "HASH_MISMATCH",
    });
    expect(await pay.tradeBill("2999-01-01")).toMatchObject({ ok: false, errorCode: "NO_STATEMENT_EXIST" });
  });
});
