// PEM → WebCrypto keys for WeChat Pay: the merchant's PKCS#8 private key (apiclient_key.pem), and the
// platform's key either as a public key PEM (the 微信支付公钥 mode, "PUB_KEY_ID_…" serials) or as the
// X.509 platform certificate (the older 平台证书 mode), whose SubjectPublicKeyInfo and serial number are
// read here with a minimal DER walk, since WebCrypto cannot import a certificate.
import { fromBase64, type Bytes } from "./bytes";

const RSA_SHA256 = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;

export type PemBlock = { label: string; der: Bytes };

export function readPem(pem: string): PemBlock | null {
  const m = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(pem);
  if (!m) return null;
  const der = fromBase64(m[2]!);
  return der && der.length > 0 ? { label: m[1]!, der } : null;
}

type Tlv = { tag: number; start: number; contentStart: number; end: number };

function readTlv(der: Uint8Array, at: number): Tlv {
  if (at + 2 > der.length) throw new Error("DER: truncated");
  const tag = der[at]!;
  let len = der[at + 1]!;
  let p = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || p + n > der.length) throw new Error("DER: bad length");
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + der[p++]!;
  }
  if (p + len > der.length) throw new Error("DER: truncated");
  return { tag, start: at, contentStart: p, end: p + len };
}

function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let p = parent.contentStart; p < parent.end; ) {
    const t = readTlv(der, p);
    out.push(t);
    p = t.end;
  }
  return out;
}

export type CertificateInfo = { serialNo: string; spki: Bytes };

/** Serial number (upper-case hex, as WeChat Pay writes serial_no) and SubjectPublicKeyInfo of an X.509 certificate. */
export function readCertificate(der: Bytes): CertificateInfo {
  const cert = readTlv(der, 0);
  const tbs = children(der, cert)[0];
  if (cert.tag !== 0x30 || !tbs || tbs.tag !== 0x30) throw new Error("not an X.509 certificate");
  const fields = children(der, tbs);
  const i = fields[0]?.tag === 0xa0 ? 1 : 0; // [0] EXPLICIT version, absent in v1 certificates
  const serial = fields[i];
  const spki = fields[i + 5]; // serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo
  if (!serial || serial.tag !== 0x02 || !spki || spki.tag !== 0x30) throw new Error("not an X.509 certificate");
  let bytes = der.subarray(serial.contentStart, serial.end);
  while (bytes.length > 1 && bytes[0] === 0) bytes = bytes.subarray(1);
  const serialNo = Array.from(bytes, (b) => b.toString(16).padStart(2, "0"))
    .join("")
    .toUpperCase();
  return { serialNo, spki: der.slice(spki.start, spki.end) };
}

/** The merchant's API private key: PKCS#8 PEM ("BEGIN PRIVATE KEY"), as the merchant platform issues it. */
export async function importMerchantPrivateKey(pem: string): Promise<CryptoKey> {
  const block = readPem(pem);
  if (!block || block.label !== "PRIVATE KEY") {
    throw new Error(
      block?.label === "RSA PRIVATE KEY"
        ? "PKCS#1 key: convert it to PKCS#8 (openssl pkcs8 -topk8 -nocrypt)"
        : "expected a PKCS#8 PEM private key",
    );
  }
  return crypto.subtle.importKey("pkcs8", block.der, RSA_SHA256, false, ["sign"]);
}

/** A public key PEM or an X.509 certificate PEM → a verifying key (and the certificate's serial when it is one). */
export async function importPublicKey(pem: string): Promise<{ key: CryptoKey; certificateSerialNo?: string }> {
  const block = readPem(pem);
  if (!block) throw new Error("expected a PEM public key or certificate");
  if (block.label === "PUBLIC KEY")
    return { key: await crypto.subtle.importKey("spki", block.der, RSA_SHA256, false, ["verify"]) };
  if (block.label === "CERTIFICATE") {
    const cert = readCertificate(block.der);
    return {
      key: await crypto.subtle.importKey("spki", cert.spki, RSA_SHA256, false, ["verify"]),
      certificateSerialNo: cert.serialNo,
    };
  }
  throw new Error(`unsupported PEM block ${block.label}`);
}
