// The last step of an order's life: a shipped physical order becomes `completed` (the member confirms
// receipt, or the merchant closes it), a placed virtual/service order becomes `fulfilled` (the merchant
// served it). One conditional update, so it cannot race a cancellation or another finisher; finishing a
// finished order again answers it as it is. Members (uid given) may only confirm receipt of their own
// shipped orders.
import { and, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/client";
import { orders } from "../../db/schema";
import type { Order } from "../../domain";
import { orderSelect, toOrderView } from "./order-row";
import { forgetMemberOrders } from "./orders-page-memo";
import type { NotFinishable, OrderNotFound } from "./refusals";

export type FinishOrderInput = {
  orderId: string;
  now: number;
  /** a member confirming receipt */
  uid?: string;
  /** Statements for the same write batch, run after the updates (e.g. an audit row that only inserts when
   *  one of them finished the order). */
  alongside?: BatchItem<"sqlite">[];
};

export type FinishOrderResult = { ok: true; order: Order } | OrderNotFound | NotFinishable;

export async function finishOrder(db: Db, input: FinishOrderInput): Promise<FinishOrderResult> {
  const { orderId, now, uid, alongside = [] } = input;
  const owner = uid === undefined ? undefined : eq(orders.uid, uid);
  const physicalShipped = and(eq(orders.itemType, "physical"), eq(orders.status, "shipped"));
  const virtualPlaced = and(eq(orders.itemType, "virtual"), eq(orders.status, "placed"));
  const [toCompleted, toFulfilled, after] = await db.batch([
    db
      .update(orders)
      .set({ status: "completed", updatedAt: now })
      .where(and(eq(orders.id, orderId), physicalShipped, owner))
      .returning({ id: orders.id }),
    db
      .update(orders)
      .set({ status: "fulfilled", updatedAt: now })
      // members do not mark a service as served; only the merchant does (for a member this matches nothing)
      .where(and(eq(orders.id, orderId), virtualPlaced, uid === undefined ? undefined : sql`0`))
      .returning({ id: orders.id }),
    orderSelect(db, and(eq(orders.id, orderId), owner)!).limit(1),
    ...alongside,
  ]);
  const row = after[0];
  if (!row) return { ok: false, code: "ORDER_NOT_FOUND" };
  if (toCompleted.length > 0 || toFulfilled.length > 0) forgetMemberOrders(row.uid);
  const order = toOrderView(row);
  if (toCompleted.length > 0 || toFulfilled.length > 0) return { ok: true, order };
  if (order.status === "completed" && order.itemType === "physical") return { ok: true, order };
  if (order.status === "fulfilled") return { ok: true, order };
  return { ok: false, code: "NOT_FINISHABLE", status: order.status };
}

/** Orders a member may confirm receipt of. */
export function receivable(order: Pick<Order, "status" | "itemType">): boolean {
  return order.itemType === "physical" && order.status === "shipped";
}

/** Whether any finishing step applies (the merchant's view). */
export const finishable = (order: Pick<Order, "status" | "itemType">) =>
  receivable(order) || (order.itemType === "virtual" && order.status === "placed");
