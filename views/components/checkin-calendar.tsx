import type { ComponentChildren } from "preact";
import { formatMonth, formatMonthDay, weekdayNames } from "../format";
import { t } from "../i18n";
import { PostForm } from "./post-form";

export type CheckinCalendarProps = {
  /** merchant-local YYYY-MM-DD */
  today: string;
  /** local dates checked in this month (made-up days included) */
  monthDates: string[];
  streak: number;
  /** the days of monthDates that were made up (补签) */
  madeUpDates?: string[];
  /** 补签 as the rules allow it this month; with `csrf`, each missed day before today is a make-up button */
  makeup?: { cost: number; perMonth: number; left: number };
  /** the session's CSRF token; null: no make-up buttons (a blocked member, a read-only view) */
  csrf?: string | null;
  /** what the last make-up did, shown above the grid (the htmx answer swaps the whole calendar) */
  notice?: ComponentChildren;
};

/** This month's check-ins as a Monday-first calendar grid. Pure: derived from `today`. Missed days before
 *  today are 补签 buttons while the month's make-ups last: a real form each (works without JS) that htmx posts,
 *  swapping this calendar (#cal) with the answer and the balance badge out of band. */
export function CheckinCalendar({
  today,
  monthDates,
  streak,
  madeUpDates = [],
  makeup,
  csrf,
  notice,
}: CheckinCalendarProps) {
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const lead = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7; // Monday = 0
  const done = new Set(monthDates.map((s) => Number(s.slice(8, 10))));
  const madeUp = new Set(madeUpDates.map((s) => Number(s.slice(8, 10))));
  const canMakeUp = !!csrf && !!makeup && makeup.perMonth > 0 && makeup.left > 0;
  const month = today.slice(0, 7);
  const cells: (number | null)[] = [...Array(lead).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)];
  const dayClass = (n: number) =>
    `cal__day${done.has(n) ? " cal__day--done" : ""}${madeUp.has(n) ? " cal__day--madeup" : ""}${
      !done.has(n) && n < d ? " cal__day--missed" : ""
    }${n === d ? " cal__day--today" : ""}`;
  const label = (n: number) =>
    madeUp.has(n)
      ? t("campaigns.makeup.madeUp", { month: m, day: n })
      : done.has(n)
        ? `${formatMonthDay(m, n)} ${t("member.checkedIn")}`
        : n < d
          ? t("campaigns.makeup.missed", { month: m, day: n })
          : undefined;
  return (
    <section class="panel cal" id="cal" aria-labelledby="cal-title">
      <h2 id="cal-title" class="panel__title">
        {t("points.calendar", { month: formatMonth(y, m) })}
        <span class="panel__aside" data-streak={streak}>
          {t("points.calendarStreak", { days: streak })}
        </span>
      </h2>
      {notice && (
        <div class="cal__notice" aria-live="polite">
          {notice}
        </div>
      )}
      <ol class="cal__grid">
        {weekdayNames().map((w) => (
          <li class="cal__wd" aria-hidden="true">
            {w}
          </li>
        ))}
        {cells.map((n) =>
          n === null ? (
            <li class="cal__pad" aria-hidden="true" />
          ) : canMakeUp && !done.has(n) && n < d ? (
            <li class={dayClass(n)}>
              <PostForm
                csrf={csrf!}
                class="cal__makeup"
                method="post"
                action="/checkin/makeup"
                hx-post="/checkin/makeup"
                hx-target="#cal"
                hx-swap="outerHTML"
                hx-disable="find button"
              >
                <input type="hidden" name="date" value={`${month}-${String(n).padStart(2, "0")}`} />
                <button
                  class="cal__mk"
                  type="submit"
                  aria-label={t("campaigns.makeup.button", { month: m, day: n, cost: makeup!.cost })}
                  data-makeup={n}
                >
                  {n}
                </button>
              </PostForm>
            </li>
          ) : (
            <li class={dayClass(n)} aria-current={n === d ? "date" : undefined} aria-label={label(n)}>
              {n}
            </li>
          ),
        )}
      </ol>
      {makeup && makeup.perMonth > 0 && (
        <p class="muted cal__hint">
          {makeup.left > 0
            ? t("campaigns.makeup.hint", { cost: makeup.cost, left: makeup.left, perMonth: makeup.perMonth })
            : t("campaigns.makeup.hintNone", { perMonth: makeup.perMonth })}
        </p>
      )}
    </section>
  );
}
