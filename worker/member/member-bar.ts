// The header's member area for a page: the member's balance, tier and today's check-in straight from their
// wallet object (an exact read), or the guest's login link.
import { csrfToken } from "../identity/csrf";
import type { Session } from "../identity/session";
import type { WalletRules, WalletSummary } from "../wallet/types";
import { walletFor } from "../wallet/wallet-stub";
import type { MemberBarView } from "../../views/types";

export type MemberContext = { bar: MemberBarView; summary: WalletSummary | null };

export async function loadMemberBar(env: Env, session: Session | null, rules: WalletRules, now: number): Promise<MemberContext> {
  if (!session) return { bar: { kind: "guest" }, summary: null };
  const [summary, csrf] = await Promise.all([
    walletFor(env, session.uid).summary({ uid: session.uid, now, rules }),
    csrfToken(env.SESSION_SECRET, session),
  ]);
  return { bar: memberBarView(summary, csrf), summary };
}

export function memberBarView(summary: WalletSummary, csrf: string): MemberBarView {
  return {
    kind: "member",
    balance: summary.balance,
    tierName: summary.tier.name,
    checkedInToday: summary.checkin.checkedInToday,
    csrf,
  };
}
