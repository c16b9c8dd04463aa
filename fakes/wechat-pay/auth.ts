// Checking the merchant's Authorization header the way WeChat Pay does (401 SIGN_ERROR on any failure):
//   WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",timestamp="…",serial_no="…"
// the signature over METHOD\nURL\ntimestamp\nnonce\nbody\n (URL = path + query as received), the
// merchant key chosen by serial_no, the timestamp within 5 minutes.
import type { FakeRequest } from "../http";
import { rsaVerify } from "./keys";

export type AuthCheck = { ok: true; mchid: string } | { ok: false; message: string };

export function checkAuthorization(
  req: FakeRequest,
  merchant: { mchid: string; serialNo: string; publicKeyPem: string },
  now: number,
): AuthCheck {
  const header = String(req.headers.authorization ?? "");
  const m = /^WECHATPAY2-SHA256-RSA2048 (.+)$/.exec(header);
  if (!m) return { ok: false, message: "Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》" };
  const fields: Record<string, string> = {};
  for (const part of m[1]!.split(",")) {
    const kv = /^\s*(\w+)="([^"]*)"\s*$/.exec(part);
    if (kv) fields[kv[1]!] = kv[2]!;
  }
  for (const k of ["mchid", "nonce_str", "signature", "timestamp", "serial_no"])
    if (!fields[k]) return { ok: false, message: `Http头Authorization缺少${k}` };
  if (fields.mchid !== merchant.mchid) return { ok: false, message: "商户号与签名不匹配" };
  if (fields.serial_no !== merchant.serialNo)
    return { ok: false, message: "商户证书序列号有误。请使用签名私钥匹配的证书序列号" };
  if (!/^\d{10}$/.test(fields.timestamp!) || Math.abs(Math.floor(now / 1000) - Number(fields.timestamp)) > 300)
    return { ok: false, message: "请求时间戳与当前时间相差过大" };
  const url = req.url.pathname + req.url.search;
  const message = `${req.method}\n${url}\n${fields.timestamp}\n${fields.nonce_str}\n${req.body}\n`;
  if (!rsaVerify(merchant.publicKeyPem, message, fields.signature!))
    return { ok: false, message: "签名错误，请检查后再试" };
  return { ok: true, mchid: fields.mchid! };
}
