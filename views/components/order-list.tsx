import { formatDateTime, formatPointsPrice } from "../format";
import { t } from "../i18n";
import type { OrderSummary } from "../../domain";
import { MoreItem } from "./more-item";

/** 待发货 / 已发货 / 已完成 / 已发放 / 已取消 (a placed coupon or service order reads 已下单). */
const STATUS = {
  placed: "orders.status.placed",
  shipped: "orders.status.shipped",
  completed: "orders.status.completed",
  fulfilled: "orders.status.fulfilled",
  cancelled: "orders.status.cancelled",
} as const;

export function orderStatusText(order: Pick<OrderSummary, "status" | "itemType">): string {
  if (order.status === "placed" && order.itemType !== "physical") return t("orders.status.placedDigital");
  return t(STATUS[order.status]);
}

export const orderHref = (id: string) => `/me/orders/${encodeURIComponent(id)}`;

export function OrderStatus({ order }: { order: Pick<OrderSummary, "status" | "itemType"> }) {
  return (
    <span class={`status status--${order.status}`} data-status={order.status}>
      {orderStatusText(order)}
    </span>
  );
}

export type OrderRowsProps = { orders: OrderSummary[]; nextCursor: string | null; timeZone: string };

/** Rows of 我的订单, newest first, ending with 加载更多 (htmx appends the next page; a link without JS). */
export function OrderRows({ orders, nextCursor, timeZone }: OrderRowsProps) {
  return (
    <>
      {orders.map((o) => (
        <li key={o.id} class="order-row" data-order-id={o.id}>
          <a class="order-row__link" href={orderHref(o.id)}>
            <span class="order-row__main">
              <span class="order-row__name">
                {o.itemName}
                {o.qty > 1 && ` ${t("orders.qty", { qty: o.qty })}`}
              </span>
              <span class="order-row__meta">
                {t("orders.no", { id: o.id })} · {formatDateTime(o.createdAt, timeZone)}
              </span>
            </span>
            <span class="order-row__side">
              <OrderStatus order={o} />
              <span class="order-row__points">{formatPointsPrice(o.points, o.cashFen)}</span>
            </span>
          </a>
        </li>
      ))}
      {nextCursor && (
        <MoreItem
          href={`/me/orders?cursor=${encodeURIComponent(nextCursor)}`}
          hxGet={`/me/orders/more?cursor=${encodeURIComponent(nextCursor)}`}
        >
          {t("orders.more")}
        </MoreItem>
      )}
    </>
  );
}
