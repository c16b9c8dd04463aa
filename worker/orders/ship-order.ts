// Shipping a physical order: `placed` → `shipped` with the carrier and tracking number, as one conditional
// update (the check and the write are one statement, so two shippers cannot both win). Shipping a shipped
// order again with the same carrier and tracking number answers the order as it is (idempotent); anything
// else that is not a placed physical order is NOT_SHIPPABLE.
import { and, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/client";
import { orders } from "../../db/schema";
import type { Order } from "../../domain";
import { orderSelect, toOrderView } from "./order-row";
import { forgetMemberOrders } from "./orders-page-memo";
import type { NotShippable, OrderNotFound } from "./refusals";

export type ShipOrderInput = {
  orderId: string;
  carrier: string;
  trackingNo: string;
  now: number;
  /** Statements for the same write batch, run after the update (e.g. an audit row that only inserts when
   *  this update shipped the order). */
  alongside?: BatchItem<"sqlite">[];
};

export type ShipOrderResult = { ok: true; order: Order } | OrderNotFound | NotShippable;

/** The conditional update that ships one order: only a placed physical order matches (shipOrders uses it too). */
export function shipUpdate(db: Db, s: { orderId: string; carrier: string; trackingNo: string; now: number }) {
  return db
    .update(orders)
    .set({ status: "shipped", carrier: s.carrier, trackingNo: s.trackingNo, updatedAt: s.now })
    .where(and(eq(orders.id, s.orderId), eq(orders.status, "placed"), eq(orders.itemType, "physical")))
    .returning({ id: orders.id });
}

/** What shipping decides from. */
export type ShipState = Pick<Order, "status" | "itemType" | "carrier" | "trackingNo">;

/** shipUpdate's condition on an order already read: a placed physical order. */
export const shippable = (o: ShipState) => o.status === "placed" && o.itemType === "physical";

export const notFound = (orderId: string): OrderNotFound => ({ ok: false, code: "ORDER_NOT_FOUND", orderId });

/** Why an order that shipUpdate did not ship cannot be shipped with this carrier and tracking number; null
 *  when it is already shipped with them (the idempotent repeat). */
export function shipRefusal(order: ShipState, carrier: string, trackingNo: string): NotShippable | null {
  if (order.status === "shipped" && order.carrier === carrier && order.trackingNo === trackingNo) return null;
  if (order.itemType !== "physical") return { ok: false, code: "NOT_SHIPPABLE", why: "not_physical" };
  if (order.status === "shipped") {
    return {
      ok: false,
      code: "NOT_SHIPPABLE",
      why: "already_shipped",
      carrier: order.carrier,
      trackingNo: order.trackingNo,
    };
  }
  return { ok: false, code: "NOT_SHIPPABLE", why: "not_placed", status: order.status };
}

export async function shipOrder(db: Db, input: ShipOrderInput): Promise<ShipOrderResult> {
  const { orderId, carrier, trackingNo, alongside = [] } = input;
  // One write batch: the conditional update, then the order as it stands after it.
  const [updated, after] = await db.batch([
    shipUpdate(db, input),
    orderSelect(db, eq(orders.id, orderId)).limit(1),
    ...alongside,
  ]);
  const row = after[0];
  if (!row) return notFound(orderId);
  const order = toOrderView(row);
  if (updated.length > 0) {
    forgetMemberOrders(row.uid);
    return { ok: true, order };
  }
  return shipRefusal(order, carrier, trackingNo) ?? { ok: true, order };
}
