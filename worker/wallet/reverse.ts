// reverse(): take back an earlier earning. Target = the earning minus what earlier reversals of it took;
// taken from that earning's lot first, then other lots earliest-expiry first, never below zero; the rest is
// the shortfall, recorded and returned. Reversed points stop counting toward the tier.
import type { WalletApi } from "./types";
import { appendEntry, currentBalance, earnedEntryByRef, entryId } from "./ledger";
import { debitLots, lotOfEntry } from "./lots";
import { abort, commit, type Outcome } from "../objects/outcome";
import { lookupRef, saveRef } from "./refs";
import { num } from "../objects/sql";
import { recalcTier } from "./tiers";

export type ReverseInput = Parameters<WalletApi["reverse"]>[0];
export type ReverseResult = Awaited<ReturnType<WalletApi["reverse"]>>;

export function reverse(sql: SqlStorage, input: ReverseInput): Outcome<ReverseResult> {
  const { uid, ref, earnRef, reason, now, rules } = input;
  const seen = lookupRef<ReverseResult>(sql, ref, "reverse", { callerRef: true });
  if (seen.kind === "replay") return abort(seen.result);
  if (seen.kind === "conflict") return abort(seen.failure);

  const earning = earnedEntryByRef(sql, earnRef);
  if (!earning)
    return abort({ ok: false, code: "EARN_NOT_FOUND", detail: "wallet.earnNotFound", params: { ref: earnRef } });

  const already = num(sql, "select sum(taken) from reversals where earn_seq = ?", earning.seq);
  const target = Math.max(0, earning.amount - already);
  const want = Math.min(target, currentBalance(sql));

  let seq: number | null = null;
  let balance = currentBalance(sql);
  let taken = 0;
  if (want > 0) {
    const entry = appendEntry(sql, { kind: "adjusted", amount: -want, reason, source: "reverse", ref, createdAt: now });
    seq = entry.seq;
    balance = entry.balanceAfter;
    taken = debitLots(sql, want, seq, lotOfEntry(sql, earning.seq)?.id);
    if (taken !== want) throw new Error(`wallet lots hold less than the balance (${taken} < ${want})`);
  }
  const shortfall = target - taken;
  sql.exec(
    "insert into reversals (ref, earn_seq, target, taken, shortfall, entry_seq, created_at) values (?, ?, ?, ?, ?, ?, ?)",
    ref,
    earning.seq,
    target,
    taken,
    shortfall,
    seq,
    now,
  );
  const result: ReverseResult = {
    ok: true,
    reversed: taken,
    shortfall,
    balance,
    entryId: seq === null ? null : entryId(uid, seq),
  };
  saveRef(sql, ref, "reverse", result, now);
  recalcTier(sql, now, rules);
  return commit(result);
}
