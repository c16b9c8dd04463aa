// 我的积分 as the page shows it, from the wallet's summary and a page of its ledger.
import type { LedgerRowView } from "../../views/components/ledger-list";
import type { PointsPageView } from "../../views/pages/points-page";
import { ledgerReasonText } from "../object-text";
import type { LedgerEntry, WalletSummary } from "../wallet/types";

export const EXPIRING_SOON_DAYS = 30;
export const LEDGER_PAGE = 20;

export function ledgerRows(entries: LedgerEntry[]): LedgerRowView[] {
  return entries.map((e) => ({
    id: e.id,
    kind: e.kind,
    amount: e.amount,
    reason: ledgerReasonText(e),
    createdAt: e.createdAt,
    expiresAt: e.expiresAt,
  }));
}

export function pointsPageView(
  summary: WalletSummary,
  ledger: { entries: LedgerEntry[]; nextCursor: number | null },
  timeZone: string,
  now: number,
): PointsPageView {
  const horizon = now + EXPIRING_SOON_DAYS * 24 * 3600 * 1000;
  return {
    balance: summary.balance,
    tier: { name: summary.tier.name, multiplier: summary.tier.multiplier },
    nextTier: summary.nextTier
      ? { name: summary.nextTier.name, threshold: summary.nextTier.threshold, remaining: summary.nextTier.remaining }
      : null,
    earnedLast12Months: summary.earnedLast12Months,
    expiringSoon: summary.expiring.filter((e) => e.expiresAt <= horizon),
    checkin: summary.checkin,
    ledger: ledgerRows(ledger.entries),
    nextCursor: ledger.nextCursor === null ? null : String(ledger.nextCursor),
    timeZone,
  };
}
