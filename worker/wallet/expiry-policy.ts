// When a lot of points earned at `earnedAt` expires under the merchant's policy (null = never). Calendar
// policies use the merchant's local calendar: "end of the month" is the first instant of the next local month.
import type { WalletRules } from "./types";
import { DAY_MS, localParts, startOfLocalYear, startOfNextLocalMonth } from "./local-time";

export function expiresAtFor(earnedAt: number, rules: Pick<WalletRules, "expiry" | "timeZone">): number | null {
  const policy = rules.expiry;
  switch (policy.kind) {
    case "never":
      return null;
    case "days":
      return earnedAt + policy.days * DAY_MS;
    case "end_of_month":
      return startOfNextLocalMonth(earnedAt, rules.timeZone);
    case "end_of_year": {
      // Earned in local year Y → expires when local year Y + years + 1 begins (the end of year Y + years).
      const { year } = localParts(earnedAt, rules.timeZone);
      return startOfLocalYear(year + policy.years + 1, rules.timeZone);
    }
  }
}
