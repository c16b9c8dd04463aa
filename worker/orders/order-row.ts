// Turso's orders rows as the redemption flow and the order queries read and write them (no join: the row
// carries the item's name and type as ordered), mapped to the Order contract.
import { eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { orders } from "../../db/schema";
import type { OrderSnapshot } from "../wallet/types";
import type { Order } from "../../domain";
import { forgetMemberOrders } from "./orders-page-memo";

export type OrderRow = typeof orders.$inferSelect;

export function orderViewOf(row: OrderRow): Order {
  return {
    id: row.id,
    key: row.key,
    uid: row.uid,
    itemId: row.itemId,
    itemName: row.itemName,
    itemType: row.itemType,
    qty: row.qty,
    points: row.points,
    cashFen: row.cashFen,
    status: row.status,
    couponCodes: Array.isArray(row.couponCodes) ? row.couponCodes : [],
    address: row.address ?? null,
    carrier: row.carrier,
    trackingNo: row.trackingNo,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function orderSelect(db: Db, where: SQL | undefined) {
  return db.select().from(orders).where(where);
}

export const toOrderView = orderViewOf;

export async function readOrder(db: Db, id: string): Promise<OrderRow | null> {
  const [row] = await db.select().from(orders).where(eq(orders.id, id)).limit(1);
  return row ?? null;
}

/** The view of a freshly committed order, before Turso has it. */
export function viewOfSnapshot(
  uid: string,
  key: string,
  o: OrderSnapshot,
  status: Order["status"],
  couponCodes: string[],
  updatedAt: number,
): Order {
  return {
    id: o.id,
    key,
    uid,
    itemId: o.itemId,
    itemName: o.itemName,
    itemType: o.itemType,
    qty: o.qty,
    points: o.points,
    cashFen: o.cashFen,
    status,
    couponCodes,
    address: o.address,
    carrier: null,
    trackingNo: null,
    createdAt: o.createdAt,
    updatedAt,
  };
}

/**
 * Writes a committed order to Turso at once (read-your-writes for the shopper's order pages), as the outboxes
 * would: inserted if absent; a `placed` coupon order completed with its codes; anything else left alone (a
 * cancelled or shipped order is never touched). Idempotent; the outboxes remain the guarantee.
 */
export async function recordOrder(db: Db, v: Order): Promise<void> {
  try {
    await db.run(sql`
    insert into orders (id, key, uid, item_id, item_name, item_type, qty, points, cash_fen, status, coupon_codes,
      address, created_at, updated_at)
    values (${v.id}, ${v.key}, ${v.uid}, ${v.itemId}, ${v.itemName}, ${v.itemType}, ${v.qty}, ${v.points}, ${v.cashFen},
      ${v.status}, ${JSON.stringify(v.couponCodes)}, ${v.address ? JSON.stringify(v.address) : null}, ${v.createdAt}, ${v.updatedAt})
    on conflict(key) do update set status = excluded.status, coupon_codes = excluded.coupon_codes, updated_at = excluded.updated_at
    where orders.status = 'placed' and excluded.status = 'completed'`);
  } finally {
    forgetMemberOrders(v.uid); // landed or not known: the member's next 我的订单 reads Turso
  }
}
