// The local stand-ins for the third parties the mall talks to, each a real HTTP server on 127.0.0.1
// (a free port unless one is given): WeChat (API + OAuth pages), WeChat Pay API v3, a Duiba merchant
// server and a webhook receiver. `npm start`, the workerd tests and the browser-test stack start them
// with startFakes and hand their URLs to the Worker. Each fake's control API is under /__fake/ (see its index.ts).
import { startDuibaMerchantFake, type DuibaMerchantFake, type DuibaMerchantOptions } from "./duiba-merchant/index";
import { startWebhookReceiverFake, type WebhookReceiverFake } from "./webhook-receiver/index";
import { DEFAULT_WECHAT_APP, startWechatFake, type WechatFake, type WechatFakeOptions } from "./wechat/index";
import { startWechatPayFake, type WechatPayFake, type WechatPayFakeOptions } from "./wechat-pay/index";
import type { FakesInfo } from "./info";

export { fakeWorkerVars, type FakesInfo } from "./info";

export type FakesOptions = {
  wechat?: WechatFakeOptions;
  wechatPay?: WechatPayFakeOptions;
  duibaMerchant?: DuibaMerchantOptions;
  webhookReceiver?: { port?: number };
};

export type Fakes = {
  wechat: WechatFake;
  wechatPay: WechatPayFake;
  duibaMerchant: DuibaMerchantFake;
  webhookReceiver: WebhookReceiverFake;
  info(): FakesInfo;
  stop(): Promise<void>;
};

export async function startFakes(opts: FakesOptions = {}): Promise<Fakes> {
  const started: { stop(): Promise<void> }[] = [];
  try {
    const wechat = await startWechatFake(opts.wechat);
    started.push(wechat);
    const app = wechat.apps[0] ?? DEFAULT_WECHAT_APP;
    const wechatPay = await startWechatPayFake({ appids: wechat.apps.map((a) => a.appid), ...opts.wechatPay });
    started.push(wechatPay);
    const duibaMerchant = await startDuibaMerchantFake(opts.duibaMerchant);
    started.push(duibaMerchant);
    const webhookReceiver = await startWebhookReceiverFake(opts.webhookReceiver);
    started.push(webhookReceiver);
    return {
      wechat,
      wechatPay,
      duibaMerchant,
      webhookReceiver,
      info: () => ({
        wechat: { url: wechat.url, appid: app.appid, secret: app.secret, openPlatform: app.openPlatform },
        wechatPay: {
          url: wechatPay.url,
          mchid: wechatPay.mchid,
          appids: wechatPay.appids,
          apiV3Key: wechatPay.apiV3Key,
          merchantSerialNo: wechatPay.merchantSerialNo,
          merchantPrivateKeyPem: wechatPay.merchantPrivateKeyPem,
          platformSerialNo: wechatPay.platformSerialNo,
          platformPublicKeyPem: wechatPay.platformPublicKeyPem,
        },
        duibaMerchant: {
          url: duibaMerchant.url,
          consumeUrl: duibaMerchant.consumeUrl,
          notifyUrl: duibaMerchant.notifyUrl,
          addCreditsUrl: duibaMerchant.addCreditsUrl,
          appKey: duibaMerchant.appKey,
          appSecret: duibaMerchant.appSecret,
        },
        webhookReceiver: { url: webhookReceiver.url },
      }),
      stop: async () =>
        void (await Promise.all([wechat.stop(), wechatPay.stop(), duibaMerchant.stop(), webhookReceiver.stop()])),
    };
  } catch (err) {
    await Promise.all(started.map((s) => s.stop()));
    throw err;
  }
}
