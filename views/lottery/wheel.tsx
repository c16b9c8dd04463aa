// 大转盘: an SVG wheel drawn on the server, one equal slice per prize. After a draw it is rendered already
// turned to the slice of the prize the server decided (the `transform` attribute), with an SMIL
// <animateTransform> spinning it there — attributes only, so the page's CSP (no inline styles) allows it and
// no script is needed. The pointer is at the top; slice i spans [i·a, (i+1)·a) clockwise from it.
import { t } from "../i18n";

export type WheelSegment = { prizeId: string; name: string; soldOut: boolean };

export type WheelProps = {
  segments: WheelSegment[];
  /** The prize to stop on (null: at rest). */
  stopAt: string | null;
};

const C = 100;
const R = 96;
/** Whole turns before it stops. */
const TURNS = 5;

const point = (deg: number, r: number) => {
  const rad = (deg * Math.PI) / 180;
  return `${(C + r * Math.sin(rad)).toFixed(3)} ${(C - r * Math.cos(rad)).toFixed(3)}`;
};

/** The turn (degrees, clockwise) that puts the middle of slice `index` of `n` under the pointer. */
export function stopAngle(index: number, n: number): number {
  const a = 360 / n;
  return TURNS * 360 - (index * a + a / 2);
}

export function Wheel({ segments, stopAt }: WheelProps) {
  const n = segments.length;
  const a = 360 / n;
  const index = stopAt === null ? -1 : segments.findIndex((s) => s.prizeId === stopAt);
  const angle = index >= 0 ? stopAngle(index, n) : 0;
  return (
    <svg class="wheel" viewBox="0 0 200 200" width={280} height={280} role="img" aria-label={t("lottery.kind.wheel")}>
      <g class="wheel__disc" transform={`rotate(${angle} ${C} ${C})`} data-stop-angle={angle}>
        {index >= 0 && (
          <animateTransform
            attributeName="transform"
            type="rotate"
            from={`0 ${C} ${C}`}
            to={`${angle} ${C} ${C}`}
            dur="4s"
            fill="freeze"
            calcMode="spline"
            keyTimes="0;1"
            keySplines="0.15 0.6 0.2 1"
          />
        )}
        {segments.map((s, i) => {
          const cls = `wheel__seg wheel__seg--${i % 4}${s.soldOut ? " wheel__seg--out" : ""}`;
          const mid = i * a + a / 2;
          return (
            <g key={s.prizeId} class={cls} data-prize-id={s.prizeId} data-seg={i}>
              {n === 1 ? (
                <circle cx={C} cy={C} r={R} />
              ) : (
                <path
                  d={`M${C} ${C} L${point(i * a, R)} A${R} ${R} 0 ${a > 180 ? 1 : 0} 1 ${point((i + 1) * a, R)} Z`}
                />
              )}
              <text x={C} y={C - R * 0.68} transform={`rotate(${mid} ${C} ${C})`} text-anchor="middle">
                {s.soldOut ? t("lottery.odds.soldOut") : s.name}
              </text>
            </g>
          );
        })}
      </g>
      <circle class="wheel__hub" cx={C} cy={C} r={14} />
      <path class="wheel__pointer" d="M92 0 L108 0 L100 22 Z" />
    </svg>
  );
}
