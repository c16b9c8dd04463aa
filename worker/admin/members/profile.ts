// A member's profile as the console shows it: the Turso row (nickname, joined, blocked) and, from the wallet
// object (the source of truth for points), the summary and one page of the full ledger.
import type { AdminLedgerRowView, MemberProfileView } from "../../../views/admin/members/types";
import type { MemberRow } from "../../member/member-rows";
import { EXPIRING_SOON_DAYS } from "../../member/points-view";
import { ledgerReasonText } from "../../object-text";
import type { LedgerEntry, WalletRules } from "../../wallet/types";
import { walletFor } from "../../wallet/wallet-stub";

export const PROFILE_LEDGER_PAGE = 20;

export function adminLedgerRows(entries: LedgerEntry[]): AdminLedgerRowView[] {
  return entries.map((e) => ({
    id: e.id,
    seq: e.seq,
    kind: e.kind,
    amount: e.amount,
    balanceAfter: e.balanceAfter,
    reason: ledgerReasonText(e),
    createdAt: e.createdAt,
    expiresAt: e.expiresAt,
  }));
}

export async function loadProfile(
  env: Env,
  row: MemberRow,
  rules: WalletRules,
  cursor?: number,
): Promise<MemberProfileView> {
  const now = Date.now();
  const wallet = walletFor(env, row.uid);
  const [s, ledger] = await Promise.all([
    wallet.summary({ uid: row.uid, now, rules }),
    wallet.ledger({ limit: PROFILE_LEDGER_PAGE, cursor }),
  ]);
  const horizon = now + EXPIRING_SOON_DAYS * 86_400_000;
  return {
    uid: row.uid,
    nickname: row.nickname,
    blocked: row.blocked,
    createdAt: row.createdAt,
    balance: s.balance,
    tierName: s.tier.name,
    earnedLast12Months: s.earnedLast12Months,
    expiringSoon: s.expiring.filter((e) => e.expiresAt <= horizon),
    ledger: adminLedgerRows(ledger.entries),
    nextCursor: ledger.nextCursor === null ? null : String(ledger.nextCursor),
    timeZone: rules.timeZone,
  };
}

/** A fresh idempotency ref for the adjustment form (generated at render). */
export const newAdjustRef = () => `adm-adjust-${crypto.randomUUID()}`;
