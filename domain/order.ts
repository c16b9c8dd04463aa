// The order (docs/architecture.md §3): one shape, and the two views of it that are narrower by design — what
// the wallet records with the spend, and what the shopper's pages show.
import type { DeliveryAddress } from "./address";
import type { ItemType } from "./item";

/** An order's life: placed by a redemption; a parcel is shipped, then completed by its member; a coupon or a
 *  service is fulfilled; a placed order may be cancelled (points and unit back). */
export const ORDER_STATUSES = [
  "awaiting_payment", // points + cash: points spent, unit sold, the cash part not paid yet (worker/payments)
  "placed",
  "shipped",
  "completed",
  "fulfilled",
  "cancelled",
] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** The order as the Worker passes it around, and as pages and the API show it. */
export type Order = {
  /** Human-facing order number, derived from the key (same key → same number). */
  id: string;
  /** The redemption key it was made with. */
  key: string;
  uid: string;
  itemId: number;
  itemName: string;
  itemType: ItemType;
  qty: number;
  /** Total points of the order (unit points × qty). */
  points: number;
  /** Total cash part in fen (unit cash × qty), paid outside the mall. */
  cashFen: number;
  status: OrderStatus;
  couponCodes: string[];
  address: DeliveryAddress | null;
  carrier: string | null;
  trackingNo: string | null;
  createdAt: number;
  updatedAt: number;
};

/** The order a redemption makes, as the wallet records it with the spend (and pushes to Turso's orders):
 *  what is known when the points are spent, before any fulfilment. */
export type OrderSnapshot = Pick<
  Order,
  "id" | "itemId" | "itemName" | "itemType" | "qty" | "points" | "cashFen" | "address" | "createdAt"
> & {
  /** The stock object (shard) of the item whose hold this order sold, when the item has several (absent = 0). */
  stockShard?: number;
};

/** An order as the shopper's pages show it (the member's own: no key, no uid). */
export type OrderSummary = Omit<Order, "key" | "uid" | "updatedAt">;
