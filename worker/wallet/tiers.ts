// Tiers: the highest tier whose threshold is at most the points earned in the last 12 months, i.e. earned
// entries in (now − 365 days, now] minus what reversals took back from those earnings. Stored in tier_state
// and recalculated on earnings, reversals, once per local month (on the first call or alarm of a new month)
// and by recalcTier().
import type { TierView, WalletRules } from "./types";
import { DAY_MS, localMonth } from "./local-time";
import { num, row } from "../objects/sql";

type TierRule = WalletRules["tiers"][number];

export const TIER_WINDOW_MS = 365 * DAY_MS;

export function sortedTiers(tiers: TierRule[]): TierRule[] {
  return [...tiers].sort((a, b) => a.threshold - b.threshold);
}

export function tierForEarned(earned: number, tiers: TierRule[]): TierRule {
  const sorted = sortedTiers(tiers);
  let tier = sorted[0]!;
  for (const t of sorted) if (t.threshold <= earned) tier = t;
  return tier;
}

export const tierView = (t: TierRule): TierView => ({
  key: t.key,
  name: t.name,
  multiplier: t.multiplier,
  threshold: t.threshold,
});

export function nextTier(
  current: TierRule,
  earned: number,
  tiers: TierRule[],
): (TierView & { remaining: number }) | null {
  const next = sortedTiers(tiers).find((t) => t.threshold > current.threshold);
  return next ? { ...tierView(next), remaining: Math.max(0, next.threshold - earned) } : null;
}

export function earnedLast12Months(sql: SqlStorage, now: number): number {
  const from = now - TIER_WINDOW_MS;
  const earned = num(
    sql,
    "select sum(amount) from ledger where kind = 'earned' and created_at > ? and created_at <= ?",
    from,
    now,
  );
  const reversed = num(
    sql,
    `select sum(r.taken) from reversals r join ledger e on e.seq = r.earn_seq
     where e.created_at > ? and e.created_at <= ?`,
    from,
    now,
  );
  return Math.max(0, earned - reversed);
}

export type TierState = { tier: TierRule; earned12m: number; month: string | null; tierKey: string | null };

/** The tier as last calculated, mapped onto the current rules' tiers. */
export function tierState(sql: SqlStorage, rules: Pick<WalletRules, "tiers">): TierState {
  const s = row<{ tier_key: string; earned_12m: number; month: string }>(
    sql,
    "select tier_key, earned_12m, month from tier_state where id = 1",
  );
  const earned12m = s?.earned_12m ?? 0;
  return {
    tier: tierForEarned(earned12m, rules.tiers),
    earned12m,
    month: s?.month ?? null,
    tierKey: s?.tier_key ?? null,
  };
}

export function recalcTier(
  sql: SqlStorage,
  now: number,
  rules: Pick<WalletRules, "tiers" | "timeZone">,
): { tier: TierView; earnedLast12Months: number; changed: boolean } {
  const before = tierState(sql, rules);
  const earned = earnedLast12Months(sql, now);
  const tier = tierForEarned(earned, rules.tiers);
  sql.exec(
    `insert into tier_state (id, tier_key, earned_12m, computed_at, month) values (1, ?, ?, ?, ?)
     on conflict(id) do update set tier_key = excluded.tier_key, earned_12m = excluded.earned_12m,
       computed_at = excluded.computed_at, month = excluded.month`,
    tier.key,
    earned,
    now,
    localMonth(now, rules.timeZone),
  );
  return { tier: tierView(tier), earnedLast12Months: earned, changed: before.tierKey !== tier.key };
}

/** The monthly recalculation: once the local month of `now` is later than the last calculation's month. */
export function recalcTierIfNewMonth(
  sql: SqlStorage,
  now: number,
  rules: Pick<WalletRules, "tiers" | "timeZone">,
): boolean {
  const { month } = tierState(sql, rules);
  if (month === null || localMonth(now, rules.timeZone) <= month) return false;
  recalcTier(sql, now, rules);
  return true;
}
