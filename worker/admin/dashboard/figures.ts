// The dashboard's figures: a handful of aggregate queries in one db.batch (one round trip).
//
// Merchant-local days: the 30 days (today and the 29 before it) are computed here as [start, end) instants
// with startOfLocalDay, which follows the time zone's rules, so a day across a DST change is 23 or 25 hours
// long and a midnight skipped by a jump starts at the jump. They go to SQL as a VALUES table `days(day, s,
// e)` and events are grouped by joining `created_at >= s and created_at < e` (ledger_created_idx serves
// the ranges). page_views carry their local `day` already, computed when recorded with the time zone then
// in force (worker/analytics/page-views.ts).
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import type {
  DashboardFigures,
  DayFigures,
  PeriodFigures,
  TopItem,
} from "../../../views/admin/dashboard/dashboard-page";
import { addDays, DAY_MS, localDate, startOfLocalDay } from "../../wallet/local-time";

export const DAYS = 30;
const TOP_ITEMS = 5;

type Num = number | string | null;
/** A figure as a safe number whatever Turso holds: sums are SQLite total() (a float: an integer sum past 2^53
 *  would be an int64 the client refuses to read, answering 500), clamped to the safe range. */
const n = (v: Num | undefined) => {
  const x = Number(v ?? 0);
  return Number.isFinite(x) ? Math.max(-Number.MAX_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, x)) : 0;
};

type ViewRow = { day: string; views: Num; visitors: Num };
type LedgerRow = { day: string; checkins: Num; issued: Num; spent: Num; expired: Num };
type OrderRow = { day: string; orders: Num; points: Num };
type TotalsRow = { views: Num; visitors: Num };
type ItemRow = { itemId: Num; name: string; units: Num; points: Num };
type LiabilityRow = { liability: Num; expiring30: Num; expiring90: Num };

export async function dashboardFigures(
  db: Db,
  { now, timeZone }: { now: number; timeZone: string },
): Promise<DashboardFigures> {
  const today = localDate(now, timeZone);
  const dates = Array.from({ length: DAYS }, (_, i) => addDays(today, i - (DAYS - 1)));
  const bounds = dates.map((day) => ({
    day,
    s: startOfLocalDay(day, timeZone),
    e: startOfLocalDay(addDays(day, 1), timeZone),
  }));
  const from = dates[0]!;
  const start = bounds[0]!.s;
  const end = bounds[DAYS - 1]!.e;
  const daysCte: SQL = sql`with days(day, s, e) as (values ${sql.join(
    bounds.map((b) => sql`(${b.day}, ${b.s}, ${b.e})`),
    sql`, `,
  )})`;

  const [views, ledger, orders, totals, items, liability] = await db.batch([
    db.all<ViewRow>(sql`select day, count(*) as views, count(distinct visitor) as visitors
      from page_views where day >= ${from} and day <= ${today} group by day`),
    db.all<LedgerRow>(sql`${daysCte}
      select d.day as day,
        count(case when l.source = 'checkin' then 1 end) as checkins,
        total(case when l.kind = 'earned' or (l.kind = 'adjusted' and l.amount > 0) then l.amount else 0 end) as issued,
        total(case when l.kind in ('spent', 'refunded') then -l.amount else 0 end) as spent,
        total(case when l.kind = 'expired' then -l.amount else 0 end) as expired
      from days d join ledger_projection l on l.created_at >= d.s and l.created_at < d.e
      group by d.day`),
    db.all<OrderRow>(sql`${daysCte}
      select d.day as day, count(*) as orders, total(o.points) as points
      from days d join orders o on o.created_at >= d.s and o.created_at < d.e and o.status <> 'cancelled'
      group by d.day`),
    db.all<TotalsRow>(sql`select count(*) as views, count(distinct visitor) as visitors
      from page_views where day >= ${from} and day <= ${today}`),
    db.all<ItemRow>(sql`select item_id as itemId, max(item_name) as name, total(qty) as units, total(points) as points
      from orders where status <> 'cancelled' and created_at >= ${start} and created_at < ${end}
      group by item_id order by units desc, points desc, item_id limit ${TOP_ITEMS}`),
    db.all<LiabilityRow>(sql`select
        (select total(balance) from balance_projection) as liability,
        total(case when json_extract(j.value, '$.expiresAt') < ${now + 30 * DAY_MS} then json_extract(j.value, '$.points') end) as expiring30,
        total(case when json_extract(j.value, '$.expiresAt') < ${now + 90 * DAY_MS} then json_extract(j.value, '$.points') end) as expiring90
      from balance_projection b, json_each(b.expiring) j`),
  ]);

  const byDay = <R extends { day: string }>(rows: R[]) => new Map(rows.map((r) => [r.day, r]));
  const v = byDay(views);
  const l = byDay(ledger);
  const o = byDay(orders);
  const days: DayFigures[] = dates.map((day) => ({
    day,
    views: n(v.get(day)?.views),
    visitors: n(v.get(day)?.visitors),
    issued: n(l.get(day)?.issued),
    spent: n(l.get(day)?.spent),
  }));

  const period = (which: string[], t: TotalsRow | undefined): PeriodFigures => {
    const sum = <R extends { day: string }>(m: Map<string, R>, f: (r: R) => Num) =>
      n(which.reduce((a, d) => a + (m.has(d) ? n(f(m.get(d)!)) : 0), 0));
    const issued = sum(l, (r) => r.issued);
    const spent = sum(l, (r) => r.spent);
    return {
      views: n(t?.views),
      visitors: n(t?.visitors),
      checkins: sum(l, (r) => r.checkins),
      issued,
      spent,
      expired: sum(l, (r) => r.expired),
      orders: sum(o, (r) => r.orders),
      pointsRedeemed: sum(o, (r) => r.points),
      redemptionRate: issued > 0 ? spent / issued : null,
    };
  };

  const topItems: TopItem[] = items.map((r) => ({
    itemId: n(r.itemId),
    name: r.name,
    units: n(r.units),
    points: n(r.points),
  }));
  const lia = liability[0];
  return {
    timeZone,
    from,
    today,
    days,
    todayTotals: period([today], v.get(today)),
    last30: period(dates, totals[0]),
    topItems,
    liability: n(lia?.liability),
    expiring30: n(lia?.expiring30),
    expiring90: n(lia?.expiring90),
  };
}
