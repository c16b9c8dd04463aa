// Everything the home page needs in one read batch (one round trip to Turso): settings, categories, one
// page of item cards for the chosen category and search, and the next flash sale.
import { and, asc, eq, gt, isNotNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { categories, items } from "../../db/schema";
import type { CategoryView } from "../../views/components/category-tabs";
import type { FlashSaleView } from "../../views/components/flash-sale-strip";
import type { ItemCardView } from "../../views/components/item-card";
import { loadSettings, type MallSettings } from "../settings/load-settings";
import { cardQuery, toCard, visibleAt } from "./item-cards";

/** Cards per page of the home grid (加载更多 appends the next page). */
export const HOME_PAGE_SIZE = 10;

export type HomeFilter = {
  /** category slug; null = 全部 */
  category: string | null;
  /** name contains (case-insensitive for Latin letters); null = no search */
  q: string | null;
  /** 1-based */
  page: number;
};

export type HomeData = MallSettings & {
  categories: CategoryView[];
  /** Null when `category` names no category: the caller answers 400. */
  items: ItemCardView[] | null;
  hasMore: boolean;
  flash: FlashSaleView | null;
};

/** Name contains `q`: instr() rather than LIKE, so % and _ in the search are plain characters. */
function nameContains(q: string): SQL {
  return sql`instr(lower(${items.name}), lower(${q})) > 0`;
}

export async function loadHomeData(db: Db, filter: HomeFilter, now: number): Promise<HomeData> {
  const { category, q, page } = filter;
  const where = and(
    visibleAt(now),
    category ? eq(categories.slug, category) : undefined,
    q ? nameContains(q) : undefined,
  )!;
  const [mallSettings, [categoryRows, itemRows, flashRows]] = await Promise.all([
    loadSettings(db),
    db.batch([
      db
        .select({ slug: categories.slug, name: categories.name })
        .from(categories)
        .orderBy(asc(categories.sort), asc(categories.id)),
      // one extra row tells whether there is a next page
      cardQuery(db, where)
        .limit(HOME_PAGE_SIZE + 1)
        .offset((page - 1) * HOME_PAGE_SIZE),
      cardQuery(db, and(visibleAt(now), isNotNull(items.saleStartsAt), gt(items.saleEndsAt, now))!, [
        asc(items.saleStartsAt),
      ]).limit(1),
    ]),
  ]);
  const known = category === null || categoryRows.some((c) => c.slug === category);
  const flashRow = flashRows[0];
  return {
    ...mallSettings,
    categories: categoryRows,
    items: known ? itemRows.slice(0, HOME_PAGE_SIZE).map(toCard) : null,
    hasMore: known && itemRows.length > HOME_PAGE_SIZE,
    flash: flashRow
      ? {
          item: toCard(flashRow),
          startsAt: flashRow.saleStartsAt!,
          endsAt: flashRow.saleEndsAt!,
          now,
          state: now < flashRow.saleStartsAt! ? "upcoming" : now < flashRow.saleEndsAt! ? "live" : "ended",
          originalPoints: flashRow.originalPoints ?? flashRow.points,
        }
      : null,
  };
}
