// Orders as the console's views take them: with the member's nickname (one look-up per page) and, for one
// order, its cancel reason.
import { inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { members } from "../../../db/schema";
import type { AdminOrderDetailView } from "../../../views/admin/orders/order-detail";
import type { AdminOrderRowView } from "../../../views/admin/orders/types";
import { orderViewOf, readOrder } from "../../orders/order-row";
import { fulfilmentFields, orderLineFields } from "../../orders/order-fields";
import { paymentDeadline } from "../../payments/order-status";
import { paymentOfOrder } from "../../payments/summaries";
import type { Order } from "../../../domain";

export async function nicknames(db: Db, uids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(uids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ uid: members.uid, nickname: members.nickname })
    .from(members)
    .where(inArray(members.uid, unique));
  return new Map(rows.filter((r) => r.nickname).map((r) => [r.uid, r.nickname]));
}

export function rowView(o: Order, names: Map<string, string>): AdminOrderRowView {
  return { ...orderLineFields(o), nickname: names.get(o.uid) ?? null, createdAt: o.createdAt };
}

export async function rowViews(db: Db, orders: Order[]): Promise<AdminOrderRowView[]> {
  const names = await nicknames(
    db,
    orders.map((o) => o.uid),
  );
  return orders.map((o) => rowView(o, names));
}

/** One order with everything the detail shows, or null. */
export async function detailView(db: Db, id: string): Promise<AdminOrderDetailView | null> {
  const row = await readOrder(db, id);
  if (!row) return null;
  const o = orderViewOf(row);
  const [names, payment] = await Promise.all([
    nicknames(db, [o.uid]),
    o.cashFen > 0 ? paymentOfOrder(db, o.id) : Promise.resolve(null),
  ]);
  return {
    ...rowView(o, names),
    ...fulfilmentFields(o),
    cancelReason: row.cancelReason,
    updatedAt: o.updatedAt,
    cash: o.cashFen > 0 ? { payment, deadlineAt: payment?.deadlineAt ?? paymentDeadline(row) } : null,
  };
}
