// Seals the payment provider's secrets (API v3 key, merchant private key) before they go to Turso: AES-256-GCM
// under a key derived from SESSION_SECRET with HKDF-SHA256 (info "points-mall/payment-secrets"). Stored as
// base64(iv ‖ ciphertext+tag). The console never renders them again; only the provider code opens them.
const enc = new TextEncoder();

async function boxKey(secret: string): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey("raw", enc.encode(secret), "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(32), info: enc.encode("points-mall/payment-secrets") },
    base,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

const b64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));
const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

export async function seal(secret: string, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = new Uint8Array(
    await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await boxKey(secret), enc.encode(plaintext)),
  );
  const out = new Uint8Array(iv.length + ct.length);
  out.set(iv);
  out.set(ct, iv.length);
  // btoa over a spread is fine for a few KB (a PEM key).
  return b64(out);
}

/** The plaintext, or null when the box does not open (another SESSION_SECRET, or tampered). */
export async function open(secret: string, sealed: string): Promise<string | null> {
  if (!sealed) return null;
  try {
    const bytes = unb64(sealed);
    const pt = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: bytes.slice(0, 12) },
      await boxKey(secret),
      bytes.slice(12),
    );
    return new TextDecoder().decode(pt);
  } catch {
    return null;
  }
}
