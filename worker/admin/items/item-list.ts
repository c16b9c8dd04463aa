// The console's items list: search by name or SKU, filters (category, type, on/off shelf, flash sale), newest
// first, paged by id (a cursor link that works without JS). Stock is the objects' projection in Turso.
import { and, desc, eq, isNotNull, like, lt, or, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { categories, itemImages, items, stockProjection } from "../../../db/schema";
import type { ItemListFilter, ItemRowView } from "../../../views/admin/items/items-page";
import { isItemType } from "../../../domain";

export const ITEMS_PAGE = 20;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

export async function listItems(
  db: Db,
  f: ItemListFilter,
  cursor: number | undefined,
): Promise<{ rows: ItemRowView[]; nextCursor: number | null }> {
  const where: (SQL | undefined)[] = [];
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    where.push(or(like(items.name, pattern), like(items.sku, pattern)));
  }
  if (/^\d+$/.test(f.category)) where.push(eq(items.categoryId, Number(f.category)));
  if (isItemType(f.type)) where.push(eq(items.type, f.type));
  if (f.shelf === "on") where.push(eq(items.onShelf, true));
  if (f.shelf === "off") where.push(eq(items.onShelf, false));
  if (f.flash === "1") where.push(isNotNull(items.saleStartsAt));
  if (cursor !== undefined) where.push(lt(items.id, cursor));
  const rows = await db
    .select({
      id: items.id,
      sku: items.sku,
      name: items.name,
      type: items.type,
      points: items.points,
      cashFen: items.cashFen,
      onShelf: items.onShelf,
      saleStartsAt: items.saleStartsAt,
      imageUrl: itemImages.url,
      stock: stockProjection.onHand,
      categoryName: categories.name,
    })
    .from(items)
    .leftJoin(stockProjection, eq(stockProjection.itemId, items.id))
    .leftJoin(itemImages, and(eq(itemImages.itemId, items.id), eq(itemImages.sort, 0)))
    .leftJoin(categories, eq(categories.id, items.categoryId))
    .where(and(...where))
    .orderBy(desc(items.id))
    .limit(ITEMS_PAGE + 1);
  const more = rows.length > ITEMS_PAGE;
  const page = (more ? rows.slice(0, ITEMS_PAGE) : rows).map(({ saleStartsAt, ...r }) => ({
    ...r,
    flash: saleStartsAt !== null,
  }));
  return { rows: page, nextCursor: more ? page[page.length - 1]!.id : null };
}
