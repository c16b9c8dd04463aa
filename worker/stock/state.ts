// The stock object's item row, holds and counts (synchronous helpers over ctx.storage.sql).
import { num, row, rows } from "../objects/sql";
import type { HoldState, HoldView, SaleRules, StockStatus } from "./types";

export type ItemRow = {
  item_id: number;
  type: SaleRules["type"];
  rules: string;
  initial_stock: number;
  adjusted: number;
  available: number;
  held: number;
  sold: number;
  codes_free: number;
  codes_imported: number;
  /** 1: the item's import placed codes across its shards (V4), so this shard sells from its pool only. */
  pooled: number;
  version: number;
};

export type HoldRow = {
  key: string;
  uid: string;
  qty: number;
  deadline: number;
  state: HoldState;
  codes: string | null;
  restock_ref: string | null;
  version: number;
  created_at: number;
  updated_at: number;
  sold_at: number | null;
  /** null = the wallet decides; 'duiba' = the member's DuibaAccount (storage V2) */
  decider: string | null;
};

export const DEFAULT_HOLD_MS = 30_000;

export function itemRow(sql: SqlStorage): ItemRow | undefined {
  return row<ItemRow>(
    sql,
    `select item_id, type, rules, initial_stock, adjusted, available, held, sold, codes_free, codes_imported, pooled,
     version from item where id = 1`,
  );
}

/** The shard this object recorded (V3), null when not recorded yet (no item row, or one from before V3). */
export function recordedShard(sql: SqlStorage): number | null {
  return row<{ shard: number | null }>(sql, "select shard from item where id = 1")?.shard ?? null;
}

export function holdRow(sql: SqlStorage, key: string): HoldRow | undefined {
  return row<HoldRow>(sql, "select * from holds where key = ?", key);
}

export const holdCodes = (h: Pick<HoldRow, "codes">): string[] => (h.codes ? (JSON.parse(h.codes) as string[]) : []);

export function toHoldView(h: HoldRow): HoldView {
  return {
    key: h.key,
    uid: h.uid,
    qty: h.qty,
    deadline: h.deadline,
    state: h.state,
    couponCodes: holdCodes(h),
    createdAt: h.created_at,
    updatedAt: h.updated_at,
  };
}

/** Imported codes not yet given to a sale (counted the slow way: audit only; the item row keeps the count). */
export function countFreeCodes(sql: SqlStorage): number {
  return num(sql, "select count(*) from codes where hold_key is null");
}

/** What the object keeps in memory to answer sold-out without touching storage. */
export type Snapshot = { item: ItemRow; codesFree: number; pool: boolean };

export function snapshot(sql: SqlStorage): Snapshot | null {
  const item = itemRow(sql);
  if (!item) return null;
  const pool = item.type === "coupon" && (item.codes_imported > 0 || item.pooled === 1);
  return { item, codesFree: item.codes_free, pool };
}

/** Units reserve() can still hold: the count, and for a coupon item with an imported pool also no more than
 *  the free codes not already spoken for by holds (a coupon item whose pool ran dry is SOLD_OUT even if its
 *  count says otherwise). */
export function reservable(s: Snapshot): number {
  if (!s.pool) return s.item.available;
  return Math.max(0, Math.min(s.item.available, s.codesFree - s.item.held));
}

export function statusOf(s: Snapshot): StockStatus {
  return {
    itemId: s.item.item_id,
    available: reservable(s),
    held: s.item.held,
    sold: s.item.sold,
    codesLeft: s.codesFree,
    version: s.item.version,
  };
}

/** The item row on first touch: the count starts from rules.initialStock. */
export function initItem(sql: SqlStorage, rules: SaleRules, now: number, shard: number | null): void {
  const initial = Math.max(0, Math.floor(rules.initialStock));
  sql.exec(
    `insert into item (id, item_id, shard, type, rules, initial_stock, adjusted, available, held, sold, version, created_at, updated_at)
     values (1, ?, ?, ?, ?, ?, 0, ?, 0, 0, 1, ?, ?)`,
    rules.itemId,
    shard,
    rules.type,
    JSON.stringify(rules),
    initial,
    initial,
    now,
    now,
  );
}

/** Records the rules of the latest call (type and limits the alarm and audit act on), only when they changed. */
export function rememberRules(sql: SqlStorage, item: ItemRow, rules: SaleRules): void {
  const json = JSON.stringify(rules);
  if (json === item.rules) return;
  sql.exec("update item set rules = ?, type = ? where id = 1", json, rules.type);
}

/** Bumps the version, and applies the operation's own change to the item's counts (`set`, a fixed SET list
 *  with its bindings) in the same statement; returns the new version (RETURNING: one statement, issue 13).
 *  Every write operation calls it once. */
export function bump(sql: SqlStorage, now: number, set?: string, ...bindings: SqlStorageValue[]): number {
  const extra = set ? `, ${set}` : "";
  return num(
    sql,
    `update item set version = version + 1, updated_at = ?${extra} where id = 1 returning version`,
    now,
    ...bindings,
  );
}

/** Units of `uid` that count toward the per-member limit (held + sold). */
export function memberUnits(sql: SqlStorage, uid: string): number {
  return num(sql, "select sum(qty) from holds where uid = ? and state in ('HELD', 'SOLD')", uid);
}

export function dueHolds(sql: SqlStorage, now: number, limit: number): HoldRow[] {
  return rows<HoldRow>(
    sql,
    "select * from holds where state = 'HELD' and deadline <= ? order by deadline limit ?",
    now,
    limit,
  );
}

export function nextDeadline(sql: SqlStorage): number | null {
  return row<{ at: number | null }>(sql, "select min(deadline) as at from holds where state = 'HELD'")?.at ?? null;
}
