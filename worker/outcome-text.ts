// The edge's words for what the domain answers: domain code (worker/orders, worker/redeem, worker/items) returns codes and
// the facts behind them, never text (docs/architecture.md §2); pages, console and API turn them into the
// request's locale here, from the catalogue (views/i18n/zh-CN/orders.ts, errors.ts).
import { t } from "../views/i18n";
import type { ItemInvalid, ItemRefusal } from "./items";
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

/** What is wrong with one field of an item's create or patch, without the field's name. */
export function itemInvalidText(r: ItemInvalid): string {
  switch (r.why) {
    case "sale_window_whole":
      return t("api.items.saleWindowPatch");
    case "not_after":
      return t("api.items.after", { field: r.other });
    case "no_category":
      return t("api.items.noCategory", { id: r.categoryId });
    case "no_tier":
      return t("api.items.noTier", { tier: r.tier, known: r.known.join("、") });
  }
}

/** Why an item's create or patch was refused, as the API's error detail says it ("field: what is wrong"). */
export function itemRefusalText(r: ItemRefusal): string {
  switch (r.code) {
    case "VALIDATION_FAILED":
      return `${r.field}: ${itemInvalidText(r)}`;
    case "ITEM_NOT_FOUND":
      return t("api.items.notFound", { id: r.id });
    case "SKU_TAKEN":
      return "takenBy" in r
        ? t("api.items.skuTaken", { sku: r.sku, id: r.takenBy })
        : t("api.items.slugTaken", { sku: r.sku });
    case "TYPE_LOCKED":
      return t("api.items.typeLocked", { from: r.from, to: r.to });
  }
}
