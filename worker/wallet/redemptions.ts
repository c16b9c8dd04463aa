// The wallet's decision log of redemption keys (docs/architecture.md §3): the wallet is the single decision point — a
// stock hold becomes a sale only if its key is COMMITTED here. A decision is written once and never changes.
import type { OrderSnapshot, RedemptionDecision, RefusalCode, SpendResult } from "./types";
import { isCollidingRef } from "./refs";
import { num, row } from "../objects/sql";

/** What a redemption key was first used for, besides its member (the wallet): the item and the quantity. */
export type KeyUse = { itemId: number; qty: number };

export type RedemptionRow = {
  key: string;
  state: "COMMITTED" | "ABORTED";
  code: string | null;
  points: number;
  entry_seq: number | null;
  order_id: string | null;
  order_json: string | null;
  result: string | null;
  decided_at: number;
  order_projected: number;
  refund_ref: string | null;
  refund_seq: number | null;
  refunded_at: number | null;
  /** The item and quantity the key was first used with (null: an ABORTED key from before they were kept). */
  item_id: number | null;
  qty: number | null;
};

export function redemption(sql: SqlStorage, key: string): RedemptionRow | undefined {
  return row<RedemptionRow>(sql, "select * from redemptions where key = ?", key);
}

/** Whether the key's record is for this use (a record without one — older aborted keys — matches any). */
export function sameUse(r: Pick<RedemptionRow, "item_id" | "qty">, use: KeyUse): boolean {
  return r.item_id === null || (r.item_id === use.itemId && r.qty === use.qty);
}

/** The decision for `key` as a redemption of `use` (when given): KEY_REUSED when the key was first used for
 *  another item or quantity, or is a ref another operation of this wallet used (nothing is written). */
export function decisionFor(sql: SqlStorage, key: string, use?: KeyUse): RedemptionDecision | null {
  const r = redemption(sql, key);
  if (r && use && !sameUse(r, use)) return { state: "ABORTED", code: "KEY_REUSED" };
  if (!r && isCollidingRef(sql, key)) return { state: "ABORTED", code: "KEY_REUSED" };
  return decisionOf(r);
}

export function decisionOf(r: RedemptionRow | undefined): RedemptionDecision | null {
  if (!r) return null;
  if (r.state === "COMMITTED") return { state: "COMMITTED" };
  const refused = r.code === "INSUFFICIENT_POINTS" || r.code === "SOLD_OUT" || r.code === "LIMIT_REACHED";
  return { state: "ABORTED", code: refused ? (r.code as RefusalCode) : "ABORTED" };
}

/** Records the key ABORTED (for `use` when known); `answer` is the refusal spend gave (replayed verbatim),
 *  none when resolve() decided. */
export function recordAborted(
  sql: SqlStorage,
  key: string,
  code: RefusalCode | "ABORTED",
  now: number,
  answer?: SpendResult,
  use?: KeyUse,
): void {
  sql.exec(
    "insert into redemptions (key, state, code, result, decided_at, item_id, qty) values (?, 'ABORTED', ?, ?, ?, ?, ?)",
    key,
    code,
    answer ? JSON.stringify(answer) : null,
    now,
    use?.itemId ?? null,
    use?.qty ?? null,
  );
}

export function recordCommitted(
  sql: SqlStorage,
  r: {
    key: string;
    points: number;
    entrySeq: number | null;
    order: OrderSnapshot;
    result: SpendResult;
    now: number;
    /** A group join's hold: its order is placed by the group when it fills, never projected from here. */
    hold?: boolean;
  },
): void {
  sql.exec(
    `insert into redemptions (key, state, points, entry_seq, order_id, order_json, result, decided_at, item_id, qty, order_projected)
     values (?, 'COMMITTED', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    r.key,
    r.points,
    r.entrySeq,
    r.order.id,
    JSON.stringify(r.order),
    JSON.stringify(r.result),
    r.now,
    r.order.itemId,
    r.order.qty,
    r.hold ? 1 : 0,
  );
}

/** Units of `itemId` this member holds through committed redemptions that were not refunded (a cancelled
 *  order is refunded): what a sharded item's per-member limit counts (spend.ts). */
export function committedUnits(sql: SqlStorage, itemId: number): number {
  return num(
    sql,
    "select coalesce(sum(qty), 0) from redemptions where state = 'COMMITTED' and item_id = ? and refund_ref is null",
    itemId,
  );
}
