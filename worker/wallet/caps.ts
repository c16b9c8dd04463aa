// Daily earning caps, per source: what a member earned from a source in the merchant-local day counts
// against rules.dailyCaps[source] (null = no cap). Purchases and the new-member bonus are not capped by
// source (the earn limits bound them). An earning that would pass its source's cap is refused whole.
import { refusal } from "../objects/refusal";
import { CAPPED_SOURCES, type CappedSource, DEFAULT_EARN_LIMITS } from "../settings/rules";
import type { EarnSource, WalletFailure, WalletRules } from "./types";
import { addDays, localDate, startOfLocalDay } from "./local-time";
import { num } from "../objects/sql";

export const isCapped = (source: EarnSource): source is CappedSource =>
  (CAPPED_SOURCES as readonly string[]).includes(source);

/** Points from `source` already earned on the local day of `now`. */
export function sourceEarnedToday(sql: SqlStorage, source: EarnSource, now: number, timeZone: string): number {
  const today = localDate(now, timeZone);
  return num(
    sql,
    "select sum(amount) from ledger where kind = 'earned' and source = ? and created_at >= ? and created_at < ?",
    source,
    startOfLocalDay(today, timeZone),
    startOfLocalDay(addDays(today, 1), timeZone),
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

/** null when `points` from `source` fit under today's cap for that source, else the refusal. */
export function checkDailyCap(
  sql: SqlStorage,
  source: EarnSource,
  points: number,
  now: number,
  rules: Pick<WalletRules, "dailyCaps" | "timeZone">,
): WalletFailure | null {
  if (!isCapped(source)) return null;
  const cap = rules.dailyCaps?.[source] ?? null;
  if (cap === null) return null;
  const left = Math.max(0, cap - sourceEarnedToday(sql, source, now, rules.timeZone));
  if (points <= left) return null;
  return left > 0
    ? refusal("DAILY_CAP_REACHED", "wallet.capExceeded", { cap, left })
    : refusal("DAILY_CAP_REACHED", "wallet.capReached", { cap });
}
