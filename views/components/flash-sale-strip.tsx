import { flashCountdown, formatPointsPrice, formatStock } from "../format";
import { t } from "../i18n";
import type { ItemCardView } from "./item-card";

export type FlashSaleView = {
  item: ItemCardView;
  startsAt: number;
  endsAt: number;
  /** epoch ms, from the server */
  now: number;
  state: "upcoming" | "live" | "ended";
  originalPoints: number;
};

export type FlashSaleStripProps = { flash: FlashSaleView };

const CTA = {
  upcoming: "flash.cta.upcoming",
  live: "flash.cta.live",
  ended: "flash.cta.ended",
} as const;

/** The flash-sale page the strip leads to. */
export const FLASH_PATH = "/flash";

/**
 * 限时秒杀 strip (links to /flash, where the sale's items can be redeemed). The clock text is computed from `flash.now` on the server; /js/mall.js ticks it:
 * the element with data-countdown-to (epoch ms) and data-countdown-now (server epoch ms, to cancel
 * phone clock skew) owns a [data-clock] to update, and at zero every [data-done-text] inside it
 * takes that text.
 */
export function FlashSaleStrip({ flash }: FlashSaleStripProps) {
  const { item } = flash;
  const clock = flashCountdown(flash);
  const ticking = clock.kind !== "ended";
  const nextCta = flash.state === "upcoming" ? CTA.live : CTA.ended;
  return (
    <section
      class={`flash flash--${flash.state}`}
      aria-labelledby="flash-title"
      data-countdown-to={ticking ? clock.target : undefined}
      data-countdown-now={ticking ? flash.now : undefined}
    >
      <div class="flash__head">
        <h2 id="flash-title" class="flash__title">
          {t("flash.label")}
        </h2>
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
      </div>
      <a class="flash__item" href={FLASH_PATH}>
        <img class="flash__img" src={item.imageUrl} width={item.imageWidth} height={item.imageHeight} alt="" />
        <span class="flash__body">
          <span class="flash__name">{item.name}</span>
          <span class="flash__prices">
            <span class="price">{formatPointsPrice(item.points, item.cashFen)}</span>{" "}
            <s class="flash__orig">
              <span class="sr">{t("price.originalLabel")}</span>
              {t("price.points", { points: flash.originalPoints })}
            </s>
          </span>
          {flash.state !== "ended" && (
            <span class={`badge badge--${item.stockState.replace("_", "-")}`}>{formatStock(item)}</span>
          )}
        </span>
        <span class="btn btn--sm" data-done-text={ticking ? t(nextCta) : undefined}>
          {t(CTA[flash.state])}
        </span>
      </a>
    </section>
  );
}
