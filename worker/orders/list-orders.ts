// Orders newest first (created_at desc, then id desc), filtered by member, status, item and creation time,
// paged with an opaque keyset cursor (./cursor.ts): no order appears on two pages and none is skipped.
// Reads Turso, the read model of orders (may lag the objects by a moment; docs/architecture.md §2).
import { and, desc, eq, gte, lt, or, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { orders } from "../../db/schema";
import type { OrderStatus, Order } from "../../domain";
import { decodeOrderCursor, encodeOrderCursor } from "./cursor";
import { orderSelect, toOrderView } from "./order-row";

export type ListOrdersQuery = {
  uid?: string;
  status?: OrderStatus;
  itemId?: number;
  /** Only orders created at or after this instant (epoch ms). */
  since?: number;
  /** Only orders created before this instant (epoch ms, exclusive). */
  until?: number;
  /** Orders per page (1–100 recommended; clamped to 1–500). */
  limit: number;
  /** The nextCursor of the previous page. */
  cursor?: string;
};

export type OrderPage = { orders: Order[]; nextCursor: string | null };

export class BadCursorError extends Error {
  constructor() {
    super("invalid orders cursor");
  }
}

/** Throws BadCursorError for a cursor that is not one of ours. */
export async function listOrders(db: Db, q: ListOrdersQuery): Promise<OrderPage> {
  const limit = Math.min(500, Math.max(1, Math.floor(q.limit)));
  const where: SQL[] = [];
  if (q.uid !== undefined) where.push(eq(orders.uid, q.uid));
  if (q.status !== undefined) where.push(eq(orders.status, q.status));
  if (q.itemId !== undefined) where.push(eq(orders.itemId, q.itemId));
  if (q.since !== undefined) where.push(gte(orders.createdAt, q.since));
  if (q.until !== undefined) where.push(lt(orders.createdAt, q.until));
  if (q.cursor !== undefined) {
    const c = decodeOrderCursor(q.cursor);
    if (!c) throw new BadCursorError();
    where.push(or(lt(orders.createdAt, c.createdAt), and(eq(orders.createdAt, c.createdAt), lt(orders.id, c.id)))!);
  }
  const rows = await orderSelect(db, where.length ? and(...where) : undefined)
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    orders: page.map(toOrderView),
    nextCursor: rows.length > limit && last ? encodeOrderCursor({ createdAt: last.createdAt, id: last.id }) : null,
  };
}
