// The catalogue tables as the items write model keeps them: the item row with its images, read back in
// one batch. Stock itself is the stock object's (docs/architecture.md §2): here only the starting count
// (items.initial_stock) and its first projection.
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { itemImages, items } from "../../db/schema";
import type { CreateItemBody } from "../api/schemas";

export type ItemRow = typeof items.$inferSelect;
export type ImageRow = { url: string; width: number; height: number; alt: string };
export type ItemWithImages = { row: ItemRow; images: ImageRow[] };

export const ms = (iso: string | null | undefined): number | null => (iso ? Date.parse(iso) : null);

export function bodyImages(body: { images?: CreateItemBody["images"] }, name: string): ImageRow[] {
  return (body.images ?? []).map((i) => ({ url: i.url, width: i.width, height: i.height, alt: i.alt ?? name }));
}

export async function readItem(db: Db, id: number): Promise<ItemWithImages | null> {
  const [rows, images] = await db.batch([
    db.select().from(items).where(eq(items.id, id)).limit(1),
    db
      .select({ url: itemImages.url, width: itemImages.width, height: itemImages.height, alt: itemImages.alt })
      .from(itemImages)
      .where(eq(itemImages.itemId, id))
      .orderBy(asc(itemImages.sort), asc(itemImages.id)),
  ]);
  return rows[0] ? { row: rows[0], images } : null;
}
