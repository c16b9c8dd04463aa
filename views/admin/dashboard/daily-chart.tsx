import { t } from "../../i18n";

export type ChartSeries = { label: string; values: number[]; kind: "bar" | "line"; tone: "a" | "b" };

export type DailyChartProps = {
  /** unique on the page: the ids of the title and description derive from it */
  id: string;
  title: string;
  /** the chart in words (totals, peak): what a screen reader announces */
  desc: string;
  /** YYYY-MM-DD, oldest first; each series has one value per day */
  days: string[];
  series: ChartSeries[];
};

const W = 600;
const H = 228;
const TOP = 32;
const BOTTOM = 196;
const PLOT = BOTTOM - TOP;

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * A daily chart as server-rendered SVG (no script, no chart library): bar series side by side in each day's
 * slot, line series through the slots' centres, a top gridline labelled with the maximum, the first and last
 * dates below. role="img" with <title>/<desc>; the numbers themselves are in the page's table. Colours come
 * from admin.css classes (CSP: no inline styles).
 */
export function DailyChart({ id, title, desc, days, series }: DailyChartProps) {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const slot = W / Math.max(1, days.length);
  const bars = series.filter((s) => s.kind === "bar");
  const barW = (slot - 4) / Math.max(1, bars.length);
  const y = (v: number) => round(BOTTOM - (v / max) * PLOT);
  const md = (day: string | undefined) => (day ? day.slice(5) : "");
  return (
    <figure class="dchart" data-chart={id}>
      <svg class="dchart__svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        <line class="dchart__grid" x1="0" x2={W} y1={TOP} y2={TOP} />
        <line class="dchart__grid" x1="0" x2={W} y1={TOP + PLOT / 2} y2={TOP + PLOT / 2} />
        <line class="dchart__axis" x1="0" x2={W} y1={BOTTOM} y2={BOTTOM} />
        <text class="dchart__label" x="2" y={TOP - 8}>
          {t("admin.dashboard.chart.max", { value: max })}
        </text>
        {bars.map((s, k) =>
          s.values.map((v, i) =>
            v > 0 ? (
              <rect
                class={`dchart__bar dchart__bar--${s.tone}`}
                x={round(i * slot + 2 + k * barW)}
                y={y(v)}
                width={round(barW)}
                height={round(BOTTOM - y(v))}
              />
            ) : null,
          ),
        )}
        {series
          .filter((s) => s.kind === "line")
          .map((s) => (
            <polyline
              class={`dchart__line dchart__line--${s.tone}`}
              fill="none"
              points={s.values.map((v, i) => `${round(i * slot + slot / 2)},${y(v)}`).join(" ")}
            />
          ))}
        <text class="dchart__label" x="2" y={H - 4}>
          {md(days[0])}
        </text>
        <text class="dchart__label" x={W - 2} y={H - 4} text-anchor="end">
          {md(days[days.length - 1])}
        </text>
      </svg>
      <figcaption class="dchart__legend">
        <span class="dchart__title">{title}</span>
        {series.map((s) => (
          <span class="dchart__key">
            <span class={`dchart__swatch dchart__swatch--${s.kind}-${s.tone}`} aria-hidden="true"></span>
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
