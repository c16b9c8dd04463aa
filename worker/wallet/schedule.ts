// When the wallet's own work wants the alarm: min(next lot expiry, next local month start); the kernel adds
// the outbox's time (worker/objects/kernel-object.ts). Real time (Date.now()), whatever `now` callers passed.
import { num, row } from "../objects/sql";
import { startOfNextLocalMonth } from "./local-time";
import type { WalletRules } from "./types";

export function walletWakeAt(sql: SqlStorage, rules: WalletRules | null, realNow: number): number | null {
  const times: number[] = [];
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
