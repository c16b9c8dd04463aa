// Audit rows of the console's order actions (target `order:<id>`). Shipping and fulfilling are Turso changes:
// their rows go in the same write batch as the change, as an insert … select that only matches when the batch's
// own update made the change (the order now stands in the new state with this request's `updated_at`), so a
// repeat that changes nothing records nothing. Cancelling drives the objects: its row is written after they
// answered, once per order. The Merchant API's finish (complete/fulfil) is recorded the same way, its actor
// the calling token (c.var.apiCaller).
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";

export const orderTarget = (id: string) => `order:${id}`;

export function shipAudit(
  db: Db,
  a: { actor: string; orderId: string; carrier: string; trackingNo: string; now: number },
) {
  const before = JSON.stringify({ status: "placed", carrier: null, trackingNo: null });
  const after = JSON.stringify({ status: "shipped", carrier: a.carrier, trackingNo: a.trackingNo });
  return db.run(sql`insert into audit_log (actor, action, target, before, after, at)
    select ${a.actor}, 'order.ship', ${orderTarget(a.orderId)}, ${before}, ${after}, ${a.now} from orders
    where id = ${a.orderId} and status = 'shipped' and carrier = ${a.carrier} and tracking_no = ${a.trackingNo} and updated_at = ${a.now}`);
}

export function fulfilAudit(db: Db, a: { actor: string; orderId: string; now: number }) {
  const before = JSON.stringify({ status: "placed" });
  const after = JSON.stringify({ status: "fulfilled" });
  return db.run(sql`insert into audit_log (actor, action, target, before, after, at)
    select ${a.actor}, 'order.fulfil', ${orderTarget(a.orderId)}, ${before}, ${after}, ${a.now} from orders
    where id = ${a.orderId} and status = 'fulfilled' and updated_at = ${a.now}`);
}

/** After cancelOrder answered ok: one row per order however often the cancel is retried (`cancelledAt`, the
 *  order's updated_at since its claim, bounds the look-up to the rows written since, by the time index). */
export function cancelAudit(
  db: Db,
  a: {
    actor: string;
    orderId: string;
    reason: string;
    refunded: number;
    qty: number;
    cancelledAt: number;
    now: number;
  },
) {
  const before = JSON.stringify({ status: "placed" });
  const after = JSON.stringify({
    status: "cancelled",
    reason: a.reason,
    pointsReturned: a.refunded,
    unitsRestocked: a.qty,
  });
  const target = orderTarget(a.orderId);
  return db.run(sql`insert into audit_log (actor, action, target, before, after, at)
    select ${a.actor}, 'order.cancel', ${target}, ${before}, ${after}, ${a.now}
    where not exists (select 1 from audit_log where at >= ${a.cancelledAt} and target = ${target} and action = 'order.cancel')`);
}

/** Closing an order (finishOrder): shipped → completed is `order.complete`, placed → fulfilled (a virtual
 *  order served) is `order.fulfil`, as the console names it. Runs after the batch's updates: it matches only
 *  when one of them set this request's updated_at. */
export function finishAudit(db: Db, a: { actor: string; orderId: string; now: number }) {
  return db.run(sql`insert into audit_log (actor, action, target, before, after, at)
    select ${a.actor},
      case status when 'completed' then 'order.complete' else 'order.fulfil' end,
      ${orderTarget(a.orderId)},
      json_object('status', case status when 'completed' then 'shipped' else 'placed' end),
      json_object('status', status),
      ${a.now}
    from orders where id = ${a.orderId} and status in ('completed', 'fulfilled') and updated_at = ${a.now}`);
}
