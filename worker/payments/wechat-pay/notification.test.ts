// Platform signatures and notification resources against the SDKs' published vectors: wechatpay-go's signed
// notification (good, tampered, unknown serial, stale), wechatpay-java's AES-GCM vectors.
import { describe, expect, it } from "vitest";
import { aesGcmDecrypt, aesGcmEncrypt, decryptResource } from "./aead";
import { utf8 } from "./bytes";
import { openNotification } from "./notification";
import { importPublicKey } from "./pem";
import { GO_NOTIFICATION, JAVA_AEAD, JAVA_CERTIFICATE_DOWNLOAD, JAVA_WECHAT_PAY_PUBLIC_KEY } from "./test-vectors";
import { platformKeys, verifyPlatformSignature } from "./verify";

const goKeys = () => platformKeys([{ pem: GO_NOTIFICATION.certificate }]);
const at = GO_NOTIFICATION.now;

describe("verifyPlatformSignature", () => {
  it("accepts wechatpay-go's signed notification at its time, the serial read from the certificate", async () => {
    expect(
      await verifyPlatformSignature(await goKeys(), GO_NOTIFICATION.headers, GO_NOTIFICATION.body, { now: at }),
    ).toEqual({ ok: true, serialNo: "D7CE59D1F522D701", timestamp: 1624523846 });
    // headers are matched case-insensitively, from a Headers object too
    expect(
      (
        await verifyPlatformSignature(await goKeys(), new Headers(GO_NOTIFICATION.headers), GO_NOTIFICATION.body, {
          now: at + 299_000,
        })
      ).ok,
    ).toBe(true);
  });

  it("refuses a tampered body, a tampered nonce or timestamp, and a signature made by another key", async () => {
    const keys = await goKeys();
    expect(
      await verifyPlatformSignature(
        keys,
        GO_NOTIFICATION.headers,
        GO_NOTIFICATION.body.replace("签约成功", "签约失败"),
        { now: at },
      ),
    ).toEqual({ ok: false, code: "BAD_SIGNATURE" });
    expect(
      await verifyPlatformSignature(
        keys,
        { ...GO_NOTIFICATION.headers, "Wechatpay-Nonce": "X" + GO_NOTIFICATION.headers["Wechatpay-Nonce"].slice(1) },
        GO_NOTIFICATION.body,
        { now: at },
      ),
    ).toEqual({ ok: false, code: "BAD_SIGNATURE" });
    expect(
      await verifyPlatformSignature(
        keys,
        { ...GO_NOTIFICATION.headers, "Wechatpay-Timestamp": "1624523847" },
        GO_NOTIFICATION.body,
        { now: at },
      ),
    ).toEqual({ ok: false, code: "BAD_SIGNATURE" });
    expect(
      await verifyPlatformSignature(
        keys,
        {
          ...GO_NOTIFICATION.headers,
          "Wechatpay-Signature": "WECHATPAY/SIGNTEST/" + GO_NOTIFICATION.headers["Wechatpay-Signature"],
        },
        GO_NOTIFICATION.body,
        { now: at },
      ),
    ).toEqual({ ok: false, code: "BAD_SIGNATURE" });
    const wrongKey = new Map([["D7CE59D1F522D701", (await importPublicKey(JAVA_WECHAT_PAY_PUBLIC_KEY)).key]]);
    expect(await verifyPlatformSignature(wrongKey, GO_NOTIFICATION.headers, GO_NOTIFICATION.body, { now: at })).toEqual(
      { ok: false, code: "BAD_SIGNATURE" },
    );
  });

  it("refuses an unknown serial, missing headers, and a timestamp more than 5 minutes away (replayed or stale)", async () => {
    const keys = await goKeys();
    expect(
      await verifyPlatformSignature(
        keys,
        { ...GO_NOTIFICATION.headers, "Wechatpay-Serial": "PUB_KEY_ID_0000000000000000000000000000" },
        GO_NOTIFICATION.body,
        { now: at },
      ),
    ).toEqual({ ok: false, code: "UNKNOWN_SERIAL" });
    const { "Wechatpay-Nonce": _n, ...noNonce } = GO_NOTIFICATION.headers;
    expect(await verifyPlatformSignature(keys, noNonce, GO_NOTIFICATION.body, { now: at })).toEqual({
      ok: false,
      code: "MISSING_SIGNATURE_HEADERS",
    });
    expect(
      await verifyPlatformSignature(keys, GO_NOTIFICATION.headers, GO_NOTIFICATION.body, { now: at + 301_000 }),
    ).toEqual({ ok: false, code: "STALE_TIMESTAMP" });
    expect(
      await verifyPlatformSignature(keys, GO_NOTIFICATION.headers, GO_NOTIFICATION.body, { now: at - 301_000 }),
    ).toEqual({ ok: false, code: "STALE_TIMESTAMP" });
    expect(await verifyPlatformSignature(keys, GO_NOTIFICATION.headers, GO_NOTIFICATION.body)).toEqual({
      ok: false,
      code: "STALE_TIMESTAMP",
    });
  });
});

describe("AEAD_AES_256_GCM", () => {
  it("decrypts and encrypts wechatpay-java's vector", async () => {
    const key = utf8(JAVA_AEAD.apiV3Key);
    expect(await aesGcmDecrypt(key, JAVA_AEAD.nonce, JAVA_AEAD.associatedData, JAVA_AEAD.ciphertext)).toBe(
      JAVA_AEAD.plaintext,
    );
    expect(await aesGcmEncrypt(key, JAVA_AEAD.nonce, JAVA_AEAD.associatedData, JAVA_AEAD.plaintext)).toBe(
      JAVA_AEAD.ciphertext,
    );
    expect(
      await decryptResource(JAVA_AEAD.apiV3Key, {
        algorithm: "AEAD_AES_256_GCM",
        nonce: JAVA_AEAD.nonce,
        associated_data: JAVA_AEAD.associatedData,
        ciphertext: JAVA_AEAD.ciphertext,
      }),
    ).toEqual({ ok: true, plaintext: "message" });
  });

  it("refuses a wrong associated_data, nonce, key or tag", async () => {
    const r = {
      algorithm: "AEAD_AES_256_GCM",
      nonce: JAVA_AEAD.nonce,
      associated_data: JAVA_AEAD.associatedData,
      ciphertext: JAVA_AEAD.ciphertext,
    };
    expect(await decryptResource(JAVA_AEAD.apiV3Key, { ...r, associated_data: "bad-associatedData" })).toEqual({
      ok: false,
      code: "DECRYPT_FAILED",
    });
    expect(await decryptResource(JAVA_AEAD.apiV3Key, { ...r, nonce: "bad-4a9R25RW" })).toEqual({
      ok: false,
      code: "DECRYPT_FAILED",
    });
    expect(await decryptResource("b" + JAVA_AEAD.apiV3Key.slice(1), r)).toEqual({ ok: false, code: "DECRYPT_FAILED" });
    expect(await decryptResource(JAVA_AEAD.apiV3Key, { ...r, ciphertext: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==" })).toEqual(
      { ok: false, code: "DECRYPT_FAILED" },
    );
    expect(await decryptResource("short", r)).toEqual({ ok: false, code: "BAD_API_V3_KEY" });
    expect(await decryptResource(JAVA_AEAD.apiV3Key, { ...r, algorithm: "AEAD_SM4_GCM" })).toEqual({
      ok: false,
      code: "UNSUPPORTED_ALGORITHM",
    });
  });

  it("decrypts wechatpay-java's downloaded platform certificate, whose serial it then reads", async () => {
    const opened = await decryptResource(
      JAVA_CERTIFICATE_DOWNLOAD.apiV3Key,
      JAVA_CERTIFICATE_DOWNLOAD.encrypt_certificate,
    );
    expect(opened.ok).toBe(true);
    const pem = (opened as { plaintext: string }).plaintext;
    expect((await importPublicKey(pem)).certificateSerialNo).toBe(JAVA_CERTIFICATE_DOWNLOAD.serialNo);
  });

  it("decrypts wechatpay-go's notification resource (its 16-byte test key makes it AES-128-GCM)", async () => {
    const { resource } = JSON.parse(GO_NOTIFICATION.body);
    expect(
      await aesGcmDecrypt(
        utf8(GO_NOTIFICATION.apiV3Key),
        resource.nonce,
        resource.associated_data,
        resource.ciphertext,
      ),
    ).toBe(GO_NOTIFICATION.plaintext);
  });
});

describe("openNotification", () => {
  it("verifies before it decrypts: the go vector fails on its short key only after its signature passed", async () => {
    const keys = await goKeys();
    const input = { headers: GO_NOTIFICATION.headers, body: GO_NOTIFICATION.body, platformKeys: keys, now: at };
    expect(await openNotification({ ...input, apiV3Key: GO_NOTIFICATION.apiV3Key })).toEqual({
      ok: false,
      code: "BAD_API_V3_KEY",
    });
    expect(
      await openNotification({ ...input, apiV3Key: GO_NOTIFICATION.apiV3Key, body: GO_NOTIFICATION.body + " " }),
    ).toEqual({ ok: false, code: "BAD_SIGNATURE" });
  });
});
