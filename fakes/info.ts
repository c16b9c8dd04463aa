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
  // The official account the mall logs in with and signs wx.config for (secrets in production, README).
  WECHAT_APPID: info.wechat.appid,
  WECHAT_APP_SECRET: info.wechat.secret,
  WECHAT_JSSDK_URL: `${info.wechat.url}/open/js/jweixin-1.6.0.js`,
});
