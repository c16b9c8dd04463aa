// Paying a referral when the invitee does the qualifying action the programme chose at binding (signed up,
// first check-in, first purchase reported by the API). The qualification is recorded first (a conditional
// update: once), then each side is paid through its wallet's earnMinted with a ref of its own —
// `referral:<invitee>:invitee` in the invitee's wallet, `referral:<invitee>:inviter` in the inviter's, the
// inviter's carrying the caps — and each wallet's first answer for its ref is final: concurrent triggers,
// retries and a crash between the steps all end with each side paid once or refused once. A side still
// pending after its qualification (a cut-short request) is finished by the next trigger of the invitee or a
// view of the inviter's page, with the same refs.
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { referrals } from "../../db/schema";
import { isMemberBlocked } from "../member/blocked";
import type { WalletRules } from "../wallet/types";
import { walletFor } from "../wallet/wallet-stub";
import { loadReferralSettings, type Qualify } from "./settings";

export type ReferralRow = typeof referrals.$inferSelect;
type Side = "inviter" | "invitee";

async function paySide(
  env: Env,
  db: Db,
  row: ReferralRow,
  side: Side,
  rules: WalletRules,
  caps: { daily: number | null; total: number | null },
  now: number,
): Promise<void> {
  const uid = side === "inviter" ? row.inviter : row.invitee;
  const points = side === "inviter" ? row.inviterPoints : row.inviteePoints;
  let state: "paid" | "refused" = "paid";
  let refusal: string | null = null;
  if (points > 0) {
    if (await isMemberBlocked(db, uid)) {
      state = "refused";
      refusal = "MEMBER_BLOCKED";
    } else {
      const r = await walletFor(env, uid).earnMinted({
        uid,
        ref: `referral:${row.invitee}:${side}`,
        reason: { key: side === "inviter" ? "referrals.ledger.inviter" : "referrals.ledger.invitee" },
        source: "referral",
        points,
        ...(side === "inviter" ? { inviterCaps: caps } : {}),
        finalRefusal: true,
        now,
        rules,
      });
      if (!r.ok) {
        state = "refused";
        refusal = r.code;
      }
    }
  }
  const stateCol = side === "inviter" ? referrals.inviterState : referrals.inviteeState;
  await db
    .update(referrals)
    .set(
      side === "inviter"
        ? { inviterState: state, inviterRefusal: refusal, updatedAt: now }
        : { inviteeState: state, inviteeRefusal: refusal, updatedAt: now },
    )
    .where(and(eq(referrals.invitee, row.invitee), eq(stateCol, "pending")));
}

/** Finishes what is due for `row` (qualified and a side pending). */
export async function payDue(env: Env, db: Db, row: ReferralRow, rules: WalletRules, now: number): Promise<void> {
  if (row.qualifiedAt === null) return;
  const settings = await loadReferralSettings(db);
  const caps = { daily: settings.inviterDailyCap, total: settings.inviterTotalCap };
  const sides: Side[] = [];
  if (row.inviteeState === "pending") sides.push("invitee");
  if (row.inviterState === "pending") sides.push("inviter");
  await Promise.all(sides.map((side) => paySide(env, db, row, side, rules, caps, now)));
}

/** The invitee did `action`: if it is their referral's qualifying action, both rewards are paid. */
export async function referralTrigger(
  env: Env,
  db: Db,
  invitee: string,
  action: Qualify,
  rules: WalletRules,
  now: number,
): Promise<void> {
  const [row] = await db.select().from(referrals).where(eq(referrals.invitee, invitee)).limit(1);
  if (!row) return;
  let due = row;
  if (row.qualifiedAt === null) {
    if (row.qualify !== action) return;
    await db
      .update(referrals)
      .set({ qualifiedAt: now, updatedAt: now })
      .where(and(eq(referrals.invitee, invitee), isNull(referrals.qualifiedAt)));
    due = { ...row, qualifiedAt: now };
  }
  if (due.inviteeState !== "pending" && due.inviterState !== "pending") return;
  await payDue(env, db, due, rules, now);
}

/** For a hook on a member's action (check-in, a purchase): never fails the action itself; a referral left
 *  unpaid by a failure here is finished by the next trigger (payDue). */
export async function referralTriggerSafely(
  env: Env,
  db: Db,
  invitee: string,
  action: Qualify,
  rules: WalletRules,
  now: number,
): Promise<void> {
  try {
    await referralTrigger(env, db, invitee, action, rules, now);
  } catch (err) {
    console.warn(
      JSON.stringify({ level: "warn", event: "referral_trigger_failed", invitee, action, error: String(err) }),
    );
  }
}
