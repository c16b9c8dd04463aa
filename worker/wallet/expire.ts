// The expiry pass: every open lot whose expiry instant is at or before `now` expires once, with one `expired`
// entry for its remaining points (dated at the lot's expiry instant; none when nothing remained).
import { t } from "../../views/i18n";
import { appendEntry } from "./ledger";
import type { LotRow } from "./lots";
import { rows } from "./sql-helpers";

export const EXPIRY_REASON = t("wallet.reason.expired");

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
    let seq: number | null = null;
    if (lot.remaining > 0) {
      seq = appendEntry(sql, {
        kind: "expired",
        amount: -lot.remaining,
        reason: EXPIRY_REASON,
        source: "expiry",
        ref: `expiry:${lot.id}`,
        createdAt: lot.expires_at!,
      }).seq;
      sql.exec("insert into lot_moves (entry_seq, lot_id, amount) values (?, ?, ?)", seq, lot.id, lot.remaining);
      expired += 1;
      points += lot.remaining;
    }
    sql.exec("update lots set remaining = 0, state = 'expired', expired_seq = ? where id = ?", seq, lot.id);
  }
  return { expired, points };
}

/** Points in open lots that are already past their expiry (what the next pass at `now` would expire). */
export function duePoints(sql: SqlStorage, now: number): number {
  return rows<{ n: number | null }>(
    sql,
    "select sum(remaining) as n from lots where state = 'open' and expires_at is not null and expires_at <= ?",
    now,
  )[0]?.n ?? 0;
}
