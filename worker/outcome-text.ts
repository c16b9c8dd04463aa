// The edge's words for what the domain answers: domain code (worker/orders, worker/redeem) returns codes and
// the facts behind them, never text (docs/architecture.md §2); pages, console and API turn them into the
// request's locale here, from the catalogue (views/i18n/zh-CN/orders.ts, errors.ts).
import { t } from "../views/i18n";
import type { OrderRefusal } from "./orders";

/** Why an order could not be shipped, finished or cancelled, as the user reads it. */
export function orderRefusalText(r: OrderRefusal): string {
  switch (r.code) {
    case "ORDER_NOT_FOUND":
      return r.orderId === undefined ? t("error.ORDER_NOT_FOUND") : t("orders.ship.notFound", { orderId: r.orderId });
    case "NOT_FINISHABLE":
      return t("orders.notFinishable", { status: t(`orders.status.${r.status}`) });
    case "NOT_CANCELLABLE":
      return t("error.NOT_CANCELLABLE");
    case "NOT_SHIPPABLE":
      switch (r.why) {
        case "not_physical":
          return t("orders.ship.notPhysical");
        case "already_shipped":
          return t("orders.ship.alreadyShipped", { shipment: [r.carrier, r.trackingNo].filter(Boolean).join(" ") });
        case "not_placed":
          return t("orders.ship.notPlaced", { status: t(`orders.status.${r.status}`) });
      }
  }
}
