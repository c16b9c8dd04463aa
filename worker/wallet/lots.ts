// Points lots: created by earnings, consumed by debits earliest-expiry first (never-expiring lots last, ties
// by earned_at), each debit recorded in lot_moves so it can be traced (and refunded) lot by lot.
import { rows } from "../objects/sql";

export type LotRow = {
  id: number;
  amount: number;
  remaining: number;
  earned_at: number;
  expires_at: number | null;
  source: string;
  entry_seq: number;
  state: string;
};

export function createLot(
  sql: SqlStorage,
  lot: { amount: number; earnedAt: number; expiresAt: number | null; source: string; entrySeq: number },
): number {
  const id = Number(sql.exec("select coalesce(max(id), 0) + 1 as id from lots").one().id);
  sql.exec(
    "insert into lots (id, amount, remaining, earned_at, expires_at, source, entry_seq) values (?, ?, ?, ?, ?, ?, ?)",
    id,
    lot.amount,
    lot.amount,
    lot.earnedAt,
    lot.expiresAt,
    lot.source,
    lot.entrySeq,
  );
  return id;
}

export function lotOfEntry(sql: SqlStorage, entrySeq: number): LotRow | undefined {
  return rows<LotRow>(sql, "select * from lots where entry_seq = ?", entrySeq)[0];
}

function take(sql: SqlStorage, lotId: number, entrySeq: number, amount: number): void {
  sql.exec("update lots set remaining = remaining - ? where id = ?", amount, lotId);
  sql.exec(
    `insert into lot_moves (entry_seq, lot_id, amount) values (?, ?, ?)
     on conflict(entry_seq, lot_id) do update set amount = amount + excluded.amount`,
    entrySeq,
    lotId,
    amount,
  );
}

/**
 * Takes up to `amount` points from open lots for ledger entry `entrySeq`: from `preferLotId` first (when
 * given), then earliest expiry first. Returns how many were taken (less than `amount` only when the lots
 * hold less).
 */
export function debitLots(sql: SqlStorage, amount: number, entrySeq: number, preferLotId?: number): number {
  let left = amount;
  if (preferLotId !== undefined) {
    const lot = rows<LotRow>(
      sql,
      "select * from lots where id = ? and state = 'open' and remaining > 0",
      preferLotId,
    )[0];
    if (lot) {
      const n = Math.min(left, lot.remaining);
      take(sql, lot.id, entrySeq, n);
      left -= n;
    }
  }
  if (left <= 0) return amount;
  const open = rows<LotRow>(
    sql,
    `select * from lots where state = 'open' and remaining > 0
     order by expires_at is null, expires_at, earned_at, id`,
  );
  for (const lot of open) {
    if (left <= 0) break;
    const n = Math.min(left, lot.remaining);
    take(sql, lot.id, entrySeq, n);
    left -= n;
  }
  return amount - left;
}
