// refund(): a cancelled redemption's points go back to the very lots the spend took them from (lot_moves of
// its `spent` entry), each with its original expiry: one `refunded` entry and a lot_returns row per lot. A
// lot that has expired meanwhile gets its points back and expires again at once (an `expired` entry dated
// now), so the balance stays = the ledger sum = the remaining points of unexpired lots.
import type { WalletApi } from "./types";
import { expireLot } from "./expire";
import { appendEntry, currentBalance, entryId } from "./ledger";
import type { LotRow } from "./lots";
import { abort, commit, type Outcome } from "../objects/outcome";
import { redemption } from "./redemptions";
import { lookupRef, saveRef } from "./refs";
import { row, rows } from "../objects/sql";

export type RefundInput = Parameters<WalletApi["refund"]>[0];
export type RefundResult = Awaited<ReturnType<WalletApi["refund"]>>;

export function refund(sql: SqlStorage, input: RefundInput): Outcome<RefundResult> {
  const { uid, key, ref, reason, now } = input;
  const seen = lookupRef<RefundResult>(sql, ref, "refund", { callerRef: true });
  if (seen.kind === "replay") return abort(seen.result);
  if (seen.kind === "conflict") return abort(seen.failure);

  const r = redemption(sql, key);
  if (r?.state !== "COMMITTED")
    return abort({ ok: false, code: "SPEND_NOT_FOUND", detail: "wallet.spendNotFound", params: { key } });

  let result: RefundResult;
  if (r.refund_ref !== null || r.entry_seq === null || r.points === 0) {
    // Already refunded under another ref (or nothing was spent): nothing more to give back.
    result = { ok: true, refunded: 0, balance: currentBalance(sql), entryId: null };
  } else {
    const moves = rows<{ lot_id: number; amount: number }>(
      sql,
      "select lot_id, amount from lot_moves where entry_seq = ? order by lot_id",
      r.entry_seq,
    );
    const total = moves.reduce((s, m) => s + m.amount, 0);
    if (total !== r.points) throw new Error(`wallet: spend ${key} took ${total} from lots, not ${r.points}`);
    const { seq } = appendEntry(sql, {
      kind: "refunded",
      amount: total,
      reason,
      source: "refund",
      ref,
      createdAt: now,
    });
    const reopened: number[] = [];
    for (const m of moves) {
      sql.exec("update lots set remaining = remaining + ?, state = 'open' where id = ?", m.amount, m.lot_id);
      sql.exec("insert into lot_returns (entry_seq, lot_id, amount) values (?, ?, ?)", seq, m.lot_id, m.amount);
      reopened.push(m.lot_id);
    }
    // The caller already ran the expiry pass at `now`; lots past their expiry here are ones this refund
    // reopened: their returned points expire again at once.
    for (const id of reopened) {
      const lot = row<LotRow>(
        sql,
        "select * from lots where id = ? and expires_at is not null and expires_at <= ?",
        id,
        now,
      );
      if (lot) expireLot(sql, lot, now);
    }
    sql.exec(
      "update redemptions set refund_ref = ?, refund_seq = ?, refunded_at = ? where key = ?",
      ref,
      seq,
      now,
      key,
    );
    result = { ok: true, refunded: total, balance: currentBalance(sql), entryId: entryId(uid, seq) };
  }
  if (r.refund_ref === null)
    sql.exec(
      "update redemptions set refund_ref = ?, refunded_at = ? where key = ? and refund_ref is null",
      ref,
      now,
      key,
    );
  saveRef(sql, ref, "refund", result, now);
  return commit(result);
}
