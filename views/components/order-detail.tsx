import { formatDateTime, formatPointsPrice } from "../format";
import { t } from "../i18n";
import type { OrderSummary } from "../../domain";
import { orderHref, OrderStatus } from "./order-list";
import { CouponCodes } from "./redeem-result";
import { PostForm } from "./post-form";

export const ORDER_DETAIL_ID = "order-detail";

export type OrderDetailProps = {
  order: OrderSummary;
  timeZone: string;
  /** the cancel form (a member may cancel a placed order); null: no cancel button */
  csrf: string | null;
  /** what the last action did: a cancellation (with the balance after) or a refusal */
  notice?: { ok: boolean; text: string; code?: string };
};

/** Whether the shopper is offered 取消订单: placed physical and service orders (coupon orders are completed
 *  the moment their codes are given). The server decides anyway: cancelOrder may still refuse. */
export function cancellable(order: Pick<OrderSummary, "status" | "itemType">): boolean {
  return order.status === "placed" && order.itemType !== "coupon";
}

/** One order: item, points, coupon codes, address, carrier and tracking number; 确认收货 once shipped and
 *  取消订单 while allowed. */
export function OrderDetail({ order, timeZone, csrf, notice }: OrderDetailProps) {
  const action = `${orderHref(order.id)}/cancel`;
  return (
    <section id={ORDER_DETAIL_ID} class="panel order" data-order-id={order.id} data-status={order.status}>
      {notice && (
        <div class={notice.ok ? "toast" : "alert"} role={notice.ok ? "status" : "alert"} data-error-code={notice.code}>
          <p>{notice.text}</p>
        </div>
      )}
      <h1 class="panel__title">
        <span>{order.itemName}</span>
        <OrderStatus order={order} />
      </h1>
      <dl class="facts">
        <dt>{t("redeem.orderNo")}</dt>
        <dd class="order__no">{order.id}</dd>
        <dt>{t("orders.item")}</dt>
        <dd>
          <a class="link" href={`/items/${order.itemId}`}>
            {order.itemName}
          </a>{" "}
          {t("orders.qty", { qty: order.qty })}
        </dd>
        <dt>{t("orders.points")}</dt>
        <dd>{formatPointsPrice(order.points, order.cashFen)}</dd>
        <dt>{t("orders.createdAt")}</dt>
        <dd>{formatDateTime(order.createdAt, timeZone)}</dd>
        {order.couponCodes.length > 0 && (
          <>
            <dt>{t("orders.codes")}</dt>
            <dd>
              <CouponCodes codes={order.couponCodes} />
            </dd>
          </>
        )}
        {order.address && (
          <>
            <dt>{t("orders.address")}</dt>
            <dd>
              {order.address.recipient} {order.address.phone}
              <br />
              {order.address.region} {order.address.detail}
            </dd>
          </>
        )}
        {order.itemType === "physical" && (
          <>
            <dt>{t("orders.shipping")}</dt>
            <dd data-tracking={order.trackingNo ?? undefined}>
              {order.carrier && order.trackingNo
                ? t("orders.carrier", { carrier: order.carrier, trackingNo: order.trackingNo })
                : t("orders.notShipped")}
            </dd>
          </>
        )}
      </dl>
      {csrf && order.itemType === "physical" && order.status === "shipped" && (
        <PostForm
          csrf={csrf}
          class="order__receive"
          method="post"
          action={`${orderHref(order.id)}/receive`}
          hx-post={`${orderHref(order.id)}/receive`}
          hx-target={`#${ORDER_DETAIL_ID}`}
          hx-swap="outerHTML"
          hx-disable="find button"
        >
          <button class="btn btn--block" type="submit">
            {t("orders.receive")}
          </button>
        </PostForm>
      )}
      {csrf && cancellable(order) && (
        <PostForm
          csrf={csrf}
          class="order__cancel"
          method="post"
          action={action}
          hx-post={action}
          hx-target={`#${ORDER_DETAIL_ID}`}
          hx-swap="outerHTML"
          hx-disable="find button"
        >
          <button class="btn btn--block btn--ghost" type="submit">
            {t("orders.cancel")}
          </button>
          <p class="hint">{t("orders.cancelHint")}</p>
        </PostForm>
      )}
    </section>
  );
}
