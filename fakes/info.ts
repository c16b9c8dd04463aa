// What a test or the Worker needs to reach and configure against the fakes (plain JSON, no Node types, so
// the workerd tests' type-check can read it through test/provided-context.d.ts).
export type FakesInfo = {
  wechat: { url: string; appid: string; secret: string; openPlatform: boolean };
  wechatPay: {
    url: string;
    mchid: string;
    appids: string[];
    apiV3Key: string;
    merchantSerialNo: string;
    merchantPrivateKeyPem?: string;
    platformSerialNo: string;
    platformPublicKeyPem: string;
  };
  duibaMerchant: {
    url: string;
    consumeUrl: string;
    notifyUrl: string;
    addCreditsUrl: string;
    appKey: string;
    appSecret: string;
  };
  webhookReceiver: { url: string };
};

/** The Worker vars that point it at the fakes (production defaults are in wrangler.toml [vars]). */
export const fakeWorkerVars = (info: FakesInfo): Record<string, string> => ({
  WECHAT_API_BASE: info.wechat.url,
  WECHAT_OPEN_BASE: info.wechat.url,
  WECHATPAY_API_BASE: info.wechatPay.url,
});
