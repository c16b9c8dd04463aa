// The payments sweeper (cron, every 5 minutes, beside the cancellation sweeper; wrangler.toml [triggers]):
//   - orders still awaiting_payment past their deadline → closeUnpaid (query, close, claim, points and unit back)
//   - payments paid/flagged/refunding whose order is cancelled (a refund cut short by a crash, or an order
//     cancelled through the ordinary cancel routes) → refundPayment, idempotent on its refund number
//   - orders closed for non-payment whose points and unit are not known to be back (a crash after the claim)
//     → closeUnpaid again (the cancellation sweeper does the same a minute later)
// Bounded (10 of each a run, oldest first); a failure is logged and left for the next run.
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { orders, payments } from "../../db/schema";
import { logPayment } from "./apply-payment";
import { closeUnpaid, type CloseDeps } from "./close-unpaid";
import { PAYMENT_WINDOW_MS } from "./order-status";
import { refundPayment } from "./refund-payment";

export type SweepReport = { closed: string[]; paid: string[]; refunded: string[]; failed: string[] };

export async function sweepPayments(
  deps: CloseDeps,
  db: Db,
  opts: { now: number; batchSize?: number },
): Promise<SweepReport> {
  const { now, batchSize = 10 } = opts;
  const report: SweepReport = { closed: [], paid: [], refunded: [], failed: [] };
  const due = await db
    .select({ id: orders.id })
    .from(orders)
    .leftJoin(payments, eq(payments.orderId, orders.id))
    .where(
      and(
        eq(orders.status, "awaiting_payment"),
        sql`coalesce(${orders.payDeadlineAt}, ${orders.createdAt} + ${PAYMENT_WINDOW_MS}) < ${now}`,
        sql`(${payments.state} is null or ${payments.state} <> 'flagged')`,
      ),
    )
    .orderBy(asc(orders.createdAt))
    .limit(batchSize);
  for (const o of due) {
    try {
      const r = await closeUnpaid(deps, db, { orderId: o.id, reason: "payment_expired", now });
      if (r === "closed") report.closed.push(o.id);
      else if (r === "paid") report.paid.push(o.id);
      else if (r === "provider_unavailable") report.failed.push(o.id);
    } catch (e) {
      report.failed.push(o.id);
      logPayment("payment_sweep_failed", { orderId: o.id, error: e instanceof Error ? e.message : String(e) });
    }
  }
  // Closed but not settled (a crash after the claim): re-driven here as by settle-cancellations, idempotently.
  const unsettled = await db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        eq(orders.status, "cancelled"),
        isNull(orders.cancelSettledAt),
        inArray(orders.cancelReason, ["payment_expired", "payment_closed"]),
      ),
    )
    .orderBy(asc(orders.updatedAt))
    .limit(batchSize);
  for (const o of unsettled) {
    try {
      if ((await closeUnpaid(deps, db, { orderId: o.id, reason: "payment_expired", now })) === "closed")
        report.closed.push(o.id);
    } catch (e) {
      report.failed.push(o.id);
      logPayment("payment_sweep_failed", { orderId: o.id, error: e instanceof Error ? e.message : String(e) });
    }
  }
  const owed = await db
    .select({ id: payments.orderId })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(and(inArray(payments.state, ["paid", "flagged", "refunding"]), eq(orders.status, "cancelled")))
    .orderBy(asc(payments.updatedAt))
    .limit(batchSize);
  for (const p of owed) {
    try {
      const r = await refundPayment({ provider: deps.provider, cancel: deps.cancel }, db, {
        orderId: p.id,
        reason: "订单取消退款",
        origin: "",
        now,
      });
      if (r.ok) report.refunded.push(p.id);
      else report.failed.push(p.id);
    } catch (e) {
      report.failed.push(p.id);
      logPayment("refund_sweep_failed", { orderId: p.id, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return report;
}
