// What the dashboard page shows: plain figures (worker/admin/dashboard/figures.ts computes them).

/** One merchant-local day of the charts. */
export type DayFigures = { day: string; views: number; visitors: number; issued: number; spent: number };

/** Totals over a period (today, or the last 30 days including today). */
export type PeriodFigures = {
  views: number;
  /** distinct visitors over the whole period (not the sum of the days') */
  visitors: number;
  checkins: number;
  /** earned + positive adjustments */
  issued: number;
  /** spent − refunded */
  spent: number;
  expired: number;
  /** orders not cancelled, and the points they took */
  orders: number;
  pointsRedeemed: number;
  /** 积分核销率: spent ÷ issued; null when nothing was issued */
  redemptionRate: number | null;
};

export type TopItem = { itemId: number; name: string; units: number; points: number };

export type DashboardFigures = {
  timeZone: string;
  /** merchant-local dates (YYYY-MM-DD): the first of the 30 days and today */
  from: string;
  today: string;
  /** the 30 days, oldest first, each present (zeros when nothing happened) */
  days: DayFigures[];
  todayTotals: PeriodFigures;
  last30: PeriodFigures;
  /** by units over the 30 days, at most 5 */
  topItems: TopItem[];
  /** outstanding points: the sum of every member's balance */
  liability: number;
  /** points in open lots whose expiry is before now + 30 / 90 days (lots already due count: the next alarm expires them) */
  expiring30: number;
  expiring90: number;
};
