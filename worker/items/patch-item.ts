// Patch: checked against the item as it stands, applied in one write batch.
import { eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/client";
import { categories, itemImages, items, orders } from "../../db/schema";
import type { PatchItemBody } from "../api/schemas";
import { bumpPageVersion, pageVersionBumped } from "../page-cache/page-version";
import { settingsQuery } from "../settings/load-settings";
import { checkReferences } from "./references";
import { bodyImages, ms, type ItemRow } from "./rows";
import type { ItemInvalid, ItemRefusal } from "./refusals";

export type PatchItemOutcome =
  | { ok: true }
  | ItemInvalid
  | Extract<ItemRefusal, { code: "ITEM_NOT_FOUND" | "TYPE_LOCKED" }>;

/** Applies a patch in one write batch after checking it against the item as it stands (windows whole,
 *  category and tiers known, the type only while the item has no orders). */
export async function patchItem(
  db: Db,
  id: number,
  patch: PatchItemBody,
  now: number,
  /** more statements for the same write batch, given the row before and the fields after (the audit row) */
  extra?: (
    before: ItemRow,
    after: Omit<ItemRow, "id" | "sku" | "slug" | "initialStock" | "stockShards" | "sort" | "createdAt">,
  ) => BatchItem<"sqlite">[],
): Promise<PatchItemOutcome> {
  const [rows, settingsRows, categoryRows, orderRows] = await db.batch([
    db.select().from(items).where(eq(items.id, id)).limit(1),
    settingsQuery(db),
    db
      .select({ id: categories.id })
      .from(categories)
      .where(eq(categories.id, patch.categoryId ?? -1)),
    db.select({ id: orders.id }).from(orders).where(eq(orders.itemId, id)).limit(1),
  ]);
  const row = rows[0];
  if (!row) return { ok: false, code: "ITEM_NOT_FOUND", id };

  const pick = <K extends keyof PatchItemBody, V>(
    key: K,
    current: V,
    map: (v: Exclude<PatchItemBody[K], undefined>) => V,
  ): V => (patch[key] === undefined ? current : map(patch[key] as Exclude<PatchItemBody[K], undefined>));
  const next = {
    name: pick("name", row.name, (v) => v),
    type: pick("type", row.type, (v) => v),
    points: pick("points", row.points, (v) => v),
    categoryId: pick("categoryId", row.categoryId, (v) => v),
    perMemberLimit: pick("perMemberLimit", row.perMemberLimit, (v) => v),
    saleStartsAt: pick("saleStartsAt", row.saleStartsAt, ms),
    saleEndsAt: pick("saleEndsAt", row.saleEndsAt, ms),
    visibleFrom: pick("visibleFrom", row.visibleFrom, ms),
    visibleUntil: pick("visibleUntil", row.visibleUntil, ms),
    tiers: pick("tiers", row.tiers ?? null, (v) => v),
    description: pick("description", row.description, (v) => v),
    cashFen: pick("cashFen", row.cashFen, (v) => v),
    originalPoints: pick("originalPoints", row.originalPoints, (v) => v),
    onShelf: pick("onShelf", row.onShelf, (v) => v),
    updatedAt: now,
  };
  if ((next.saleStartsAt === null) !== (next.saleEndsAt === null)) {
    const missing = next.saleStartsAt === null ? "saleStartsAt" : "saleEndsAt";
    return { ok: false, code: "VALIDATION_FAILED", field: missing, why: "sale_window_whole" };
  }
  if (next.saleStartsAt !== null && next.saleEndsAt !== null && next.saleStartsAt >= next.saleEndsAt) {
    return { ok: false, code: "VALIDATION_FAILED", field: "saleEndsAt", why: "not_after", other: "saleStartsAt" };
  }
  if (next.visibleFrom !== null && next.visibleUntil !== null && next.visibleFrom >= next.visibleUntil) {
    return { ok: false, code: "VALIDATION_FAILED", field: "visibleUntil", why: "not_after", other: "visibleFrom" };
  }
  const invalid = checkReferences(patch, settingsRows[0], categoryRows.length > 0);
  if (invalid) return invalid;
  if (next.type !== row.type && orderRows.length > 0) {
    return { ok: false, code: "TYPE_LOCKED", from: row.type, to: next.type };
  }

  const stmts: BatchItem<"sqlite">[] = [db.update(items).set(next).where(eq(items.id, id))];
  if (patch.images !== undefined) {
    stmts.push(db.delete(itemImages).where(eq(itemImages.itemId, id)));
    const imgs = bodyImages(patch, next.name);
    if (imgs.length) stmts.push(db.insert(itemImages).values(imgs.map((img, sort) => ({ itemId: id, ...img, sort }))));
  }
  if (extra) stmts.push(...extra(row, next));
  stmts.push(bumpPageVersion(db, now)); // guest pages show the item: retire them with the change
  await db.batch(stmts as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  pageVersionBumped();
  return { ok: true };
}
