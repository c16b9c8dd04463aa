// Catching the wallet up with time before anything reads or changes it: expire due lots, and run the
// monthly tier recalculation when `now` is in a later local month than the last one. Every operation runs
// this first, inside its own transaction, so no check ever sees expired points.
import type { WalletRules } from "./types";
import { expireDue } from "./expire";
import { recalcTierIfNewMonth } from "./tiers";

export function settle(sql: SqlStorage, now: number, rules: Pick<WalletRules, "tiers" | "timeZone">): void {
  expireDue(sql, now);
  recalcTierIfNewMonth(sql, now, rules);
}
