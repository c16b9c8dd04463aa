// wx.config's signature against WeChat's own example (JS-SDK说明文档, 附录1-JS-SDK使用权限签名算法).
import { describe, expect, it } from "vitest";
import { jsSdkSignature, jsSdkSigningString, wxConfig } from "./js-sdk-signature";

const EXAMPLE = {
  nonceStr: "Wm3WZYTPz0wzccnW",
  jsapiTicket: "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg",
  timestamp: 1414587457,
  url: "http://mp.weixin.qq.com?params=value",
};

describe("jsSdkSignature", () => {
  it("matches WeChat's published example", async () => {
    expect(jsSdkSigningString(EXAMPLE)).toBe(
      "jsapi_ticket=sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg&noncestr=Wm3WZYTPz0wzccnW&timestamp=1414587457&url=http://mp.weixin.qq.com?params=value",
    );
    expect(await jsSdkSignature(EXAMPLE)).toBe("0f9de62fce790f9a083d5c99e95740ceb90c27ed");
  });

  it("signs the URL without its #fragment, and any other change of URL changes the signature", async () => {
    expect(await jsSdkSignature({ ...EXAMPLE, url: EXAMPLE.url + "#/item/3" })).toBe(
      "0f9de62fce790f9a083d5c99e95740ceb90c27ed",
    );
    expect(await jsSdkSignature({ ...EXAMPLE, url: EXAMPLE.url + "&from=singlemessage" })).not.toBe(
      "0f9de62fce790f9a083d5c99e95740ceb90c27ed",
    );
  });

  it("wxConfig carries appId, timestamp, nonceStr and the signature of exactly those", async () => {
    const c = await wxConfig({
      appId: "wx123",
      jsapiTicket: EXAMPLE.jsapiTicket,
      url: EXAMPLE.url,
      jsApiList: ["updateAppMessageShareData"],
      nonceStr: EXAMPLE.nonceStr,
      timestamp: EXAMPLE.timestamp,
    });
    expect(c).toEqual({
      appId: "wx123",
      timestamp: 1414587457,
      nonceStr: "Wm3WZYTPz0wzccnW",
      signature: "0f9de62fce790f9a083d5c99e95740ceb90c27ed",
      jsApiList: ["updateAppMessageShareData"],
    });
    const fresh = await wxConfig({ appId: "wx123", jsapiTicket: "t", url: "https://m.example.com/", jsApiList: [] });
    expect(fresh.signature).toBe(
      await jsSdkSignature({
        jsapiTicket: "t",
        nonceStr: fresh.nonceStr,
        timestamp: fresh.timestamp,
        url: "https://m.example.com/",
      }),
    );
  });
});
