// Request signing and platform-signature verification against the official SDKs' published vectors
// (test-vectors.ts cites each one).
import { describe, expect, it } from "vitest";
import { importMerchantPrivateKey, importPublicKey, readCertificate, readPem } from "./pem";
import { authorization, canonicalUrl, merchantCredentials, rsaSign, rsaVerify, signedMessage } from "./sign";
import { GO_NOTIFICATION, GO_SIGNER, JAVA_MERCHANT, JAVA_WECHAT_PAY_PUBLIC_KEY, testingKey } from "./test-vectors";

describe("RSA-SHA256 signing with the merchant key", () => {
  it("signs wechatpay-go's message to its published signature", async () => {
    const key = await importMerchantPrivateKey(testingKey(GO_SIGNER.privateKey));
    expect(await rsaSign(key, GO_SIGNER.message)).toBe(GO_SIGNER.signature);
  });

  it("signs wechatpay-java's message to its published signature, which verifies with the merchant certificate only", async () => {
    const key = await importMerchantPrivateKey(testingKey(JAVA_MERCHANT.privateKey));
    expect(await rsaSign(key, JAVA_MERCHANT.message)).toBe(JAVA_MERCHANT.signature);
    const cert = await importPublicKey(JAVA_MERCHANT.certificate);
    expect(cert.certificateSerialNo).toBe(JAVA_MERCHANT.serialNo);
    expect(await rsaVerify(cert.key, JAVA_MERCHANT.message, JAVA_MERCHANT.signature)).toBe(true);
    expect(await rsaVerify(cert.key, "messagE", JAVA_MERCHANT.signature)).toBe(false);
    const other = await importPublicKey(JAVA_WECHAT_PAY_PUBLIC_KEY);
    expect(await rsaVerify(other.key, JAVA_MERCHANT.message, JAVA_MERCHANT.signature)).toBe(false);
  });

  it("reads the serial number and public key of an X.509 certificate", () => {
    const pem = readPem(GO_NOTIFICATION.certificate)!;
    expect(pem.label).toBe("CERTIFICATE");
    expect(readCertificate(pem.der).serialNo).toBe("D7CE59D1F522D701");
  });

  it("refuses PKCS#1 and garbage keys with a clear message", async () => {
    await expect(
      importMerchantPrivateKey("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"),
    ).rejects.toThrow(/PKCS#8/);
    await expect(importMerchantPrivateKey("not a key")).rejects.toThrow(/PKCS#8/);
  });
});

describe("the Authorization header", () => {
  it("is WECHATPAY2-SHA256-RSA2048 with the five fields, signing METHOD\\nURL\\ntimestamp\\nnonce\\nbody\\n", async () => {
    const creds = await merchantCredentials({
      mchid: GO_SIGNER.mchid,
      serialNo: GO_SIGNER.serialNo,
      privateKeyPem: testingKey(GO_SIGNER.privateKey),
    });
    const body = '{"mchid":"1234567890"}';
    const header = await authorization(creds, {
      method: "post",
      url: "https://api.mch.weixin.qq.com/v3/pay/transactions/jsapi?x=1",
      body,
      timestamp: 1554208460,
      nonce: "593BEC0C930BF1AFEB40B4A08C8FB242",
    });
    const m =
      /^WECHATPAY2-SHA256-RSA2048 mchid="(\d+)",nonce_str="(\w+)",signature="([^"]+)",timestamp="(\d+)",serial_no="(\w+)"$/.exec(
        header,
      );
    expect(m).not.toBeNull();
    expect(m!.slice(1, 3)).toEqual(["1234567890", "593BEC0C930BF1AFEB40B4A08C8FB242"]);
    expect(m!.slice(4)).toEqual(["1554208460", "F5765756002FDD77"]);
    const expected = await rsaSign(
      creds.privateKey,
      `POST\n/v3/pay/transactions/jsapi?x=1\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n${body}\n`,
    );
    expect(m![3]).toBe(expected);
  });

  it("canonical URL is path and query; GET signs an empty body line", () => {
    expect(canonicalUrl("https://api.mch.weixin.qq.com/v3/bill/tradebill?bill_date=2019-06-11&bill_type=ALL")).toBe(
      "/v3/bill/tradebill?bill_date=2019-06-11&bill_type=ALL",
    );
    expect(signedMessage("GET", "/v3/certificates", 1554208460, "593BEC0C930BF1AFEB40B4A08C8FB242", "")).toBe(
      "GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n",
    );
  });
});
