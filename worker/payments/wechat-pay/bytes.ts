// Byte helpers shared by the WeChat Pay code: base64 both ways, UTF-8, random nonces. WebCrypto and
// atob/btoa only, so the same file runs in workerd and in Node 20.
const enc = new TextEncoder();

/** Bytes backed by a plain ArrayBuffer (what WebCrypto's BufferSource accepts under TypeScript 5.9). */
export type Bytes = Uint8Array<ArrayBuffer>;

export const utf8 = (text: string): Bytes => enc.encode(text) as Bytes;

export function toBase64(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Standard base64 (whitespace ignored) → bytes; null when it is not base64. */
export function fromBase64(text: string): Bytes | null {
  const clean = text.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) return null;
  try {
    return Uint8Array.from(atob(clean), (c) => c.charCodeAt(0)) as Bytes;
  } catch {
    return null;
  }
}

const NONCE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** A random string of [A-Z0-9] (WeChat Pay's nonce_str is at most 32 characters). */
export function randomNonce(length = 32): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => NONCE_ALPHABET[b % NONCE_ALPHABET.length]).join("");
}

export const unixSeconds = (ms: number = Date.now()): number => Math.floor(ms / 1000);
