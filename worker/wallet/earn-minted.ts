// earnMinted(): points the mall itself grants under a ref it mints (a referral reward `referral:<invitee>:<side>`,
// a redeem code `code:<hash>`), decided once: the ref's first answer — a credit, or a refusal — is saved, so a
// retry, a concurrent trigger or a crash-and-retry gets that same answer and never a second credit. Callers of
// earn() cannot use these refs (refs.ts reserves the prefixes). The campaign multipliers, the merchant's earning
// limits and the source's daily cap apply as to any earning. An inviter's reward also carries the programme's caps on rewarded invitees
// (per merchant-local day and in total), counted here, in the same step as the credit: the inviter's wallet is
// the one place that sees all of their rewards, so the caps hold under any concurrency.
import { bonusMultiplier } from "../campaigns/multipliers";
import { isPositiveSafeInteger } from "../objects/guards";
import { abort, commit, type Outcome } from "../objects/outcome";
import { refusal } from "../objects/refusal";
import { num } from "../objects/sql";
import { multiplyPoints } from "./amounts";
import { storedBirthday } from "./birthday";
import { checkDailyCap, checkEarnLimits } from "./caps";
import { credit } from "./credit";
import { currentBalance, entryId } from "./ledger";
import { addDays, localDate, startOfLocalDay } from "./local-time";
import { MINTED_EARN_REF, lookupRef, saveRef } from "./refs";
import { recalcTier } from "./tiers";
import type { WalletApi, WalletFailure } from "./types";

export type EarnMintedInput = Parameters<WalletApi["earnMinted"]>[0];
export type EarnMintedResult = Awaited<ReturnType<WalletApi["earnMinted"]>>;

const INVITER_REF = "referral:%:inviter";

/** Inviter rewards already credited: today (merchant-local) and ever. */
function inviterRewards(sql: SqlStorage, now: number, timeZone: string): { today: number; total: number } {
  const day = localDate(now, timeZone);
  const from = startOfLocalDay(day, timeZone);
  const to = startOfLocalDay(addDays(day, 1), timeZone);
  const q = "select count(*) from ledger where kind = 'earned' and source = 'referral' and ref like ?";
  return {
    today: num(sql, `${q} and created_at >= ? and created_at < ?`, INVITER_REF, from, to),
    total: num(sql, q, INVITER_REF),
  };
}

function decide(sql: SqlStorage, input: EarnMintedInput): EarnMintedResult {
  const { now, rules, inviterCaps } = input;
  if (!isPositiveSafeInteger(input.points)) return refusal("INVALID_AMOUNT", "wallet.pointsMustBePositive");
  // 积分翻倍日 and 生日双倍积分 for this source, as earn() applies them.
  const bonus = bonusMultiplier(rules, input.source, storedBirthday(sql), localDate(now, rules.timeZone)).total;
  const points = multiplyPoints(input.points, bonus);
  if (!Number.isSafeInteger(currentBalance(sql) + points)) return refusal("INVALID_AMOUNT", "wallet.tooLarge");
  if (inviterCaps) {
    const done = inviterRewards(sql, now, rules.timeZone);
    if (inviterCaps.daily !== null && done.today >= inviterCaps.daily)
      return refusal("REFERRAL_CAP_REACHED", "wallet.referralDailyCap", { cap: inviterCaps.daily });
    if (inviterCaps.total !== null && done.total >= inviterCaps.total)
      return refusal("REFERRAL_CAP_REACHED", "wallet.referralTotalCap", { cap: inviterCaps.total });
  }
  const limited: WalletFailure | null =
    checkEarnLimits(sql, points, now, rules) ?? checkDailyCap(sql, input.source, points, now, rules);
  if (limited) return limited;
  const { seq, balanceAfter } = credit(sql, {
    points,
    source: input.source,
    reason: input.reason,
    ref: input.ref,
    now,
    rules,
  });
  recalcTier(sql, now, rules);
  return { ok: true, balance: balanceAfter, earned: points, entryId: entryId(input.uid, seq) };
}

export function earnMinted(sql: SqlStorage, input: EarnMintedInput): Outcome<EarnMintedResult> {
  if (!MINTED_EARN_REF.test(input.ref)) return abort(refusal("REF_CONFLICT", "wallet.refReserved", { ref: input.ref }));
  const seen = lookupRef<EarnMintedResult>(sql, input.ref, "earn_minted", { callerRef: false });
  if (seen.kind === "replay") return abort(seen.result);
  if (seen.kind === "conflict") return abort(seen.failure);
  const result = decide(sql, input);
  // A refusal is final too (saved with the ref): the same trigger again cannot pay it later.
  if (!result.ok && !input.finalRefusal) return abort(result);
  saveRef(sql, input.ref, "earn_minted", result, input.now);
  return commit(result);
}
