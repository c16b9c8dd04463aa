// An item as the redemption needs it, read from Turso's items row: the SaleRules the stock object decides
// with, plus the name, type and price the order records, and the visibility window.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { items } from "../../db/schema";
import type { SaleRules } from "../stock/types";

export type SaleItem = {
  rules: SaleRules;
  name: string;
  /** Unit prices. */
  points: number;
  cashFen: number;
  visibleFrom: number | null;
  visibleUntil: number | null;
};

const saleColumns = {
  id: items.id,
  name: items.name,
  type: items.type,
  points: items.points,
  cashFen: items.cashFen,
  onShelf: items.onShelf,
  saleStartsAt: items.saleStartsAt,
  saleEndsAt: items.saleEndsAt,
  perMemberLimit: items.perMemberLimit,
  tiers: items.tiers,
  initialStock: items.initialStock,
  stockShards: items.stockShards,
  visibleFrom: items.visibleFrom,
  visibleUntil: items.visibleUntil,
};

export function saleItemQuery(db: Db, itemId: number) {
  return db.select(saleColumns).from(items).where(eq(items.id, itemId)).limit(1);
}

export type SaleItemRow = Awaited<ReturnType<typeof saleItemQuery>>[number];

/** The per-member limit a redemption enforces: the item's own, else 1 for a flash sale (an item with a sale
 *  window), else none. Pages that show the limit should show this one. */
export function effectivePerMemberLimit(
  row: Pick<SaleItemRow, "perMemberLimit" | "saleStartsAt" | "saleEndsAt">,
): number | null {
  if (row.perMemberLimit != null) return row.perMemberLimit;
  return row.saleStartsAt != null || row.saleEndsAt != null ? 1 : null;
}

export function toSaleItem(row: SaleItemRow): SaleItem {
  const tiers = Array.isArray(row.tiers) && row.tiers.length > 0 ? row.tiers.map(String) : null;
  return {
    rules: {
      itemId: row.id,
      type: row.type,
      onShelf: row.onShelf,
      saleStartsAt: row.saleStartsAt,
      saleEndsAt: row.saleEndsAt,
      perMemberLimit: effectivePerMemberLimit(row),
      tiers,
      initialStock: Math.max(0, row.initialStock),
      ...(row.stockShards > 1 ? { shards: row.stockShards } : {}),
    },
    name: row.name,
    points: row.points,
    cashFen: row.cashFen,
    visibleFrom: row.visibleFrom,
    visibleUntil: row.visibleUntil,
  };
}

/** Whether shoppers can see the item at `now` (its visible window; on-shelf is the stock object's
 *  NOT_ON_SALE). */
export function visibleAt(item: Pick<SaleItem, "visibleFrom" | "visibleUntil">, now: number): boolean {
  return (
    (item.visibleFrom == null || item.visibleFrom <= now) && (item.visibleUntil == null || item.visibleUntil > now)
  );
}

export async function loadSaleItem(db: Db, itemId: number): Promise<SaleItem | null> {
  const [row] = await saleItemQuery(db, itemId);
  return row ? toSaleItem(row) : null;
}

/** The item's SaleRules for the stock object (status, adjust, addCodes, reserve); null for an unknown item. */
export async function loadSaleRules(db: Db, itemId: number): Promise<SaleRules | null> {
  return (await loadSaleItem(db, itemId))?.rules ?? null;
}
