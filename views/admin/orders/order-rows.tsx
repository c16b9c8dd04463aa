import { MoreItem } from "../../components/more-item";
import { OrderStatus } from "../../components/order-list";
import { formatDateTime, formatPointsPrice } from "../../format";
import { t } from "../../i18n";
import { adminOrderHref, filterQuery } from "./filter-query";
import type { AdminOrderFilter, AdminOrderRowView } from "./types";

export type AdminOrderRowsProps = {
  orders: AdminOrderRowView[];
  nextCursor: string | null;
  filter: AdminOrderFilter;
  timeZone: string;
};

/** Who ordered: nickname and uid (or the uid alone). */
export const memberLabel = (o: Pick<AdminOrderRowView, "uid" | "nickname">) =>
  o.nickname ? `${o.nickname}（${o.uid}）` : o.uid;

/**
 * Orders as <li>s, newest first, then (when there is more) a last <li> whose link loads the next page of the
 * same filter: with htmx it replaces itself with the next rows, without JS it opens that page.
 */
export function AdminOrderRows({ orders, nextCursor, filter, timeZone }: AdminOrderRowsProps) {
  return (
    <>
      {orders.map((o) => (
        <li class="aorders__row" key={o.id} data-order-id={o.id} data-status={o.status}>
          <a class="aorders__link" href={adminOrderHref(o.id)}>
            <span class="aorders__main">
              <span class="aorders__no">{o.id}</span>
              <span class="aorders__item">
                {o.itemName} {t("orders.qty", { qty: o.qty })}
              </span>
              <span class="muted aorders__meta">
                <time>{formatDateTime(o.createdAt, timeZone)}</time> · <span data-member>{memberLabel(o)}</span>
              </span>
            </span>
            <span class="aorders__side">
              <OrderStatus order={o} />
              <span class="aorders__points">{formatPointsPrice(o.points, o.cashFen)}</span>
            </span>
          </a>
        </li>
      ))}
      {nextCursor && (
        <MoreItem
          href={`/admin/orders${filterQuery(filter, { cursor: nextCursor })}`}
          hxGet={`/admin/orders/rows${filterQuery(filter, { cursor: nextCursor })}`}
          dataMore
        >
          {t("admin.orders.more")}
        </MoreItem>
      )}
    </>
  );
}
