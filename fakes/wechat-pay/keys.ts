// Keys and signatures on the fake WeChat Pay's side, with node:crypto (deliberately not the Worker's
// WebCrypto code, so each checks the other): the platform key pair it signs answers and notifications
// with, and the merchant's public key it verifies requests with.
import {
  createCipheriv,
  createHash,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from "node:crypto";

export type RsaPair = { privateKeyPem: string; publicKeyPem: string };

export function generateRsaPair(): RsaPair {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }) as string,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }) as string,
  };
}

export const publicKeyOf = (privateKeyPem: string): string =>
  createPublicKey(privateKeyPem).export({ type: "spki", format: "pem" }) as string;

/** 微信支付公钥 IDs look like PUB_KEY_ID_ + 32 digits; merchant certificate serials are 40 hex digits. */
export const platformSerial = () => "PUB_KEY_ID_" + Array.from(randomBytes(32), (b) => String(b % 10)).join("");
export const merchantSerial = () => randomBytes(20).toString("hex").toUpperCase();

export const rsaSign = (privateKeyPem: string | KeyObject, message: string): string =>
  sign("sha256", Buffer.from(message), privateKeyPem).toString("base64");
export const rsaVerify = (publicKeyPem: string | KeyObject, message: string, signatureB64: string): boolean => {
  try {
    return verify("sha256", Buffer.from(message), publicKeyPem, Buffer.from(signatureB64, "base64"));
  } catch {
    return false;
  }
};

export function aesGcmEncrypt(key: string, nonce: string, associatedData: string, plaintext: string): string {
  const c = createCipheriv("aes-256-gcm", Buffer.from(key), Buffer.from(nonce));
  c.setAAD(Buffer.from(associatedData));
  return Buffer.concat([c.update(plaintext, "utf8"), c.final(), c.getAuthTag()]).toString("base64");
}

export const nonce = (n = 32) =>
  Array.from(randomBytes(n), (b) => "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"[b % 36]).join("");
export const sha1Hex = (data: Buffer) => createHash("sha1").update(data).digest("hex");

/** China Standard Time RFC 3339, the format WeChat Pay uses: 2018-06-08T10:34:56+08:00. */
export function cst(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, "+08:00");
}
export const cstDate = (ms: number) => cst(ms).slice(0, 10);
