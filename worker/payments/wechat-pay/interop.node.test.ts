// Round trips between the Worker's WebCrypto code (run here on Node 20's globalThis.crypto) and node:crypto,
// for what no published vector covers: AES-GCM the Worker encrypts, signatures over random messages, the
// certificate reader against Node's own X.509 parser.
import { createDecipheriv, createPublicKey, generateKeyPairSync, sign, verify, X509Certificate } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aesGcmDecrypt, aesGcmEncrypt } from "./aead";
import { utf8 } from "./bytes";
import { importMerchantPrivateKey, importPublicKey, readCertificate, readPem } from "./pem";
import { rsaSign, rsaVerify } from "./sign";
import { GO_NOTIFICATION, JAVA_MERCHANT } from "./test-vectors";

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const privPem = privateKey.export({ type: "pkcs8", format: "pem" }) as string;
const pubPem = publicKey.export({ type: "spki", format: "pem" }) as string;

describe("WebCrypto ⇄ node:crypto", () => {
  it("RSA-SHA256 signatures agree both ways on arbitrary UTF-8 messages", async () => {
    const wk = await importMerchantPrivateKey(privPem);
    const wp = (await importPublicKey(pubPem)).key;
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "grapheme", maxLength: 200 }), async (m) => {
        const ours = await rsaSign(wk, m);
        expect(ours).toBe(sign("sha256", Buffer.from(m), privateKey).toString("base64")); // PKCS#1 v1.5 is deterministic
        expect(verify("sha256", Buffer.from(m), publicKey, Buffer.from(ours, "base64"))).toBe(true);
        expect(await rsaVerify(wp, m + "x", ours)).toBe(false);
      }),
      { numRuns: 25 },
    );
  });

  it("AES-256-GCM: what the Worker encrypts node:crypto decrypts, and back", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({
          minLength: 32,
          maxLength: 32,
          unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
        }),
        fc.string({ unit: "grapheme", maxLength: 300 }),
        async (key, plain) => {
          const ct = await aesGcmEncrypt(utf8(key), "0123456789ab", "transaction", plain);
          const raw = Buffer.from(ct, "base64");
          const d = createDecipheriv("aes-256-gcm", Buffer.from(key), Buffer.from("0123456789ab"));
          d.setAAD(Buffer.from("transaction"));
          d.setAuthTag(raw.subarray(-16));
          expect(Buffer.concat([d.update(raw.subarray(0, -16)), d.final()]).toString("utf8")).toBe(plain);
          expect(await aesGcmDecrypt(utf8(key), "0123456789ab", "transaction", ct)).toBe(plain);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("the certificate reader finds the same serial and public key as Node's X509Certificate", () => {
    for (const pem of [GO_NOTIFICATION.certificate, JAVA_MERCHANT.certificate]) {
      const cert = new X509Certificate(pem);
      const ours = readCertificate(readPem(pem)!.der);
      expect(ours.serialNo).toBe(cert.serialNumber.toUpperCase().replace(/^0+/, ""));
      expect(Buffer.from(ours.spki).equals(cert.publicKey.export({ type: "spki", format: "der" }))).toBe(true);
      expect(createPublicKey({ key: Buffer.from(ours.spki), format: "der", type: "spki" }).asymmetricKeyType).toBe(
        "rsa",
      );
    }
  });
});
