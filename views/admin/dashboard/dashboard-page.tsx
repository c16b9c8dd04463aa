import { intlTag } from "../../format";
import { numberFormat } from "../../intl-cache";
import { t } from "../../i18n";
import type { PaymentSummary } from "../../../domain";
import { PaymentAttentionNotice } from "../payments/payment-attention";
import { WebhookFailingNotice } from "../webhooks/failing-notice";
import { AdminLayout } from "../admin-layout";
import type { AdminMeView } from "../types";
import { DailyChart } from "./daily-chart";

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

export type AdminDashboardPageProps = {
  brandColor: string;
  me: AdminMeView;
  figures: DashboardFigures;
  /** webhook endpoints disabled after a day of failures (owners only), for the notice */
  failingWebhooks?: { id: string; url: string }[];
  /** payments the owner must act on (owners only) */
  paymentAttention?: PaymentSummary[];
};

/** "40.0%", or "—" when nothing was issued. */
export function formatRate(rate: number | null): string {
  return rate === null ? t("admin.dashboard.rateNone") : `${(rate * 100).toFixed(1)}%`;
}

const num = (n: number) => numberFormat(intlTag()).format(n);

type StatLabel =
  `admin.dashboard.${"views" | "visitors" | "checkins" | "orders" | "issued" | "spent" | "expired" | "pointsRedeemed"}`;

const STATS: { key: keyof Omit<PeriodFigures, "redemptionRate">; label: StatLabel }[] = [
  { key: "views", label: "admin.dashboard.views" },
  { key: "visitors", label: "admin.dashboard.visitors" },
  { key: "checkins", label: "admin.dashboard.checkins" },
  { key: "orders", label: "admin.dashboard.orders" },
  { key: "issued", label: "admin.dashboard.issued" },
  { key: "spent", label: "admin.dashboard.spent" },
  { key: "expired", label: "admin.dashboard.expired" },
  { key: "pointsRedeemed", label: "admin.dashboard.pointsRedeemed" },
];

function Period({ id, title, p }: { id: string; title: string; p: PeriodFigures }) {
  return (
    <section class="dstats" aria-labelledby={`${id}-h`} data-period={id}>
      <h2 class="dstats__title" id={`${id}-h`}>
        {title}
      </h2>
      <dl class="dstats__grid">
        {STATS.map((s) => (
          <div class="dstats__card" data-stat={s.key}>
            <dt class="dstats__label">{t(s.label)}</dt>
            <dd class="dstats__value">{num(p[s.key])}</dd>
          </div>
        ))}
        <div class="dstats__card dstats__card--rate" data-stat="redemptionRate">
          <dt class="dstats__label">{t("admin.dashboard.rate")}</dt>
          <dd class="dstats__value">{formatRate(p.redemptionRate)}</dd>
        </div>
      </dl>
    </section>
  );
}

/** 概览 (owners and operators): today and the last 30 merchant-local days, charts, top items, outstanding points. */
export function AdminDashboardPage({
  brandColor,
  me,
  figures: f,
  failingWebhooks = [],
  paymentAttention = [],
}: AdminDashboardPageProps) {
  const dates = f.days.map((d) => d.day);
  const range = { from: f.from, today: f.today };
  const maxViews = Math.max(0, ...f.days.map((d) => d.views));
  return (
    <AdminLayout title={t("admin.dashboard.title")} brandColor={brandColor} me={me} current="dashboard">
      <h1 class="page-title">{t("admin.dashboard.title")}</h1>
      <WebhookFailingNotice endpoints={failingWebhooks} />
      <PaymentAttentionNotice payments={paymentAttention} />
      <p class="hint">{t("admin.dashboard.period", { ...range, timeZone: f.timeZone })}</p>
      <div class="dperiods">
        <Period id="today" title={t("admin.dashboard.today")} p={f.todayTotals} />
        <Period id="last30" title={t("admin.dashboard.last30")} p={f.last30} />
      </div>
      <p class="hint" data-rate-help>
        {t("admin.dashboard.rateHelp")}
      </p>

      <section class="panel dliab" aria-labelledby="liab-h">
        <h2 class="dstats__title" id="liab-h">
          {t("admin.dashboard.liability.title")}
        </h2>
        <dl class="dstats__grid">
          <div class="dstats__card" data-stat="liability">
            <dt class="dstats__label">{t("admin.dashboard.liability")}</dt>
            <dd class="dstats__value">{num(f.liability)}</dd>
          </div>
          <div class="dstats__card" data-stat="expiring30">
            <dt class="dstats__label">{t("admin.dashboard.expiring30")}</dt>
            <dd class="dstats__value">{num(f.expiring30)}</dd>
          </div>
          <div class="dstats__card" data-stat="expiring90">
            <dt class="dstats__label">{t("admin.dashboard.expiring90")}</dt>
            <dd class="dstats__value">{num(f.expiring90)}</dd>
          </div>
        </dl>
      </section>

      <div class="dcharts">
        <DailyChart
          id="chart-traffic"
          title={t("admin.dashboard.chart.traffic")}
          desc={t("admin.dashboard.chart.trafficDesc", {
            ...range,
            views: f.last30.views,
            maxViews,
            visitors: f.last30.visitors,
          })}
          days={dates}
          series={[
            { label: t("admin.dashboard.views"), values: f.days.map((d) => d.views), kind: "bar", tone: "a" },
            { label: t("admin.dashboard.visitors"), values: f.days.map((d) => d.visitors), kind: "line", tone: "b" },
          ]}
        />
        <DailyChart
          id="chart-points"
          title={t("admin.dashboard.chart.points")}
          desc={t("admin.dashboard.chart.pointsDesc", { ...range, issued: f.last30.issued, spent: f.last30.spent })}
          days={dates}
          series={[
            { label: t("admin.dashboard.issued"), values: f.days.map((d) => d.issued), kind: "bar", tone: "a" },
            { label: t("admin.dashboard.spent"), values: f.days.map((d) => d.spent), kind: "bar", tone: "b" },
          ]}
        />
      </div>

      <details class="panel dtable">
        <summary>{t("admin.dashboard.table.summary")}</summary>
        <div class="dtable__scroll">
          <table>
            <caption>{t("admin.dashboard.table.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.dashboard.table.day")}</th>
                <th scope="col">{t("admin.dashboard.views")}</th>
                <th scope="col">{t("admin.dashboard.visitors")}</th>
                <th scope="col">{t("admin.dashboard.issued")}</th>
                <th scope="col">{t("admin.dashboard.spent")}</th>
              </tr>
            </thead>
            <tbody>
              {[...f.days].reverse().map((d) => (
                <tr data-day={d.day}>
                  <th scope="row">{d.day}</th>
                  <td>{num(d.views)}</td>
                  <td>{num(d.visitors)}</td>
                  <td>{num(d.issued)}</td>
                  <td>{num(d.spent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>

      <section class="panel" aria-labelledby="top-h">
        <h2 class="dstats__title" id="top-h">
          {t("admin.dashboard.top.title")}
        </h2>
        {f.topItems.length === 0 ? (
          <p class="muted">{t("admin.dashboard.top.empty")}</p>
        ) : (
          <ol class="dtop">
            {f.topItems.map((i) => (
              <li class="dtop__row" data-item-id={i.itemId}>
                <span class="dtop__name">{i.name}</span>
                <span class="muted">
                  {t("admin.dashboard.top.row", { units: num(i.units), points: num(i.points) })}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </AdminLayout>
  );
}
