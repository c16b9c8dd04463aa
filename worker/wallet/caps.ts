// Daily earning caps: every source except purchases and the new-member bonus counts against
// rules.dailyCaps.nonPurchase per merchant-local day (null = no cap). An earning that would pass the cap is
// refused whole.
import { refusal } from "../objects/refusal";
import { DEFAULT_EARN_LIMITS } from "../settings/rules";
import type { EarnSource, WalletFailure, WalletRules } from "./types";
import { addDays, localDate, startOfLocalDay } from "./local-time";
import { num } from "../objects/sql";

const EXEMPT: readonly EarnSource[] = ["purchase", "signup_bonus"];

export const isCapped = (source: EarnSource) => !EXEMPT.includes(source);

/** Capped points already earned on the local day of `now`. */
export function cappedEarnedToday(sql: SqlStorage, now: number, timeZone: string): number {
  const today = localDate(now, timeZone);
  const from = startOfLocalDay(today, timeZone);
  const to = startOfLocalDay(addDays(today, 1), timeZone);
  return num(
    sql,
    `select sum(amount) from ledger where kind = 'earned' and source not in ('purchase', 'signup_bonus')
     and created_at >= ? and created_at < ?`,
    from,
    to,
  );
}

/** Points of every source earned on the local day of `now` (the new-member bonus and check-ins included). */
export function earnedToday(sql: SqlStorage, now: number, timeZone: string): number {
  const today = localDate(now, timeZone);
  return num(
    sql,
    "select sum(amount) from ledger where kind = 'earned' and created_at >= ? and created_at < ?",
    startOfLocalDay(today, timeZone),
    startOfLocalDay(addDays(today, 1), timeZone),
  );
}

/** null when `points` fit under the merchant's earning limits (one earning, and the member's day), else the
 *  refusal. Rules without limits (a caller from before they existed) get the defaults. */
export function checkEarnLimits(
  sql: SqlStorage,
  points: number,
  now: number,
  rules: Pick<WalletRules, "earnLimits" | "timeZone">,
): WalletFailure | null {
  const perEarning = rules.earnLimits?.perEarning ?? DEFAULT_EARN_LIMITS.perEarning;
  const perDay = rules.earnLimits?.perMemberDay ?? DEFAULT_EARN_LIMITS.perMemberDay;
  if (points > perEarning)
    return { ok: false, code: "EARN_TOO_LARGE", detail: "wallet.earnTooLarge", params: { max: perEarning, points } };
  const left = Math.max(0, perDay - earnedToday(sql, now, rules.timeZone));
  if (points > left)
    return { ok: false, code: "EARN_LIMIT_REACHED", detail: "wallet.earnLimitReached", params: { max: perDay, left } };
  return null;
}

/** null when `points` from `source` fit under today's cap, else the refusal. */
export function checkDailyCap(
  sql: SqlStorage,
  source: EarnSource,
  points: number,
  now: number,
  rules: Pick<WalletRules, "dailyCaps" | "timeZone">,
): WalletFailure | null {
  const cap = rules.dailyCaps?.nonPurchase ?? null;
  if (cap === null || !isCapped(source)) return null;
  const left = Math.max(0, cap - cappedEarnedToday(sql, now, rules.timeZone));
  if (points <= left) return null;
  return left > 0
    ? refusal("DAILY_CAP_REACHED", "wallet.capExceeded", { cap, left })
    : refusal("DAILY_CAP_REACHED", "wallet.capReached", { cap });
}
