import { formatMonth, formatMonthDay, weekdayNames } from "../format";
import { t } from "../i18n";

export type CheckinCalendarProps = {
  /** merchant-local YYYY-MM-DD */
  today: string;
  /** local dates checked in this month */
  monthDates: string[];
  streak: number;
};

/** This month's check-ins as a Monday-first calendar grid. Pure: derived from `today`. */
export function CheckinCalendar({ today, monthDates, streak }: CheckinCalendarProps) {
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const lead = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7; // Monday = 0
  const done = new Set(monthDates.map((s) => Number(s.slice(8, 10))));
  const cells: (number | null)[] = [...Array(lead).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)];
  return (
    <section class="panel cal" aria-labelledby="cal-title">
      <h2 id="cal-title" class="panel__title">
        {t("points.calendar", { month: formatMonth(y, m) })}
        <span class="panel__aside">{t("points.calendarStreak", { days: streak })}</span>
      </h2>
      <ol class="cal__grid">
        {weekdayNames().map((w) => (
          <li class="cal__wd" aria-hidden="true">
            {w}
          </li>
        ))}
        {cells.map((n) =>
          n === null ? (
            <li class="cal__pad" aria-hidden="true" />
          ) : (
            <li
              class={`cal__day${done.has(n) ? " cal__day--done" : ""}${n === d ? " cal__day--today" : ""}`}
              aria-current={n === d ? "date" : undefined}
              aria-label={done.has(n) ? `${formatMonthDay(m, n)} ${t("member.checkedIn")}` : undefined}
            >
              {n}
            </li>
          ),
        )}
      </ol>
    </section>
  );
}
