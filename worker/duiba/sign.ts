// Duiba's (兑吧) MD5 signature, as its SDK's SignTool computes it (duiba-Tech/duiba-java-sdk, SignTool.sign):
//   put appSecret among the parameters, drop sign, sort the keys (code-unit order, like Java's String
//   compareTo), concatenate the VALUES only, MD5 over the UTF-8 bytes, lowercase hex.
// Every parameter present is signed, empty values included (SignTool does not skip them; some later
// Duiba pages say "非空参数" — we follow the SDK, which is what merchants' servers run).
// crypto.subtle.digest("MD5") exists in workerd (not in Node's WebCrypto, so Node code uses node:crypto).
import { timingSafeEqualHex } from "./timing-safe";

export type DuibaParams = Record<string, string>;

export function signingString(params: DuibaParams, appSecret: string): string {
  const all: DuibaParams = { ...params, appSecret };
  delete all.sign;
  return Object.keys(all)
    .sort()
    .map((k) => all[k])
    .join("");
}

export async function md5Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("MD5", new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

export const duibaSign = (params: DuibaParams, appSecret: string): Promise<string> =>
  md5Hex(signingString(params, appSecret));

/** The parameters with their sign added (appSecret is never sent). */
export async function signParams(params: DuibaParams, appSecret: string): Promise<DuibaParams> {
  const { sign: _old, appSecret: _secret, ...rest } = params;
  return { ...rest, sign: await duibaSign(rest, appSecret) };
}

export async function verifyDuibaSign(params: DuibaParams, appSecret: string): Promise<boolean> {
  if (typeof params.sign !== "string" || !/^[0-9a-f]{32}$/i.test(params.sign)) return false;
  return timingSafeEqualHex(await duibaSign(params, appSecret), params.sign.toLowerCase());
}
