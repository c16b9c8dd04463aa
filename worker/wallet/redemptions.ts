// The wallet's decision log of redemption keys (docs/architecture.md §3): the wallet is the single decision point — a
// stock hold becomes a sale only if its key is COMMITTED here. A decision is written once and never changes.
import type { OrderSnapshot, RedemptionDecision, RefusalCode, SpendResult } from "./types";
import { row } from "./sql-helpers";

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
};

export function redemption(sql: SqlStorage, key: string): RedemptionRow | undefined {
  return row<RedemptionRow>(sql, "select * from redemptions where key = ?", key);
}

export function decisionOf(r: RedemptionRow | undefined): RedemptionDecision | null {
  if (!r) return null;
  if (r.state === "COMMITTED") return { state: "COMMITTED" };
  const refused = r.code === "INSUFFICIENT_POINTS" || r.code === "SOLD_OUT" || r.code === "LIMIT_REACHED";
  return { state: "ABORTED", code: refused ? (r.code as RefusalCode) : "ABORTED" };
}

/** Records the key ABORTED; `answer` is the refusal spend gave (replayed verbatim), none when resolve() decided. */
export function recordAborted(sql: SqlStorage, key: string, code: RefusalCode | "ABORTED", now: number, answer?: SpendResult): void {
  sql.exec(
    "insert into redemptions (key, state, code, result, decided_at) values (?, 'ABORTED', ?, ?, ?)",
    key,
    code,
    answer ? JSON.stringify(answer) : null,
    now,
  );
}

export function recordCommitted(
  sql: SqlStorage,
  r: { key: string; points: number; entrySeq: number | null; order: OrderSnapshot; result: SpendResult; now: number },
): void {
  sql.exec(
    `insert into redemptions (key, state, points, entry_seq, order_id, order_json, result, decided_at)
     values (?, 'COMMITTED', ?, ?, ?, ?, ?, ?)`,
    r.key,
    r.points,
    r.entrySeq,
    r.order.id,
    JSON.stringify(r.order),
    JSON.stringify(r.result),
    r.now,
  );
}
