// Stores an uploaded image in the MEDIA bucket under a content-addressed key (img/<sha256>.<ext>): the same
// picture uploaded twice is one object, and a URL never changes meaning (served as immutable at /media/…).
// The type is sniffed from the bytes; SVG and anything that is not PNG/JPEG/WebP/GIF is refused, and so is a
// picture over 2 MB or over 4096 px on either side (the console shrinks images in the browser before upload,
// public/js/admin-images.js; this is the backstop for posts made without it).
import { type ImageKind, sniffImage } from "./sniff-image";

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
export const MAX_IMAGE_SIDE = 4096;

export type ImageRefusal = "IMAGE_INVALID" | "IMAGE_TOO_LARGE" | "IMAGE_TOO_MANY_PIXELS";

export type StoreImageResult =
  | { ok: true; url: string; width: number; height: number }
  | { ok: false; code: ImageRefusal };

const refusal = (kind: ImageKind | null): ImageRefusal | null =>
  !kind
    ? "IMAGE_INVALID"
    : kind.width > MAX_IMAGE_SIDE || kind.height > MAX_IMAGE_SIDE
      ? "IMAGE_TOO_MANY_PIXELS"
      : null;

export async function storeImage(bucket: R2Bucket, file: File): Promise<StoreImageResult> {
  if (file.size > MAX_IMAGE_BYTES) return { ok: false, code: "IMAGE_TOO_LARGE" };
  if (file.size === 0) return { ok: false, code: "IMAGE_INVALID" };
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length > MAX_IMAGE_BYTES) return { ok: false, code: "IMAGE_TOO_LARGE" };
  const kind = sniffImage(bytes);
  const refused = refusal(kind);
  if (refused || !kind) return { ok: false, code: refused ?? "IMAGE_INVALID" };
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
  const key = `img/${hex}.${kind.ext}`;
  const existing = await bucket.head(key);
  if (!existing) await bucket.put(key, bytes, { httpMetadata: { contentType: kind.contentType } });
  return { ok: true, url: `/media/${key}`, width: kind.width, height: kind.height };
}

/** Why `file` would be refused by storeImage, without storing anything; null when it would be stored. */
export async function checkImage(file: File): Promise<ImageRefusal | null> {
  if (file.size > MAX_IMAGE_BYTES) return "IMAGE_TOO_LARGE";
  if (file.size === 0) return "IMAGE_INVALID";
  const head = new Uint8Array(await file.arrayBuffer());
  return refusal(sniffImage(head));
}
