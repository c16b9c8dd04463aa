// WeChat Pay API v3 request signing (签名生成):
//   message   = METHOD\nURL\ntimestamp\nnonce\nbody\n   (URL = path + query, body "" for GET)
//   signature = base64 RSASSA-PKCS1-v1_5 SHA-256 of message with the merchant's private key
//   Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",timestamp="…",serial_no="…"
import { fromBase64, randomNonce, toBase64, unixSeconds, utf8 } from "./bytes";
import { importMerchantPrivateKey } from "./pem";

export const AUTH_SCHEMA = "WECHATPAY2-SHA256-RSA2048";

export type MerchantCredentials = { mchid: string; serialNo: string; privateKey: CryptoKey };

export async function merchantCredentials(input: {
  mchid: string;
  serialNo: string;
  privateKeyPem: string;
}): Promise<MerchantCredentials> {
  return {
    mchid: input.mchid,
    serialNo: input.serialNo,
    privateKey: await importMerchantPrivateKey(input.privateKeyPem),
  };
}

/** Lines joined by \n, each followed by one (WeChat Pay's "joinedByLineFeed"). */
export const signedMessage = (...lines: (string | number)[]): string => lines.map((l) => `${l}\n`).join("");

export async function rsaSign(privateKey: CryptoKey, message: string): Promise<string> {
  return toBase64(new Uint8Array(await crypto.subtle.sign("RSASSA-PKCS1-v1_5", privateKey, utf8(message))));
}

export async function rsaVerify(publicKey: CryptoKey, message: string, signatureB64: string): Promise<boolean> {
  const sig = fromBase64(signatureB64);
  if (!sig || sig.length === 0) return false;
  return crypto.subtle.verify("RSASSA-PKCS1-v1_5", publicKey, sig, utf8(message));
}

/** The canonical URL of a request: absolute path and query, without scheme and host. */
export function canonicalUrl(url: string): string {
  if (url.startsWith("/")) return url;
  const u = new URL(url);
  return u.pathname + u.search;
}

export type SignedRequest = { method: string; url: string; body?: string; timestamp?: number; nonce?: string };

export async function authorization(creds: MerchantCredentials, req: SignedRequest): Promise<string> {
  const timestamp = req.timestamp ?? unixSeconds();
  const nonce = req.nonce ?? randomNonce();
  const message = signedMessage(req.method.toUpperCase(), canonicalUrl(req.url), timestamp, nonce, req.body ?? "");
  const signature = await rsaSign(creds.privateKey, message);
  return `${AUTH_SCHEMA} mchid="${creds.mchid}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${creds.serialNo}"`;
}
