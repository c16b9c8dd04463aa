// spend(): step 2 of a redemption (docs/architecture.md §3). In one synchronous step: the key's earlier decision if it
// has one (COMMITTED → the first answer; ABORTED → refused with its code), else the balance check and either
// the decision ABORTED (INSUFFICIENT_POINTS, so the same key keeps that answer) or a `spent` entry taking
// earliest-expiring lots first, the decision COMMITTED and the order snapshot (pushed to Turso's orders by
// the outbox).
import { t } from "../../views/i18n";
import type { SpendResult, WalletApi } from "./types";
import { appendEntry, currentBalance, entryId } from "./ledger";
import { debitLots } from "./lots";
import { abort, commit, type Outcome } from "./outcome";
import { recordAborted, recordCommitted, redemption } from "./redemptions";
import { lookupRef, saveRef } from "./refs";

export type SpendInput = Parameters<WalletApi["spend"]>[0];

export function spend(sql: SqlStorage, input: SpendInput): Outcome<SpendResult> {
  const { uid, key, points, order, now } = input;
  const decided = redemption(sql, key);
  if (decided?.state === "COMMITTED") return abort(JSON.parse(decided.result!) as SpendResult);
  if (decided?.state === "ABORTED") {
    if (decided.result) return abort(JSON.parse(decided.result) as SpendResult);
    if (decided.code === "SOLD_OUT" || decided.code === "LIMIT_REACHED") {
      return abort({ ok: false, code: decided.code, message: t(`error.${decided.code}`) });
    }
    return decided.code === "INSUFFICIENT_POINTS"
      ? abort({ ok: false, code: "INSUFFICIENT_POINTS", message: t("wallet.spendRefused", { key }) })
      : abort({ ok: false, code: "ABORTED", message: t("wallet.spendAborted", { key }) });
  }
  // The key becomes the spent entry's ref: it must not be one another operation used.
  const seen = lookupRef<SpendResult>(sql, key, "spend", { callerRef: true });
  if (seen.kind === "conflict") return abort(seen.failure);
  if (seen.kind === "replay") return abort(seen.result); // (not reached: a spend always writes its decision)
  if (typeof points !== "number" || !Number.isSafeInteger(points) || points < 0) {
    return abort({ ok: false, code: "INVALID_AMOUNT", message: t("wallet.pointsMustBePositive") });
  }

  const balance = currentBalance(sql);
  if (points > balance) {
    const refused: SpendResult = { ok: false, code: "INSUFFICIENT_POINTS", message: t("wallet.insufficient", { balance, points }) };
    recordAborted(sql, key, "INSUFFICIENT_POINTS", now, refused);
    return commit(refused);
  }
  let seq: number | null = null;
  let balanceAfter = balance;
  if (points > 0) {
    const e = appendEntry(sql, {
      kind: "spent",
      amount: -points,
      reason: t("wallet.reason.spend", { item: order.itemName }),
      source: "spend",
      ref: key,
      createdAt: now,
    });
    seq = e.seq;
    balanceAfter = e.balanceAfter;
    const taken = debitLots(sql, points, seq);
    if (taken !== points) throw new Error(`wallet lots hold less than the balance (${taken} < ${points})`);
  }
  const result: SpendResult = {
    ok: true,
    state: "COMMITTED",
    balance: balanceAfter,
    entryId: seq === null ? null : entryId(uid, seq),
    order,
  };
  recordCommitted(sql, { key, points, entrySeq: seq, order, result, now });
  saveRef(sql, key, "spend", { ok: true, state: "COMMITTED" }, now);
  return commit(result);
}
