import { t } from "../i18n";

export type MakeupResultView =
  | { ok: true; date: string; points: number; cost: number; streak: number; left: number }
  | { ok: false; message: string };

/** What a 补签 did, shown above the calendar (and on the no-JS result page). */
export function MakeupResult({ result }: { result: MakeupResultView }) {
  if (!result.ok) {
    return (
      <div class="alert" role="alert" data-makeup-result="refused">
        <p>{result.message}</p>
      </div>
    );
  }
  const [, m, d] = result.date.split("-").map(Number) as [number, number, number];
  return (
    <div class="toast" role="status" data-makeup-result="ok">
      <p class="toast__title">
        {t("campaigns.makeup.done", { month: m, day: d, points: result.points, cost: result.cost })}
      </p>
      <p class="toast__text">{t("campaigns.makeup.streak", { streak: result.streak, left: result.left })}</p>
    </div>
  );
}
