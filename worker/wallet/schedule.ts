// When the wallet's alarm should next run: min(pending drain, next lot expiry, next local month start).
// Real time (Date.now()), whatever `now` the callers passed.
import type { WalletRules } from "./types";
import { startOfNextLocalMonth } from "./local-time";
import { drainPending, outboxState } from "./outbox";
import { num, row } from "./sql-helpers";

export const DRAIN_DELAY_MS = 1_000;

export function nextWakeAt(sql: SqlStorage, rules: WalletRules | null, realNow: number): number | null {
  const times: number[] = [];
  if (drainPending(sql, rules)) {
    const s = outboxState(sql);
    times.push(
      s.failures > 0 && s.nextAttemptAt !== null ? Math.max(s.nextAttemptAt, realNow) : realNow + DRAIN_DELAY_MS,
    );
  }
  const nextExpiry = row<{ at: number | null }>(
    sql,
    "select min(expires_at) as at from lots where state = 'open' and remaining > 0 and expires_at is not null",
  )?.at;
  if (nextExpiry != null) times.push(Math.max(nextExpiry, realNow));
  // The monthly tier recalculation matters only while something counts toward the tier.
  if (rules && num(sql, "select earned_12m from tier_state where id = 1") > 0) {
    times.push(startOfNextLocalMonth(realNow, rules.timeZone));
  }
  return times.length ? Math.min(...times) : null;
}
