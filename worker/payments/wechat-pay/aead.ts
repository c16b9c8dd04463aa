// AEAD_AES_256_GCM as WeChat Pay uses it for notification resources (and downloaded certificates):
// key = the merchant's 32-byte API v3 key (its UTF-8 bytes), nonce and associated_data as UTF-8 strings,
// ciphertext = base64 of the encrypted bytes with the 16-byte tag appended.
import { fromBase64, toBase64, utf8, type Bytes } from "./bytes";

export type EncryptedResource = {
  algorithm: string;
  ciphertext: string;
  nonce: string;
  associated_data?: string;
  original_type?: string;
};

async function aesKey(key: Bytes, usage: KeyUsage): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", key, "AES-GCM", false, [usage]);
}

/** AES-GCM with any AES key length (the API v3 key is 32 bytes; see decryptResource). Null when it does not authenticate. */
export async function aesGcmDecrypt(
  key: Bytes,
  nonce: string,
  associatedData: string,
  ciphertextB64: string,
): Promise<string | null> {
  const data = fromBase64(ciphertextB64);
  if (!data || data.length < 16) return null;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: utf8(nonce), additionalData: utf8(associatedData), tagLength: 128 },
      await aesKey(key, "decrypt"),
      data,
    );
    return new TextDecoder("utf-8", { fatal: true }).decode(plain);
  } catch {
    return null;
  }
}

export async function aesGcmEncrypt(
  key: Bytes,
  nonce: string,
  associatedData: string,
  plaintext: string,
): Promise<string> {
  const out = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv: utf8(nonce), additionalData: utf8(associatedData), tagLength: 128 },
    await aesKey(key, "encrypt"),
    utf8(plaintext),
  );
  return toBase64(new Uint8Array(out));
}

export type DecryptFailure = "BAD_API_V3_KEY" | "UNSUPPORTED_ALGORITHM" | "DECRYPT_FAILED";

export function apiV3KeyBytes(apiV3Key: string): Bytes | null {
  const bytes = utf8(apiV3Key);
  return bytes.length === 32 ? bytes : null;
}

export async function decryptResource(
  apiV3Key: string,
  resource: EncryptedResource,
): Promise<{ ok: true; plaintext: string } | { ok: false; code: DecryptFailure }> {
  const key = apiV3KeyBytes(apiV3Key);
  if (!key) return { ok: false, code: "BAD_API_V3_KEY" };
  if (resource.algorithm !== "AEAD_AES_256_GCM") return { ok: false, code: "UNSUPPORTED_ALGORITHM" };
  const plaintext = await aesGcmDecrypt(key, resource.nonce, resource.associated_data ?? "", resource.ciphertext);
  return plaintext === null ? { ok: false, code: "DECRYPT_FAILED" } : { ok: true, plaintext };
}
