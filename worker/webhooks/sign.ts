// Signed webhooks per Standard Webhooks (standardwebhooks.com, spec/standard-webhooks.md), through the
// `standardwebhooks` package (pinned 1.1.1):
//   webhook-id        the event's unique id (the same on every retry; the receiver's idempotency key)
//   webhook-timestamp unix seconds of this attempt
//   webhook-signature "v1,<base64 HMAC-SHA256(key, id.timestamp.body)>", several space-separated while a
//                     rotated secret is in its grace period
// Secrets are "whsec_" + base64 of 24–64 random bytes; the key is the decoded bytes.
import { Webhook } from "standardwebhooks";

export const SECRET_PREFIX = "whsec_";

export function generateWebhookSecret(bytes = 32): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  let bin = "";
  for (const b of raw) bin += String.fromCharCode(b);
  return SECRET_PREFIX + btoa(bin);
}

export function isWebhookSecret(secret: string): boolean {
  if (!secret.startsWith(SECRET_PREFIX)) return false;
  const b64 = secret.slice(SECRET_PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 !== 0) return false;
  const n = (b64.length / 4) * 3 - (b64.endsWith("==") ? 2 : b64.endsWith("=") ? 1 : 0);
  return n >= 24 && n <= 64;
}

export type WebhookHeaders = { "webhook-id": string; "webhook-timestamp": string; "webhook-signature": string };

/** Headers for one delivery attempt; `secrets` lists the current secret first, then any still in their grace period. */
export function signWebhook(input: { id: string; body: string; secrets: string[]; timestamp?: Date }): WebhookHeaders {
  if (input.secrets.length === 0) throw new Error("no webhook secret");
  if (input.id.includes(".")) throw new Error("webhook id must not contain '.'");
  const ts = input.timestamp ?? new Date();
  const signature = input.secrets.map((s) => new Webhook(s).sign(input.id, ts, input.body)).join(" ");
  return {
    "webhook-id": input.id,
    "webhook-timestamp": String(Math.floor(ts.getTime() / 1000)),
    "webhook-signature": signature,
  };
}

/** Receiver side (for tests and for merchants reading our docs): true when one v1 signature matches and the timestamp is within 5 minutes. */
export function verifyWebhook(secret: string, body: string, headers: Record<string, string>): boolean {
  try {
    new Webhook(secret).verify(body, headers);
    return true;
  } catch {
    return false;
  }
}
