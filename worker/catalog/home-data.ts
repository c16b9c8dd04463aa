// Everything the home page needs in one read batch (one round trip to Turso): settings, categories, the
// item cards for the chosen category, and the next flash sale.
import { and, asc, eq, gt, isNotNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { categories, items } from "../../db/schema";
import type { CategoryView, FlashSaleView, ItemCardView } from "../../views/types";
import { settingsQuery, toMallSettings, type MallSettings } from "../settings/load-settings";
import { cardQuery, toCard, visibleAt } from "./item-cards";

export type HomeData = MallSettings & {
  categories: CategoryView[];
  /** Null when `category` names no category: the caller answers 400. */
  items: ItemCardView[] | null;
  flash: FlashSaleView | null;
};

export async function loadHomeData(db: Db, category: string | null, now: number): Promise<HomeData> {
  const visible = visibleAt(now);
  const [settingsRows, categoryRows, itemRows, flashRows] = await db.batch([
    settingsQuery(db),
    db.select({ slug: categories.slug, name: categories.name }).from(categories).orderBy(asc(categories.sort), asc(categories.id)),
    cardQuery(db, category ? and(visible, eq(categories.slug, category))! : visible),
    cardQuery(db, and(visible, isNotNull(items.saleStartsAt), gt(items.saleEndsAt, now))!, [asc(items.saleStartsAt)]).limit(1),
  ]);
  const known = category === null || categoryRows.some((c) => c.slug === category);
  const flashRow = flashRows[0];
  return {
    ...toMallSettings(settingsRows[0]),
    categories: categoryRows,
    items: known ? itemRows.map(toCard) : null,
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
