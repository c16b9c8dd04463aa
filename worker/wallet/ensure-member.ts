// ensureMember(): the member record, and the new-member bonus exactly once (ref "signup_bonus", source
// "signup_bonus", exempt from caps). The first call decides the bonus with the rules of that call.
import type { WalletApi } from "./types";
import { credit } from "./credit";
import { currentBalance } from "./ledger";
import { commit, type Outcome } from "../objects/outcome";
import { saveRef } from "./refs";
import { row } from "../objects/sql";
import { recalcTier } from "./tiers";
import { markDuibaLinked } from "./duiba-forward";

export type EnsureMemberInput = Parameters<WalletApi["ensureMember"]>[0];
export type EnsureMemberResult = Awaited<ReturnType<WalletApi["ensureMember"]>>;

export const SIGNUP_BONUS_REF = "signup_bonus";

export function ensureMember(sql: SqlStorage, input: EnsureMemberInput): Outcome<EnsureMemberResult> {
  const { now, rules } = input;
  if (input.duiba === true) markDuibaLinked(sql);
  const decided = row<{ bonus_points: number | null }>(
    sql,
    "select bonus_points from member where id = 1",
  )?.bonus_points;
  if (decided != null) return commit({ ok: true, balance: currentBalance(sql), bonusGranted: false, created: false });

  const bonus = Number.isSafeInteger(rules.newMemberBonus) && rules.newMemberBonus > 0 ? rules.newMemberBonus : 0;
  let balance = currentBalance(sql);
  let granted = false;
  if (bonus > 0 && row(sql, "select 1 as x from refs where ref = ?", SIGNUP_BONUS_REF) === undefined) {
    granted = true;
    const c = credit(sql, {
      points: bonus,
      source: "signup_bonus",
      reason: { key: "wallet.reason.signupBonus" },
      ref: SIGNUP_BONUS_REF,
      now,
      rules,
    });
    balance = c.balanceAfter;
    saveRef(sql, SIGNUP_BONUS_REF, "signup_bonus", { ok: true, points: bonus, entrySeq: c.seq }, now);
    recalcTier(sql, now, rules);
  }
  sql.exec("update member set bonus_points = ?, bonus_at = ? where id = 1", bonus, now);
  return commit({ ok: true, balance, bonusGranted: granted, created: true });
}
