// A payment or refund notification as it reaches notify_url: verify the platform signature over the raw
// body first, then decrypt the resource with the API v3 key. Answer WeChat Pay 200/204 only after the
// result is stored; anything else (or no answer within 5 s) makes it retry on its schedule.
import { decryptResource, type DecryptFailure } from "./aead";
import type { NotificationEnvelope } from "./types";
import { verifyPlatformSignature, type PlatformKeys, type SignatureFailure } from "./verify";

export type NotificationResult<T> =
  | { ok: true; envelope: NotificationEnvelope; resource: T }
  | { ok: false; code: SignatureFailure | DecryptFailure | "MALFORMED_NOTIFICATION" };

export async function openNotification<T = unknown>(input: {
  headers: Headers | Record<string, string | undefined>;
  body: string;
  platformKeys: PlatformKeys;
  apiV3Key: string;
  now?: number;
}): Promise<NotificationResult<T>> {
  const check = await verifyPlatformSignature(input.platformKeys, input.headers, input.body, { now: input.now });
  if (!check.ok) return check;
  let envelope: NotificationEnvelope;
  try {
    envelope = JSON.parse(input.body) as NotificationEnvelope;
  } catch {
    return { ok: false, code: "MALFORMED_NOTIFICATION" };
  }
  if (
    !envelope ||
    typeof envelope !== "object" ||
    !envelope.resource ||
    typeof envelope.resource.ciphertext !== "string" ||
    typeof envelope.resource.nonce !== "string"
  ) {
    return { ok: false, code: "MALFORMED_NOTIFICATION" };
  }
  const opened = await decryptResource(input.apiV3Key, envelope.resource);
  if (!opened.ok) return opened;
  try {
    return { ok: true, envelope, resource: JSON.parse(opened.plaintext) as T };
  } catch {
    return { ok: false, code: "MALFORMED_NOTIFICATION" };
  }
}

/** The body WeChat Pay expects when a notification was not accepted (any 4xx/5xx makes it retry). */
export const NOTIFICATION_FAIL_BODY = JSON.stringify({ code: "FAIL", message: "失败" });
