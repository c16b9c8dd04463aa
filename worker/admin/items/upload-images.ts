// New item images from the form: every file is checked before any is stored (so a refused form stores
// nothing), then each is stored in R2 by storeImage.
import type { Context } from "hono";
import { t } from "../../../views/i18n";
import type { AppEnv } from "../../app-env";
import type { ImageRow } from "../../items";
import { checkImage, storeImage } from "../../media/store-image";

/** Checks every new file before anything is stored, then stores them: either all images or a field error. */
export async function uploadImages(
  c: Context<AppEnv>,
  files: File[],
): Promise<{ ok: true; images: ImageRow[] } | { ok: false; error: string }> {
  for (const f of files) {
    const code = await checkImage(f);
    if (code) return { ok: false, error: `${f.name}: ${t(`error.${code}`)}` };
  }
  const images: ImageRow[] = [];
  for (const f of files) {
    const r = await storeImage(c.env.MEDIA, f);
    if (!r.ok) return { ok: false, error: `${f.name}: ${t(`error.${r.code}`)}` };
    images.push({ url: r.url, width: r.width, height: r.height, alt: "" });
  }
  return { ok: true, images };
}

/** Placeholders with the new files' count, so the schema checks the gallery size before anything is stored
 *  (shaped like the uploads they stand for: the schema accepts only images of ours). */
export const pending = (files: File[]): ImageRow[] =>
  files.map(() => ({ url: `/media/img/${"0".repeat(64)}.png`, width: 1, height: 1, alt: "" }));
export const withAlt = (images: ImageRow[], name: string) => images.map((i) => ({ ...i, alt: i.alt || name }));
