// Crediting earned points: one `earned` entry and the lot it creates, with the lot's expiry per the rules.
import type { EarnSource, WalletRules } from "./types";
import type { NewEntry } from "./ledger";
import { expiresAtFor } from "./expiry-policy";
import { appendEntry } from "./ledger";
import { createLot } from "./lots";

export function credit(
  sql: SqlStorage,
  e: { points: number; source: EarnSource; reason: NewEntry["reason"]; ref: string; now: number; rules: WalletRules },
): { seq: number; balanceAfter: number; expiresAt: number | null; lotId: number } {
  const expiresAt = expiresAtFor(e.now, e.rules);
  const { seq, balanceAfter } = appendEntry(sql, {
    kind: "earned",
    amount: e.points,
    reason: e.reason,
    source: e.source,
    ref: e.ref,
    createdAt: e.now,
    expiresAt,
  });
  const lotId = createLot(sql, { amount: e.points, earnedAt: e.now, expiresAt, source: e.source, entrySeq: seq });
  return { seq, balanceAfter, expiresAt, lotId };
}
