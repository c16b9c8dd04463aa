// adjust(): a console operator corrects a member's points by hand — one `adjusted` entry (source "adjust"); the
// lottery's prizes and refunds are adjusted entries too, with source "lottery" (a points prize, `prize`, is
// also queued as a Duiba-linked member's 加积分, ./duiba-forward.ts).
// Positive: a new lot expiring per the expiry policy (no daily cap, no tier multiplier, not counted as earned
// for tiers). Negative: earliest-expiring lots first, refused (nothing written) below zero.
import type { WalletApi, WalletFailure } from "./types";
import { expiresAtFor } from "./expiry-policy";
import { appendEntry, currentBalance, entryId } from "./ledger";
import { createLot, debitLots } from "./lots";
import { abort, commit, type Outcome } from "../objects/outcome";
import { lookupRef, saveRef } from "./refs";
import { queueForward } from "./duiba-forward";

export type AdjustInput = Parameters<WalletApi["adjust"]>[0];
export type AdjustResult = Awaited<ReturnType<WalletApi["adjust"]>>;

const invalid = (): WalletFailure => ({ ok: false, code: "INVALID_AMOUNT", detail: "wallet.adjustPoints" });

export function adjust(sql: SqlStorage, input: AdjustInput): Outcome<AdjustResult> {
  const { uid, ref, reason, points, now, rules } = input;
  const source = input.source === "lottery" ? "lottery" : "adjust";
  const seen = lookupRef<AdjustResult>(sql, ref, "adjust", { callerRef: true });
  if (seen.kind === "replay") return abort(seen.result);
  if (seen.kind === "conflict") return abort(seen.failure);
  if (typeof points !== "number" || !Number.isSafeInteger(points) || points === 0) return abort(invalid());

  const before = currentBalance(sql);
  if (!Number.isSafeInteger(before + points)) return abort(invalid());
  if (before + points < 0) {
    return abort({
      ok: false,
      code: "INSUFFICIENT_POINTS",
      detail: "wallet.insufficient",
      params: { balance: before, points: -points },
    });
  }

  let expiresAt: number | null = null;
  let seq: number;
  let balanceAfter: number;
  if (points > 0) {
    expiresAt = expiresAtFor(now, rules);
    ({ seq, balanceAfter } = appendEntry(sql, {
      kind: "adjusted",
      amount: points,
      reason,
      source,
      ref,
      createdAt: now,
      expiresAt,
    }));
    createLot(sql, { amount: points, earnedAt: now, expiresAt, source, entrySeq: seq });
    if (input.prize && source === "lottery") queueForward(sql, { ref, credits: points, kind: "lottery", now });
  } else {
    ({ seq, balanceAfter } = appendEntry(sql, {
      kind: "adjusted",
      amount: points,
      reason,
      source,
      ref,
      createdAt: now,
    }));
    const taken = debitLots(sql, -points, seq);
    if (taken !== -points) throw new Error(`wallet lots hold less than the balance (${taken} < ${-points})`);
  }
  const result: AdjustResult = {
    ok: true,
    before,
    balance: balanceAfter,
    points,
    entryId: entryId(uid, seq),
    expiresAt,
  };
  saveRef(sql, ref, "adjust", result, now);
  return commit(result);
}
