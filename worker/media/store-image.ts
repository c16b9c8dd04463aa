// Stores an uploaded image in the MEDIA bucket under a content-addressed key (img/<sha256>.<ext>): the same
// picture uploaded twice is one object, and a URL never changes meaning (served as immutable at /media/…).
// The type is sniffed from the bytes; SVG and anything that is not PNG/JPEG/WebP/GIF is refused.
import { sniffImage } from "./sniff-image";

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

export type StoreImageResult =
  | { ok: true; url: string; width: number; height: number }
  | { ok: false; code: "IMAGE_INVALID" | "IMAGE_TOO_LARGE" };

export async function storeImage(bucket: R2Bucket, file: File): Promise<StoreImageResult> {
  if (file.size > MAX_IMAGE_BYTES) return { ok: false, code: "IMAGE_TOO_LARGE" };
  if (file.size === 0) return { ok: false, code: "IMAGE_INVALID" };
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length > MAX_IMAGE_BYTES) return { ok: false, code: "IMAGE_TOO_LARGE" };
  const kind = sniffImage(bytes);
  if (!kind) return { ok: false, code: "IMAGE_INVALID" };
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
  const key = `img/${hex}.${kind.ext}`;
  const existing = await bucket.head(key);
  if (!existing) await bucket.put(key, bytes, { httpMetadata: { contentType: kind.contentType } });
  return { ok: true, url: `/media/${key}`, width: kind.width, height: kind.height };
}

/** Why `file` would be refused by storeImage, without storing anything; null when it would be stored. */
export async function checkImage(file: File): Promise<"IMAGE_INVALID" | "IMAGE_TOO_LARGE" | null> {
  if (file.size > MAX_IMAGE_BYTES) return "IMAGE_TOO_LARGE";
  if (file.size === 0) return "IMAGE_INVALID";
  const head = new Uint8Array(await file.arrayBuffer());
  return sniffImage(head) ? null : "IMAGE_INVALID";
}
