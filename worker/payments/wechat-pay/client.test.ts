// The Worker's WeChat Pay client inside workerd against the fake WeChat Pay (test/fakes-global-setup): a JSAPI
// order paid, its notification (delivered by the fake to the webhook receiver fake, standing in for the
// mall's notify_url) verified and decrypted here, a refund, the trade bill with its SHA-1.
import { env } from "cloudflare:workers";
import { inject } from "vitest";
import { describe, expect, it } from "vitest";
import { wechatPayClient } from "./client";
import { jsapiPayParams } from "./jsapi-params";
import { openNotification } from "./notification";
import { importMerchantPrivateKey } from "./pem";
import { merchantCredentials } from "./sign";
import type { Transaction } from "./types";
import { platformKeys } from "./verify";

const fakes = inject("fakes");
const f = fakes.wechatPay;
const sink = `${fakes.webhookReceiver.url}/hooks/wechatpay-notify`;

async function client() {
  return wechatPayClient({
    baseUrl: env.WECHATPAY_API_BASE,
    credentials: await merchantCredentials({
      mchid: f.mchid,
      serialNo: f.merchantSerialNo,
      privateKeyPem: f.merchantPrivateKeyPem!,
    }),
    platformKeys: await platformKeys([{ serialNo: f.platformSerialNo, pem: f.platformPublicKeyPem }]),
  });
}

async function deliveries(ref: string) {
  for (let i = 0; i < 100; i++) {
    const all = (await (
      await fetch(`${fakes.webhookReceiver.url}/__fake/webhooks/deliveries?path=/hooks/wechatpay-notify`)
    ).json()) as { body: string; headers: Record<string, string> }[];
    const mine = all.filter((d) => d.body.includes(ref) || d.body.includes("resource"));
    const opened = await Promise.all(
      mine.map(async (d) => ({
        d,
        o: await openNotification<Transaction & { out_refund_no?: string }>({
          headers: d.headers,
          body: d.body,
          platformKeys: await platformKeys([{ serialNo: f.platformSerialNo, pem: f.platformPublicKeyPem }]),
          apiV3Key: f.apiV3Key,
        }),
      })),
    );
    const found = opened.filter(
      (x) => x.o.ok && (x.o.resource.out_trade_no === ref || x.o.resource.out_refund_no === ref),
    );
    if (found.length) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no notification for ${ref}`);
}

describe("wechatPayClient in workerd", () => {
  it("JSAPI: create, pay, the notification verified and decrypted with WebCrypto, query, refund, bill", async () => {
    const pay = await client();
    const no = `WK${Date.now()}`;
    const created = await pay.createJsapi({
      appid: f.appids[0]!,
      description: "积分+现金 拿铁",
      out_trade_no: no,
      notify_url: sink,
      amount: { total: 1000, currency: "CNY" },
      payer: { openid: "oWorkerd000000000000000000001" },
    });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const params = await jsapiPayParams(await importMerchantPrivateKey(f.merchantPrivateKeyPem!), {
      appId: f.appids[0]!,
      prepayId: created.data.prepay_id,
    });
    expect(params).toMatchObject({ package: `prepay_id=${created.data.prepay_id}`, signType: "RSA" });
    const page = await fetch(`${f.url}/__fake/wechatpay/jsapi?${new URLSearchParams({ ...params })}`);
    expect(await page.text()).toContain("¥10.00"); // the fake accepted the Worker's paySign
    expect((await fetch(`${f.url}/__fake/wechatpay/orders/${no}/pay`, { method: "POST", body: "{}" })).status).toBe(
      200,
    );

    const [note] = await deliveries(no);
    expect(note!.o).toMatchObject({
      ok: true,
      envelope: { event_type: "TRANSACTION.SUCCESS" },
      resource: { out_trade_no: no, trade_state: "SUCCESS", amount: { total: 1000 } },
    });
    expect(await pay.queryByOutTradeNo(no)).toMatchObject({ ok: true, data: { trade_state: "SUCCESS" } });

    const refund = await pay.createRefund({
      out_trade_no: no,
      out_refund_no: `R${no}`,
      notify_url: sink,
      amount: { refund: 1000, total: 1000, currency: "CNY" },
    });
    expect(refund).toMatchObject({ ok: true, data: { status: "PROCESSING" } });
    const [refunded] = await deliveries(`R${no}`);
    expect(refunded!.o).toMatchObject({
      ok: true,
      envelope: { event_type: "REFUND.SUCCESS" },
      resource: { refund_status: "SUCCESS" },
    });
    expect(
      await pay.createRefund({
        out_trade_no: no,
        out_refund_no: `S${no}`,
        amount: { refund: 1, total: 1000, currency: "CNY" },
      }),
    ).toMatchObject({ ok: false, errorCode: "INVALID_REQUEST" });

    const bill = await pay.tradeBill(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
    if (!bill.ok) throw new Error(JSON.stringify(bill));
    const csv = await pay.downloadBill(bill.data);
    expect(csv.ok && csv.data.includes("`" + no)).toBe(true);
  });

  it("closing an unpaid order answers 204; an unknown order 404 ORDER_NOT_EXIST", async () => {
    const pay = await client();
    const no = `WC${Date.now()}`;
    await pay.createJsapi({
      appid: f.appids[0]!,
      description: "待关闭",
      out_trade_no: no,
      notify_url: sink,
      amount: { total: 1 },
      payer: { openid: "oWorkerd000000000000000000002" },
    });
    expect(await pay.close(no)).toEqual({ ok: true, status: 204, data: undefined });
    expect(await pay.queryByOutTradeNo(`${no}X`)).toMatchObject({
      ok: false,
      status: 404,
      errorCode: "ORDER_NOT_EXIST",
    });
  });
});
