import type { Catalogue } from "../types";
import type { adminDashboardMessages as zh } from "../zh-CN/admin-dashboard";

// The console's dashboard.
export const adminDashboardMessages = {
  "admin.dashboard.title": "Overview",
  "admin.dashboard.period": "Period: {from} to {today} (the mall's time zone, {timeZone}, by local calendar day)",
  "admin.dashboard.today": "Today",
  "admin.dashboard.last30": "Last 30 days",
  "admin.dashboard.views": "Page views",
  "admin.dashboard.visitors": "Visitors",
  "admin.dashboard.checkins": "Check-ins",
  "admin.dashboard.issued": "Points issued",
  "admin.dashboard.spent": "Points spent",
  "admin.dashboard.expired": "Points expired",
  "admin.dashboard.orders": "Redemption orders",
  "admin.dashboard.pointsRedeemed": "Points redeemed",
  "admin.dashboard.rate": "Redemption rate",
  "admin.dashboard.rateNone": "—",
  "admin.dashboard.rateHelp":
    "Redemption rate = points spent in the period ÷ points issued in the period. Issued includes earnings and positive adjustments; spent is redemptions minus refunds. Page views count only full pages shoppers opened, visitors are de-duplicated by an anonymous visitor id, and orders exclude cancelled ones.",
  "admin.dashboard.liability.title": "Unused points",
  "admin.dashboard.liability": "Points liability (all members' balances)",
  "admin.dashboard.expiring30": "Expiring within 30 days",
  "admin.dashboard.expiring90": "Expiring within 90 days",
  "admin.dashboard.top.title": "Top redemptions (last 30 days, by units)",
  "admin.dashboard.top.empty": "No redemptions in the last 30 days",
  "admin.dashboard.top.row": "{units} units · {points} points",
  "admin.dashboard.chart.traffic": "Daily page views and visitors",
  "admin.dashboard.chart.trafficDesc":
    "Daily page views (bars) and visitors (line) over the last 30 days ({from} to {today}). {views} page views in total, at most {maxViews} in a day; {visitors} visitors.",
  "admin.dashboard.chart.points": "Daily points issued and spent",
  "admin.dashboard.chart.pointsDesc":
    "Daily points issued and spent (side-by-side bars) over the last 30 days ({from} to {today}). {issued} issued in total, {spent} spent.",
  "admin.dashboard.chart.max": "Max {value}",
  "admin.dashboard.table.summary": "Show daily figures",
  "admin.dashboard.table.caption": "Daily figures for the last 30 days",
  "admin.dashboard.table.day": "Date",
} as const satisfies Catalogue<typeof zh>;
