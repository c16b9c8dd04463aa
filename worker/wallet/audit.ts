// audit(): the wallet's invariants as numbers, for tests and reconciliation. A healthy wallet has
// balance = ledgerSum = lastBalanceAfter = lotsRemaining, every mismatch count 0, negativeBalanceSeen false.
// (Lots are open or expired; refunds give points back through lot_returns.)
import type { WalletAudit } from "./types";
import { duePoints } from "./expire";
import { currentBalance } from "./ledger";
import { num } from "../objects/sql";

export function audit(sql: SqlStorage, now: number): Omit<WalletAudit, "projectedSeq"> {
  const balance = currentBalance(sql);
  const ledgerSum = num(sql, "select sum(amount) from ledger");
  const lastBalanceAfter = num(sql, "select balance_after from ledger where seq = (select max(seq) from ledger)");
  const lotsRemaining = num(sql, "select sum(remaining) from lots where state = 'open'");
  const negativeBalanceSeen =
    num(sql, "select count(*) from ledger where balance_after < 0") > 0 ||
    num(sql, "select count(*) from lots where remaining < 0") > 0;
  const entries = num(sql, "select count(*) from ledger");
  // Each entry's balance_after = the previous one's + its amount; seqs have no gaps.
  const runningMismatches = num(
    sql,
    `select count(*) from ledger l left join ledger p on p.seq = l.seq - 1
     where l.balance_after <> coalesce(p.balance_after, 0) + l.amount or (l.seq > 1 and p.seq is null)`,
  );
  // Every lot's amount − what debits took from it + what refunds gave back = its remaining.
  const lotMismatches = num(
    sql,
    `select count(*) from lots o
     where o.amount - coalesce((select sum(m.amount) from lot_moves m where m.lot_id = o.id), 0)
       + coalesce((select sum(r.amount) from lot_returns r where r.lot_id = o.id), 0) <> o.remaining`,
  );
  // Every debit entry took exactly its amount from lots.
  const debitMismatches = num(
    sql,
    `select count(*) from ledger l where l.amount < 0
     and -l.amount <> coalesce((select sum(m.amount) from lot_moves m where m.entry_seq = l.seq), 0)`,
  );
  // Every refund entry gave exactly its amount back to lots.
  const returnMismatches = num(
    sql,
    `select count(*) from ledger l where l.kind = 'refunded'
     and l.amount <> coalesce((select sum(r.amount) from lot_returns r where r.entry_seq = l.seq), 0)`,
  );
  // Every committed redemption with points has its spent entry (ref = redeem:<key>, or the bare key for spends
  // written before that namespace) for exactly those points.
  const redemptionMismatches = num(
    sql,
    `select count(*) from redemptions d left join ledger l on l.seq = d.entry_seq
     where d.state = 'COMMITTED' and d.points > 0
       and (l.seq is null or l.kind <> 'spent' or l.ref not in (d.key, 'redeem:' || d.key) or l.amount <> -d.points)`,
  );
  const duplicateRefEntries = num(
    sql,
    "select count(*) from (select ref from ledger group by ref having count(*) > 1)",
  );
  return {
    balance,
    ledgerSum,
    lastBalanceAfter,
    lotsRemaining,
    duePoints: duePoints(sql, now),
    negativeBalanceSeen,
    entries,
    runningMismatches,
    lotMismatches,
    debitMismatches,
    returnMismatches,
    redemptionMismatches,
    duplicateRefEntries,
  };
}
