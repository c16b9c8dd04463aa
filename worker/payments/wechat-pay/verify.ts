// Verifying what WeChat Pay sends: every API response and every notification carries
//   Wechatpay-Timestamp, Wechatpay-Nonce, Wechatpay-Signature, Wechatpay-Serial
// with the signature over "timestamp\nnonce\nbody\n" made with the platform key named by the serial.
// Refused: a missing header, a serial we do not hold, a bad signature, a timestamp more than 5 minutes
// away from now (a replayed or stale message). WeChat Pay also sends probes whose signature starts with
// "WECHATPAY/SIGNTEST/" to check that merchants verify: they fail here as bad signatures, as they must.
import { unixSeconds } from "./bytes";
import { importPublicKey } from "./pem";
import { rsaVerify, signedMessage } from "./sign";

export const MAX_SKEW_SECONDS = 5 * 60;

/** Platform keys by serial: "PUB_KEY_ID_…" for 微信支付公钥, the certificate serial for 平台证书. */
export type PlatformKeys = ReadonlyMap<string, CryptoKey>;

/** Each PEM is a public key (give its serial / public key id) or a platform certificate (serial read from it if not given). */
export async function platformKeys(list: { serialNo?: string; pem: string }[]): Promise<PlatformKeys> {
  const keys = new Map<string, CryptoKey>();
  for (const item of list) {
    const { key, certificateSerialNo } = await importPublicKey(item.pem);
    const serial = item.serialNo ?? certificateSerialNo;
    if (!serial) throw new Error("a platform public key needs its serial (public key id)");
    keys.set(serial, key);
  }
  return keys;
}

export type SignatureFailure = "MISSING_SIGNATURE_HEADERS" | "UNKNOWN_SERIAL" | "BAD_SIGNATURE" | "STALE_TIMESTAMP";
export type SignatureCheck = { ok: true; serialNo: string; timestamp: number } | { ok: false; code: SignatureFailure };

type HeaderSource = Headers | Record<string, string | undefined>;

function header(h: HeaderSource, name: string): string | undefined {
  if (h instanceof Headers) return h.get(name) ?? undefined;
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(h)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

export async function verifyPlatformSignature(
  keys: PlatformKeys,
  headers: HeaderSource,
  body: string,
  opts: { now?: number; maxSkewSeconds?: number } = {},
): Promise<SignatureCheck> {
  const timestamp = header(headers, "Wechatpay-Timestamp");
  const nonce = header(headers, "Wechatpay-Nonce");
  const signature = header(headers, "Wechatpay-Signature");
  const serial = header(headers, "Wechatpay-Serial");
  if (!timestamp || !nonce || !signature || !serial) return { ok: false, code: "MISSING_SIGNATURE_HEADERS" };
  const key = keys.get(serial);
  if (!key) return { ok: false, code: "UNKNOWN_SERIAL" };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, code: "STALE_TIMESTAMP" };
  const ts = Number(timestamp);
  if (Math.abs(unixSeconds(opts.now) - ts) > (opts.maxSkewSeconds ?? MAX_SKEW_SECONDS))
    return { ok: false, code: "STALE_TIMESTAMP" };
  if (!(await rsaVerify(key, signedMessage(timestamp, nonce, body), signature)))
    return { ok: false, code: "BAD_SIGNATURE" };
  return { ok: true, serialNo: serial, timestamp: ts };
}
