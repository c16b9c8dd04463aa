// deduct(): a merchant takes points away — an `adjusted` entry (source "deduct"), earliest-expiring lots first.
import type { WalletApi } from "./types";
import { isPositiveSafeInteger } from "../objects/guards";
import { appendEntry, currentBalance, entryId } from "./ledger";
import { debitLots } from "./lots";
import { abort, commit, type Outcome } from "../objects/outcome";
import { lookupRef, saveRef } from "./refs";

export type DeductInput = Parameters<WalletApi["deduct"]>[0];
export type DeductResult = Awaited<ReturnType<WalletApi["deduct"]>>;

export function deduct(sql: SqlStorage, input: DeductInput): Outcome<DeductResult> {
  const { uid, ref, reason, points, now } = input;
  const seen = lookupRef<DeductResult>(sql, ref, "deduct", { callerRef: true });
  if (seen.kind === "replay") return abort(seen.result);
  if (seen.kind === "conflict") return abort(seen.failure);
  if (!isPositiveSafeInteger(points))
    return abort({ ok: false, code: "INVALID_AMOUNT", detail: "wallet.pointsMustBePositive" });

  const balance = currentBalance(sql);
  if (points > balance) {
    return abort({
      ok: false,
      code: "INSUFFICIENT_POINTS",
      detail: "wallet.insufficient",
      params: { balance, points },
    });
  }
  const { seq, balanceAfter } = appendEntry(sql, {
    kind: "adjusted",
    amount: -points,
    reason,
    source: input.source === "lottery" ? "lottery" : "deduct",
    ref,
    createdAt: now,
  });
  const taken = debitLots(sql, points, seq);
  if (taken !== points) throw new Error(`wallet lots hold less than the balance (${taken} < ${points})`);
  const result: DeductResult = { ok: true, balance: balanceAfter, deducted: points, entryId: entryId(uid, seq) };
  saveRef(sql, ref, "deduct", result, now);
  return commit(result);
}
