// Audit rows of items, as the console and the Merchant API write them. Turso changes put them in the
// change's own write batch; stock adjustments (a Durable Object change) write theirs after the object
// answered, once per ref.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { ImageRow, ItemRow } from "../items";

export const itemTarget = (id: number) => `item:${id}`;
export const categoryTarget = (id: number) => `category:${id}`;

/** A new item's row: its id is known only in the batch, so the row is an insert … select by its sku. */
export function createAudit(db: Db, actor: string, sku: string, after: unknown, at: number) {
  return db.run(
    sql`insert into audit_log (actor, action, target, before, after, at) select ${actor}, 'item.create', 'item:' || id, null, ${JSON.stringify(after)}, ${at} from items where sku = ${sku}`,
  );
}

/** The fields a patch changed, before and after (updatedAt aside); images compared by URL. */
export function itemDiff(
  row: ItemRow,
  next: Partial<ItemRow>,
  images?: { before: ImageRow[]; after: ImageRow[] },
): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next)) {
    if (k === "updatedAt") continue;
    const old = row[k as keyof ItemRow];
    if (JSON.stringify(old ?? null) !== JSON.stringify(v ?? null)) {
      before[k] = old ?? null;
      after[k] = v ?? null;
    }
  }
  if (images) {
    const urls = (l: ImageRow[]) => l.map((i) => i.url);
    if (JSON.stringify(urls(images.before)) !== JSON.stringify(urls(images.after))) {
      before.images = urls(images.before);
      after.images = urls(images.after);
    }
  }
  return Object.keys(after).length ? { before, after } : null;
}

/** One row per adjustment ref, however often the form is submitted. */
export function stockAdjustAudit(
  db: Db,
  e: {
    actor: string;
    itemId: number;
    ref: string;
    before: unknown;
    after: Record<string, unknown> & { ref: string };
    at: number;
  },
) {
  return db.run(
    sql`insert into audit_log (actor, action, target, before, after, at) select ${e.actor}, 'item.stock_adjust', ${`item:${e.itemId}`}, ${JSON.stringify(e.before)}, ${JSON.stringify(e.after)}, ${e.at} where not exists (select 1 from audit_log where action = 'item.stock_adjust' and target = ${`item:${e.itemId}`} and json_extract(after, '$.ref') = ${e.ref})`,
  );
}
