// Why an order could not be shipped, finished or cancelled: a code and the facts behind it, never text
// (docs/architecture.md §2). The edge words them in the request's locale (worker/outcome-text.ts).
import type { OrderStatus } from "../../domain";

/** No such order (or, for a member, not theirs). `orderId` when the answer names it (shipping does). */
export type OrderNotFound = { ok: false; code: "ORDER_NOT_FOUND"; orderId?: string };

/** Why shipping refused: only placed physical orders ship; a shipped one only again with its own shipment. */
export type NotShippable =
  | { ok: false; code: "NOT_SHIPPABLE"; why: "not_physical" }
  | { ok: false; code: "NOT_SHIPPABLE"; why: "already_shipped"; carrier: string | null; trackingNo: string | null }
  | { ok: false; code: "NOT_SHIPPABLE"; why: "not_placed"; status: OrderStatus };

/** The order is in a state no finishing step applies to. */
export type NotFinishable = { ok: false; code: "NOT_FINISHABLE"; status: OrderStatus };

/** The order is past the point where it may be cancelled (shipped, fulfilled, or a coupon order). */
export type NotCancellable = { ok: false; code: "NOT_CANCELLABLE" };

export type OrderRefusal = OrderNotFound | NotShippable | NotFinishable | NotCancellable;
