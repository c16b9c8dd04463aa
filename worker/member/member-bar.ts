// The header's member area for a page: the member's balance, tier and today's check-in straight from their
// wallet object (an exact read), whether the member is blocked and how many of their messages are unread — both
// read with the session at the start of the request (worker/identity/session.ts, one batch with the revocation
// check), else from Turso alongside — or the guest's login link.
import { getDb } from "../../db/client";
import { csrfToken } from "../identity/csrf";
import type { Session } from "../identity/session";
import type { WalletRules, WalletSummary } from "../wallet/types";
import { walletFor } from "../wallet/wallet-stub";
import type { MemberBarView } from "../../views/components/member-bar";
import { unreadCount } from "../messages/rows";
import { isMemberBlocked } from "./blocked";

export type MemberContext = { bar: MemberBarView; summary: WalletSummary | null };

export async function loadMemberBar(
  env: Env,
  session: (Session & { blocked?: boolean; unread?: number }) | null,
  rules: WalletRules,
  now: number,
): Promise<MemberContext> {
  if (!session) return { bar: { kind: "guest" }, summary: null };
  const db = getDb(env.TURSO_DATABASE_URL, env.TURSO_AUTH_TOKEN);
  const [summary, csrf, blocked, unread] = await Promise.all([
    walletFor(env, session.uid).summary({ uid: session.uid, now, rules }),
    csrfToken(env.SESSION_SECRET, session),
    typeof session.blocked === "boolean" ? session.blocked : isMemberBlocked(db, session.uid),
    typeof session.unread === "number" ? session.unread : unreadCount(db, session.uid),
  ]);
  return { bar: memberBarView(summary, csrf, blocked, unread), summary };
}

/** `unread` undefined: the message link without a count (pages that answer an action and read no Turso). */
export function memberBarView(summary: WalletSummary, csrf: string, blocked = false, unread?: number): MemberBarView {
  return {
    kind: "member",
    balance: summary.balance,
    tierName: summary.tier.name,
    checkedInToday: summary.checkin.checkedInToday,
    csrf,
    blocked,
    unread,
  };
}
