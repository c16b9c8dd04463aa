// The parameters the page hands to wx.chooseWXPay / WeixinJSBridge.invoke("getBrandWCPayRequest", …)
// for a JSAPI prepay id (JSAPI调起支付): paySign = base64 RSA-SHA256 with the merchant key over
//   appId\ntimeStamp\nnonceStr\npackage\n
// (wx.chooseWXPay spells the field "timestamp"; the bridge "timeStamp": both carry the same value.)
import { randomNonce, unixSeconds } from "./bytes";
import { rsaSign, signedMessage } from "./sign";

export type JsapiPayParams = {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: "RSA";
  paySign: string;
};

export async function jsapiPayParams(
  privateKey: CryptoKey,
  input: { appId: string; prepayId: string; timeStamp?: string; nonceStr?: string },
): Promise<JsapiPayParams> {
  const timeStamp = input.timeStamp ?? String(unixSeconds());
  const nonceStr = input.nonceStr ?? randomNonce();
  const pkg = `prepay_id=${input.prepayId}`;
  const paySign = await rsaSign(privateKey, signedMessage(input.appId, timeStamp, nonceStr, pkg));
  return { appId: input.appId, timeStamp, nonceStr, package: pkg, signType: "RSA", paySign };
}
