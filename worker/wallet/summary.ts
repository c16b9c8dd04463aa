// summary(): balance, tier and progress, what expires when, and the check-in state, as of `now`.
import type { WalletRules, WalletSummary } from "./types";
import { storedBirthday } from "./birthday";
import { checkinView } from "./checkin";
import { currentBalance } from "./ledger";
import { row, rows } from "../objects/sql";
import { startOfNextLocalDay } from "./local-time";
import { nextTier, tierState, tierView } from "./tiers";

export function summary(sql: SqlStorage, input: { uid: string; now: number; rules: WalletRules }): WalletSummary {
  const { uid, now, rules } = input;
  const { tier, earned12m } = tierState(sql, rules);
  const expiring = rows<{ expires_at: number; points: number }>(
    sql,
    `select expires_at, sum(remaining) as points from lots
     where state = 'open' and remaining > 0 and expires_at is not null and expires_at > ?
     group by expires_at order by expires_at`,
    now,
  ).map((r) => ({ points: r.points, expiresAt: r.expires_at }));
  return {
    uid,
    balance: currentBalance(sql),
    tier: tierView(tier),
    nextTier: nextTier(tier, earned12m, rules.tiers),
    earnedLast12Months: earned12m,
    expiring,
    checkin: checkinView(sql, now, rules),
    birthday: storedBirthday(sql),
  };
}

/** The first instant at which summary() at `now` (just after settle) could read differently with nothing
 *  written: an open lot's expiry (settle would expire it; `expiring` drops it) or the next local midnight
 *  (the check-in day, 补签, and the month of the tier recalculation, which starts on a midnight). */
export function summaryValidUntil(sql: SqlStorage, now: number, timeZone: string): number {
  const lot = row<{ at: number | null }>(
    sql,
    "select min(expires_at) as at from lots where state = 'open' and expires_at is not null",
  )?.at;
  const midnight = startOfNextLocalDay(now, timeZone);
  return lot != null ? Math.min(lot, midnight) : midnight;
}
