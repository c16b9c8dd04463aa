import { t } from "../i18n";

export type CheckinResultView =
  | { ok: true; points: number; streakDay: number; tomorrowPoints: number }
  | { ok: false; message: string };

/** What a check-in did, shown in #notice (and on the no-JS result page). */
export function CheckinResult({ result }: { result: CheckinResultView }) {
  if (!result.ok) {
    return (
      <div class="alert" role="alert">
        <p>{result.message}</p>
      </div>
    );
  }
  return (
    <div class="toast" role="status">
      <p class="toast__title">{t("checkin.gained", { points: result.points })}</p>
      <p class="toast__text">{t("checkin.streak", { days: result.streakDay, points: result.tomorrowPoints })}</p>
    </div>
  );
}
