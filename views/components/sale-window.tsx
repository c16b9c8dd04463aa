import { flashCountdown } from "../format";
import { t } from "../i18n";

/** A sale window (flash sale): redemption is open only inside it. */
export type SaleWindowView = {
  startsAt: number;
  endsAt: number;
  now: number;
  state: "upcoming" | "live" | "ended";
  originalPoints: number;
};

export type SaleWindowProps = { sale: SaleWindowView };

/**
 * The item page's flash-sale box: state, the clock (ticked by /js/mall.js like the home strip's) and the
 * original price. Redemption itself is checked by the server, never by this clock.
 */
export function SaleWindow({ sale }: SaleWindowProps) {
  const clock = flashCountdown(sale);
  const ticking = clock.kind !== "ended";
  return (
    <section
      class={`sale sale--${sale.state}`}
      data-countdown-to={ticking ? clock.target : undefined}
      data-countdown-now={ticking ? sale.now : undefined}
    >
      <h2 class="flash__title">{t("flash.label")}</h2>
      {ticking ? (
        <p class="flash__timer" data-done-text={clock.doneText}>
          {clock.label}{" "}
          <span class="flash__clock" data-clock="">
            {clock.clock}
          </span>
        </p>
      ) : (
        <p class="flash__timer">{clock.text}</p>
      )}
      <s class="flash__orig">
        <span class="sr">{t("price.originalLabel")}</span>
        {t("price.points", { points: sale.originalPoints })}
      </s>
    </section>
  );
}
