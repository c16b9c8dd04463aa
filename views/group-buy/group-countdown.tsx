import { formatCountdown } from "../format";
import { t } from "../i18n";

export type GroupCountdownProps = { deadline: number; now: number };

/** Time left to fill a group, ticked by /js/mall.js (the server decides the deadline, never this clock). */
export function GroupCountdown({ deadline, now }: GroupCountdownProps) {
  return (
    <span class="gbuy__clock" data-countdown-to={deadline} data-countdown-now={now}>
      <span data-done-text={t("groupBuy.countdownDone")}>
        {t("groupBuy.countdown")}{" "}
        <span class="flash__clock" data-clock="">
          {formatCountdown(deadline - now)}
        </span>
      </span>
    </span>
  );
}
