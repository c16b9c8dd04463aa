// earn(): points as given, or a purchase amount converted with the rules and the member's tier multiplier.
import { refusal, type TextParams } from "../objects/refusal";
import type { WalletApi, WalletDetail, WalletFailure } from "./types";
import { EARN_SOURCES } from "./types";
import { isPositiveSafeInteger } from "../objects/guards";
import { multiplyPoints, pointsForPurchase } from "./amounts";
import { bonusMultiplier } from "../campaigns/multipliers";
import { storedBirthday } from "./birthday";
import { localDate } from "./local-time";
import { checkDailyCap, checkEarnLimits } from "./caps";
import { credit } from "./credit";
import { currentBalance, entryId } from "./ledger";
import { abort, commit, type Outcome } from "../objects/outcome";
import { lookupRef, saveRef } from "./refs";
import { recalcTier, tierState } from "./tiers";
import { queueForward } from "./duiba-forward";

export type EarnInput = Parameters<WalletApi["earn"]>[0];
export type EarnResult = Awaited<ReturnType<WalletApi["earn"]>>;

const invalid = (detail: WalletDetail, params?: TextParams): WalletFailure => refusal("INVALID_AMOUNT", detail, params);

export function earn(sql: SqlStorage, input: EarnInput): Outcome<EarnResult> {
  const { uid, ref, reason, source, now, rules } = input;
  const seen = lookupRef<EarnResult>(sql, ref, "earn", { callerRef: true });
  if (seen.kind === "replay") return abort(seen.result);
  if (seen.kind === "conflict") return abort(seen.failure);

  const hasPoints = input.points != null;
  const hasFen = input.amountFen != null;
  if (hasPoints === hasFen) return abort(invalid("wallet.pointsOrAmount"));
  if (!(EARN_SOURCES as readonly string[]).includes(source))
    return abort(invalid("wallet.unknownSource", { source: String(source) }));

  // 积分翻倍日 and 生日双倍积分 (worker/campaigns/multipliers.ts): decided here, from the rules and `now`.
  const bonus = bonusMultiplier(rules, source, storedBirthday(sql), localDate(now, rules.timeZone)).total;
  let points: number;
  if (hasPoints) {
    if (!isPositiveSafeInteger(input.points)) return abort(invalid("wallet.pointsMustBePositive"));
    points = multiplyPoints(input.points, bonus);
  } else {
    if (!isPositiveSafeInteger(input.amountFen)) return abort(invalid("wallet.amountMustBePositive"));
    const { tier } = tierState(sql, rules);
    points = pointsForPurchase(input.amountFen, rules.pointsPerYuan, tier.multiplier * bonus);
    if (points < 1) return abort(invalid("wallet.amountTooSmall"));
  }
  if (!Number.isSafeInteger(currentBalance(sql) + points)) return abort(invalid("wallet.tooLarge"));
  // The merchant's bounds (one earning, a member's day): refused whole, nothing written.
  const limited = checkEarnLimits(sql, points, now, rules);
  if (limited) return abort(limited);

  const refused = checkDailyCap(sql, source, points, now, rules);
  if (refused) return abort(refused);

  const { seq, balanceAfter } = credit(sql, { points, source, reason, ref, now, rules });
  const result: EarnResult = { ok: true, balance: balanceAfter, earned: points, entryId: entryId(uid, seq) };
  saveRef(sql, ref, "earn", result, now);
  if (source === "task") queueForward(sql, { ref, credits: points, kind: "task", now });
  recalcTier(sql, now, rules);
  return commit(result);
}
