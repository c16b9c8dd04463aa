import type { ComponentChildren } from "preact";
import { CheckinCalendar } from "../components/checkin-calendar";
import { LedgerRows } from "../components/ledger-list";
import { MeNav } from "../components/me-nav";
import { formatLastValidDay } from "../format";
import { t } from "../i18n";
import { Layout } from "../layout";
import type { MallView } from "../layout";
import type { LedgerRowView } from "../components/ledger-list";

export type PointsPageView = {
  balance: number;
  tier: { name: string; multiplier: number };
  /** null at the top tier */
  nextTier: { name: string; threshold: number; remaining: number } | null;
  earnedLast12Months: number;
  /** expiring within the next 30 days */
  expiringSoon: { points: number; expiresAt: number }[];
  checkin: {
    today: string;
    checkedInToday: boolean;
    streak: number;
    nextReward: number;
    monthDates: string[];
    /** days of monthDates made up (补签) */
    madeUpDates: string[];
    makeup: { cost: number; perMonth: number; left: number };
  };
  ledger: LedgerRowView[];
  nextCursor: string | null;
  /** IANA zone dates are shown in (the merchant's) */
  timeZone: string;
};

export type PointsPageProps = {
  mall: MallView;
  points: PointsPageView;
  headerExtra?: ComponentChildren;
  /** blocked in the console */
  blocked?: boolean;
  /** the session's CSRF token (the logout form) */
  csrf?: string | null;
};

/** 我的积分: balance, tier and progress, points expiring within 30 days, this month's check-ins, the ledger. */
export function PointsPage({ mall, points: p, headerExtra, blocked, csrf }: PointsPageProps) {
  return (
    <Layout
      mall={mall}
      title={t("page.title", { title: t("points.title"), mall: mall.name })}
      headerExtra={headerExtra}
    >
      <h1 class="sr">{t("points.title")}</h1>
      <MeNav current="points" csrf={csrf} />
      {blocked && (
        <p class="alert" role="status" data-member-blocked>
          {t("member.blocked.notice")}
        </p>
      )}
      <section class="panel wallet">
        <p class="wallet__label">{t("points.balance")}</p>
        <p class="wallet__balance" data-balance={p.balance}>
          {p.balance}
        </p>
        <p class="wallet__tier">{t("points.tier", { tier: p.tier.name, multiplier: p.tier.multiplier })}</p>
        {p.nextTier ? (
          <>
            <progress class="wallet__progress" max={p.nextTier.threshold} value={p.earnedLast12Months} />
            <p class="wallet__hint">
              {t("points.nextTier", {
                earned: p.earnedLast12Months,
                remaining: p.nextTier.remaining,
                tier: p.nextTier.name,
              })}
            </p>
          </>
        ) : (
          <p class="wallet__hint">{t("points.topTier", { earned: p.earnedLast12Months })}</p>
        )}
      </section>
      <section class="panel" aria-labelledby="exp-title">
        <h2 id="exp-title" class="panel__title">
          {t("points.expiring")}
        </h2>
        {p.expiringSoon.length ? (
          <ul class="plain">
            {p.expiringSoon.map((e) => (
              <li class="expiring">
                {t("points.expiringItem", { points: e.points, date: formatLastValidDay(e.expiresAt, p.timeZone) })}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t("points.noExpiring")}</p>
        )}
      </section>
      <CheckinCalendar
        today={p.checkin.today}
        monthDates={p.checkin.monthDates}
        streak={p.checkin.streak}
        madeUpDates={p.checkin.madeUpDates}
        makeup={p.checkin.makeup}
        csrf={blocked ? null : csrf}
      />
      <section class="panel" id="ledger" aria-labelledby="ledger-title">
        <h2 id="ledger-title" class="panel__title">
          {t("points.ledger")}
        </h2>
        {p.ledger.length ? (
          <ol class="ledger">
            <LedgerRows rows={p.ledger} nextCursor={p.nextCursor} timeZone={p.timeZone} />
          </ol>
        ) : (
          <p class="muted">{t("points.ledgerEmpty")}</p>
        )}
      </section>
    </Layout>
  );
}
