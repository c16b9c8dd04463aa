// Selecting items as cards: item, its first image and its stock projection, only what is on the shelf and
// inside its visible window at `now`.
import { and, asc, eq, gt, isNull, lte, or, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { categories, itemImages, items, stockProjection } from "../../db/schema";
import type { ItemCardView, StockState } from "../../views/components/item-card";

/** At or below this many units a card says 仅剩 N 件. */
export const LOW_STOCK = 5;

export function stockState(available: number): StockState {
  if (available <= 0) return "sold_out";
  return available <= LOW_STOCK ? "low" : "in_stock";
}

export function visibleAt(now: number): SQL {
  return and(
    eq(items.onShelf, true),
    or(isNull(items.visibleFrom), lte(items.visibleFrom, now)),
    or(isNull(items.visibleUntil), gt(items.visibleUntil, now)),
  )!;
}

const cardColumns = {
  id: items.id,
  slug: items.slug,
  name: items.name,
  type: items.type,
  points: items.points,
  cashFen: items.cashFen,
  originalPoints: items.originalPoints,
  saleStartsAt: items.saleStartsAt,
  saleEndsAt: items.saleEndsAt,
  onHand: stockProjection.onHand,
  imageUrl: itemImages.url,
  imageWidth: itemImages.width,
  imageHeight: itemImages.height,
};

export function cardQuery(db: Db, where: SQL, order: SQL[] = [asc(items.sort), asc(items.id)]) {
  return db
    .select(cardColumns)
    .from(items)
    .leftJoin(stockProjection, eq(stockProjection.itemId, items.id))
    .leftJoin(itemImages, and(eq(itemImages.itemId, items.id), eq(itemImages.sort, 0)))
    .leftJoin(categories, eq(categories.id, items.categoryId))
    .where(where)
    .orderBy(...order);
}

export type CardRow = {
  id: number;
  slug: string;
  name: string;
  type: ItemCardView["type"];
  points: number;
  cashFen: number;
  onHand: number | null;
  imageUrl: string | null;
  imageWidth: number | null;
  imageHeight: number | null;
};

export function toCard(row: CardRow): ItemCardView {
  const stock = Math.max(0, row.onHand ?? 0);
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    type: row.type,
    points: row.points,
    cashFen: row.cashFen,
    imageUrl: row.imageUrl ?? "/images/logo.svg",
    imageWidth: row.imageWidth ?? 400,
    imageHeight: row.imageHeight ?? 400,
    stock,
    stockState: stockState(stock),
    href: `/items/${row.id}`,
  };
}
