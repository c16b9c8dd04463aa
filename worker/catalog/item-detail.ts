// One item as its detail page shows it: the card fields plus description, category, images, limits and
// sale window. Settings, item and images come back in one read batch.
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { categories, itemImages, items } from "../../db/schema";
import type { CategoryView } from "../../views/components/category-tabs";
import type { ItemDetailView, ItemImageView } from "../../views/pages/item-page";
import { loadSettings, type MallSettings } from "../settings/load-settings";
import type { Rules } from "../settings/rules";
import { effectivePerMemberLimit } from "../redeem/sale-rules";
import { cardQuery, toCard, visibleAt, type CardRow } from "./item-cards";

/** Tier keys as the merchant names them (黄金, 钻石); unknown keys as they are. */
export function tierNames(rules: Rules, keys: string[]): string[] {
  return keys.map((k) => rules.tiers.find((t) => t.key === k)?.name ?? k);
}

/** The item page's reads of one item (card row, description and limits, images), for a read batch. */
export function itemDetailQueries(db: Db, id: number, now: number) {
  return [
    cardQuery(db, and(visibleAt(now), eq(items.id, id))!),
    db
      .select({
        description: items.description,
        perMemberLimit: items.perMemberLimit,
        tiers: items.tiers,
        categoryName: categories.name,
        categorySlug: categories.slug,
      })
      .from(items)
      .leftJoin(categories, eq(categories.id, items.categoryId))
      .where(eq(items.id, id)),
    db
      .select({ url: itemImages.url, width: itemImages.width, height: itemImages.height, alt: itemImages.alt })
      .from(itemImages)
      .where(eq(itemImages.itemId, id))
      .orderBy(asc(itemImages.sort), asc(itemImages.id)),
  ] as const;
}

type DetailResults = readonly [
  Awaited<ReturnType<typeof itemDetailQueries>[0]>,
  Awaited<ReturnType<typeof itemDetailQueries>[1]>,
  Awaited<ReturnType<typeof itemDetailQueries>[2]>,
];

/** The detail view from itemDetailQueries' results; null when the item is unknown or not visible. */
export function itemDetailOf(
  [itemRows, extraRows, imageRows]: DetailResults,
  rules: Rules,
  now: number,
): ItemDetailView | null {
  const row = itemRows[0];
  const extra = extraRows[0];
  if (!row || !extra) return null;
  return toItemDetail(
    {
      ...row,
      description: extra.description,
      perMemberLimit: extra.perMemberLimit,
      tiers: extra.tiers ?? null,
      category:
        extra.categorySlug && extra.categoryName ? { slug: extra.categorySlug, name: extra.categoryName } : null,
      images: imageRows,
    },
    rules,
    now,
  );
}

export async function loadItemDetail(
  db: Db,
  id: number,
  now: number,
): Promise<MallSettings & { item: ItemDetailView | null }> {
  const [settings, results] = await Promise.all([loadSettings(db), db.batch(itemDetailQueries(db, id, now))]);
  return { ...settings, item: itemDetailOf(results, settings.rules, now) };
}

/** What the detail builder needs: a card row plus the item's sale window, limits, category and images. */
export type DetailRow = CardRow & {
  originalPoints: number | null;
  saleStartsAt: number | null;
  saleEndsAt: number | null;
  description: string;
  perMemberLimit: number | null;
  tiers: string[] | null;
  category: CategoryView | null;
  images: ItemImageView[];
};

/** The detail view of one item (the shopper's item page and the console's preview). */
export function toItemDetail(row: DetailRow, rules: Rules, now: number): ItemDetailView {
  const sale =
    row.saleStartsAt !== null && row.saleEndsAt !== null
      ? {
          startsAt: row.saleStartsAt,
          endsAt: row.saleEndsAt,
          now,
          state:
            now < row.saleStartsAt
              ? ("upcoming" as const)
              : now < row.saleEndsAt
                ? ("live" as const)
                : ("ended" as const),
          originalPoints: row.originalPoints ?? row.points,
        }
      : null;
  return {
    ...toCard(row),
    description: row.description,
    // what the redemption enforces: the item's own limit, else 1 for a flash sale
    perMemberLimit: effectivePerMemberLimit(row),
    tiers: row.tiers,
    tierNames: row.tiers ? tierNames(rules, row.tiers) : null,
    category: row.category,
    images: row.images.length ? row.images : [{ url: "/images/logo.svg", width: 400, height: 400, alt: row.name }],
    sale,
  };
}
