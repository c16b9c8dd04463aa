import { formatPointsPrice } from "../format";
import { t } from "../i18n";
import type { OrderSummary } from "../../domain";
import { redeemAreaId, RedeemKey } from "./redeem-area";

/** What a redemption answered, for the result fragment and page. */
export type RedeemOutcomeView =
  | { ok: true; order: OrderSummary; balance: number | null }
  | { ok: false; code: string; message: string; detail?: string };

/** The coupon codes of an order, large and selectable. */
export function CouponCodes({ codes }: { codes: string[] }) {
  return (
    <ul class="plain codes">
      {codes.map((c) => (
        <li key={c}>
          <code class="code" data-coupon-code={c}>
            {c}
          </code>
        </li>
      ))}
    </ul>
  );
}

export type RedeemSuccessProps = {
  order: OrderSummary;
  /** the balance after the redemption; null if it could not be read */
  balance: number | null;
  /** render as the item's redeem area (the htmx swap replaces the form with it) */
  asArea?: boolean;
};

/** 兑换成功: the order number, coupon codes at once, where it goes, and links to the order and the item. */
export function RedeemSuccess({ order, balance, asArea }: RedeemSuccessProps) {
  const address = order.address;
  return (
    <section id={asArea ? redeemAreaId(order.itemId) : undefined} class="redeem redeem--done">
      <div class="result" role="status" data-order-id={order.id}>
        <p class="result__title">{t("redeem.ok")}</p>
        <p class="result__line">
          {t("redeem.orderNo")} <strong class="result__no">{order.id}</strong>
        </p>
        {order.couponCodes.length > 0 && (
          <div class="result__codes">
            <p class="result__label">{t("redeem.codes")}</p>
            <CouponCodes codes={order.couponCodes} />
            <p class="hint">{t("redeem.codesHint")}</p>
          </div>
        )}
        {order.itemType === "physical" && address && (
          <p class="result__line">
            {t("redeem.physicalHint", { address: `${address.recipient} ${address.region} ${address.detail}` })}
          </p>
        )}
        {order.itemType === "virtual" && <p class="result__line">{t("redeem.virtualHint")}</p>}
        <p class="result__line muted">
          {balance === null
            ? formatPointsPrice(order.points, order.cashFen)
            : t("redeem.spent", { points: order.points, balance })}
        </p>
        <p class="result__actions">
          <a class="btn" href={`/me/orders/${encodeURIComponent(order.id)}`}>
            {t("redeem.viewOrder")}
          </a>
          <a class="link" href={`/items/${order.itemId}`}>
            {t("redeem.again")}
          </a>
        </p>
      </div>
    </section>
  );
}

/** A refusal, shown in the form's result slot; a fresh key rides along out of band for the next try. */
export function RedeemRefusal({
  itemId,
  code,
  message,
  detail,
  freshKey,
}: {
  itemId: number;
  code: string;
  message: string;
  detail?: string;
  freshKey?: string;
}) {
  return (
    <>
      <div class="alert" role="alert" data-error-code={code}>
        <p>{message}</p>
        {detail && <p class="alert__detail">{detail}</p>}
      </div>
      {freshKey && <RedeemKey itemId={itemId} value={freshKey} oob />}
    </>
  );
}

/** Either outcome, for the whole result page (no JS). */
export function RedeemOutcome({ itemId, outcome }: { itemId: number; outcome: RedeemOutcomeView }) {
  if (outcome.ok) return <RedeemSuccess order={outcome.order} balance={outcome.balance} />;
  return (
    <div class="msg msg--warn" data-error-code={outcome.code}>
      <span class="msg__icon" aria-hidden="true" />
      <h1 class="msg__title">{t("redeem.failTitle")}</h1>
      <p class="msg__text" role="alert">
        {outcome.message}
      </p>
      {outcome.detail && <p class="msg__code">{outcome.detail}</p>}
      <a class="btn" href={`/items/${itemId}`}>
        {t("redeem.backToItem")}
      </a>
    </div>
  );
}
