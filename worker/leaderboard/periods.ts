// The leaderboard's periods in the merchant's time zone: this week (Monday 00:00 local to the next Monday)
// and this month (the 1st 00:00 local to the next 1st), as [from, to) instants.
import { isoWeekday } from "../campaigns/multipliers";
import { addDays, localDate, startOfLocalDay, startOfNextLocalMonth } from "../wallet/local-time";

export const PERIODS = ["week", "month"] as const;
export type Period = (typeof PERIODS)[number];

export type PeriodWindow = { period: Period; from: number; to: number; firstDay: string; lastDay: string };

export function periodWindow(period: Period, now: number, timeZone: string): PeriodWindow {
  const today = localDate(now, timeZone);
  if (period === "week") {
    const monday = addDays(today, 1 - isoWeekday(today));
    return {
      period,
      from: startOfLocalDay(monday, timeZone),
      to: startOfLocalDay(addDays(monday, 7), timeZone),
      firstDay: monday,
      lastDay: addDays(monday, 6),
    };
  }
  const first = `${today.slice(0, 7)}-01`;
  const to = startOfNextLocalMonth(now, timeZone);
  return { period, from: startOfLocalDay(first, timeZone), to, firstDay: first, lastDay: localDate(to - 1, timeZone) };
}
