// startFakes: all four on their own free ports, each answering its own routes, all gone after stop().
import { describe, expect, it } from "vitest";
import { fakeWorkerVars, startFakes } from "./index";

describe("startFakes", () => {
  it("starts WeChat, WeChat Pay, the Duiba merchant and the webhook receiver, and stops them", async () => {
    const fakes = await startFakes({ wechatPay: { retryScale: 0.001 } });
    const info = fakes.info();
    const urls = [info.wechat.url, info.wechatPay.url, info.duibaMerchant.url, info.webhookReceiver.url];
    expect(new Set(urls).size).toBe(4);
    expect(info.wechatPay.appids).toContain(info.wechat.appid);
    expect(info.wechatPay.merchantPrivateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(JSON.parse(JSON.stringify(info))).toEqual(info);
    expect(fakeWorkerVars(info)).toEqual({
      WECHAT_API_BASE: info.wechat.url,
      WECHAT_OPEN_BASE: info.wechat.url,
      WECHATPAY_API_BASE: info.wechatPay.url,
      WECHAT_APPID: info.wechat.appid,
      WECHAT_APP_SECRET: info.wechat.secret,
      WECHAT_JSSDK_URL: `${info.wechat.url}/open/js/jweixin-1.6.0.js`,
    });
    const token = await (
      await fetch(
        `${info.wechat.url}/cgi-bin/token?grant_type=client_credential&appid=${info.wechat.appid}&secret=${info.wechat.secret}`,
      )
    ).json();
    expect(token).toMatchObject({ expires_in: 7200 });
    expect(
      (await fetch(`${info.wechatPay.url}/v3/pay/transactions/out-trade-no/ABC123?mchid=${info.wechatPay.mchid}`))
        .status,
    ).toBe(401);
    expect(await (await fetch(`${info.duibaMerchant.consumeUrl}?uid=x`)).json()).toMatchObject({ status: "fail" });
    expect((await fetch(`${info.webhookReceiver.url}/hooks/a`, { method: "POST", body: "{}" })).status).toBe(204);
    await fakes.stop();
    for (const u of urls) await expect(fetch(u + "/__fake/requests")).rejects.toThrow();
  });
});
