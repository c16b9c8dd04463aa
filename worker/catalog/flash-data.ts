// The flash-sale page's reads: every visible item with a sale window that has not ended, soonest first, in
// one read batch with the settings; and the small stock read /flash polls (the Turso projection: it may lag
// the stock object by a moment, which is fine for a badge — redemption itself asks the object).
import { and, asc, eq, gt, isNotNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { items, stockProjection } from "../../db/schema";
import type { ItemCardView } from "../../views/components/item-card";
import type { SaleWindowView } from "../../views/components/sale-window";
import { loadSettings, type MallSettings } from "../settings/load-settings";
import { effectivePerMemberLimit } from "../redeem/sale-rules";
import { cardQuery, toCard, visibleAt } from "./item-cards";

/** At most this many sales on the page. */
export const FLASH_LIMIT = 10;

export type FlashEntry = {
  item: ItemCardView;
  sale: SaleWindowView;
  perMemberLimit: number | null;
  tiers: string[] | null;
};

export function saleWindow(startsAt: number, endsAt: number, originalPoints: number, now: number): SaleWindowView {
  return {
    startsAt,
    endsAt,
    now,
    state: now < startsAt ? "upcoming" : now < endsAt ? "live" : "ended",
    originalPoints,
  };
}

export async function loadFlashData(db: Db, now: number): Promise<MallSettings & { entries: FlashEntry[] }> {
  const where = and(visibleAt(now), isNotNull(items.saleStartsAt), gt(items.saleEndsAt, now))!;
  const [mallSettings, [rows, extraRows]] = await Promise.all([
    loadSettings(db),
    db.batch([
      cardQuery(db, where, [asc(items.saleStartsAt), asc(items.id)]).limit(FLASH_LIMIT),
      db
        .select({ id: items.id, perMemberLimit: items.perMemberLimit, tiers: items.tiers })
        .from(items)
        .where(where)
        .orderBy(asc(items.saleStartsAt), asc(items.id))
        .limit(FLASH_LIMIT),
    ]),
  ]);
  const extra = new Map(extraRows.map((r) => [r.id, r]));
  return {
    ...mallSettings,
    entries: rows.map((row) => ({
      item: toCard(row),
      sale: saleWindow(row.saleStartsAt!, row.saleEndsAt!, row.originalPoints ?? row.points, now),
      perMemberLimit: effectivePerMemberLimit({
        perMemberLimit: extra.get(row.id)?.perMemberLimit ?? null,
        saleStartsAt: row.saleStartsAt,
        saleEndsAt: row.saleEndsAt,
      }),
      tiers: extra.get(row.id)?.tiers ?? null,
    })),
  };
}

/** The projection's units left and whether the sale is still on (or yet to start); null: no such flash item. */
export async function loadFlashStock(
  db: Db,
  itemId: number,
  now: number,
): Promise<{ stock: number; live: boolean } | null> {
  const [row] = await db
    .select({ onHand: stockProjection.onHand, endsAt: items.saleEndsAt })
    .from(items)
    .leftJoin(stockProjection, eq(stockProjection.itemId, items.id))
    .where(and(eq(items.id, itemId), isNotNull(items.saleStartsAt))!)
    .limit(1);
  if (!row) return null;
  return { stock: Math.max(0, row.onHand ?? 0), live: row.endsAt !== null && now < row.endsAt };
}
