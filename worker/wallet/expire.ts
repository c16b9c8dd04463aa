// The expiry pass: every open lot whose expiry instant is at or before `now` expires once, with one `expired`
// entry for its remaining points (dated at the lot's expiry instant; none when nothing remained).
// A refund that gives points back to a lot already expired reopens it and expires it again at once through
// expireLot (dated at the refund, with its own ref), so its points never count after its expiry.
import { appendEntry, lastSeq } from "./ledger";
import type { LotRow } from "./lots";
import { row, rows } from "../objects/sql";

const EXPIRY_REASON = { key: "wallet.reason.expired" } as const;

/** Expires one lot now: an `expired` entry for its remaining points (if any), dated `createdAt`; the lot is
 *  closed. Its first expiry has ref `expiry:<lot>`; a later one (after a refund reopened it)
 *  `expiry:<lot>:<seq>`, so every ledger ref stays unique. Returns the points expired. */
export function expireLot(sql: SqlStorage, lot: LotRow, createdAt: number): number {
  let seq: number | null = null;
  if (lot.remaining > 0) {
    const first = `expiry:${lot.id}`;
    const ref = row(sql, "select 1 as x from ledger where ref = ?", first) ? `${first}:${lastSeq(sql) + 1}` : first;
    seq = appendEntry(sql, {
      kind: "expired",
      amount: -lot.remaining,
      reason: EXPIRY_REASON,
      source: "expiry",
      ref,
      createdAt,
    }).seq;
    sql.exec("insert into lot_moves (entry_seq, lot_id, amount) values (?, ?, ?)", seq, lot.id, lot.remaining);
  }
  sql.exec(
    "update lots set remaining = 0, state = 'expired', expired_seq = coalesce(?, expired_seq) where id = ?",
    seq,
    lot.id,
  );
  return lot.remaining;
}

export function expireDue(sql: SqlStorage, now: number): { expired: number; points: number } {
  const due = rows<LotRow>(
    sql,
    `select * from lots where state = 'open' and expires_at is not null and expires_at <= ?
     order by expires_at, earned_at, id`,
    now,
  );
  let expired = 0;
  let points = 0;
  for (const lot of due) {
    const n = expireLot(sql, lot, lot.expires_at!);
    if (n > 0) {
      expired += 1;
      points += n;
    }
  }
  return { expired, points };
}

/** Points in open lots that are already past their expiry (what the next pass at `now` would expire). */
export function duePoints(sql: SqlStorage, now: number): number {
  return (
    rows<{ n: number | null }>(
      sql,
      "select sum(remaining) as n from lots where state = 'open' and expires_at is not null and expires_at <= ?",
      now,
    )[0]?.n ?? 0
  );
}
