// An order not paid by its deadline, or closed by the member, goes back: unit to stock, points to their lots —
// exactly once, whatever crashes in between. The steps, each safe to repeat:
//   1. query    the provider (if a payment was ever started): paid after all → applied, nothing goes back
//   2. close    the provider's order, so it can never be paid from now on (ORDERPAID → 1 again)
//   3. claim    in one batch: the order awaiting_payment → cancelled (reason payment_expired / payment_closed),
//               the payment pending → closed
//   4. runCancel (worker/redeem/cancel-order.ts) on the cancelled order: Wallet.refund and Stock.restock on
//               `cancel:<orderId>`, then cancel_settled_at — the cancellation sweeper re-drives a crash here.
// A crash before 3 leaves the order awaiting_payment past its deadline: the payments sweeper (sweep.ts) runs
// this again. A crash after 3 leaves a cancelled order unsettled: settle-cancellations runs 4 again.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { orders, payments } from "../../db/schema";
import { forgetMemberOrders } from "../orders/orders-page-memo";
import { type CancelEnv, cancelDeps, runCancel, type CancelDeps } from "../redeem/cancel-order";
import { applyPayment, logPayment } from "./apply-payment";
import type { PaymentProvider } from "./provider";

export type CloseStep = "query" | "close" | "claim";

export type CloseDeps = {
  provider: PaymentProvider | null;
  cancel: CancelDeps;
  after?: (step: CloseStep) => void | Promise<void>;
};

export function closeDeps(env: CancelEnv, provider: PaymentProvider | null): CloseDeps {
  return { provider, cancel: cancelDeps(env) };
}

export type CloseOutcome = "closed" | "paid" | "not_awaiting" | "provider_unavailable";

export async function closeUnpaid(
  deps: CloseDeps,
  db: Db,
  input: { orderId: string; reason: "payment_expired" | "payment_closed"; now: number },
): Promise<CloseOutcome> {
  const { orderId, now } = input;
  const after = async (s: CloseStep) => {
    if (deps.after) await deps.after(s);
  };
  const [[order], [pay]] = await db.batch([
    db.select().from(orders).where(eq(orders.id, orderId)).limit(1),
    db.select().from(payments).where(eq(payments.orderId, orderId)).limit(1),
  ]);
  if (!order) return "not_awaiting";
  if (order.status === "awaiting_payment") {
    if (pay?.state === "flagged") return "not_awaiting"; // money arrived with another amount: the merchant decides
    if (pay && deps.provider) {
      const q = await deps.provider.query(orderId);
      if (!q.ok) return "provider_unavailable";
      await after("query");
      if (q.payment && (q.payment.state === "paid" || q.payment.state === "refunded")) {
        const applied = await applyPayment(db, q.payment, now);
        return applied === "paid" || applied === "already" ? "paid" : "not_awaiting";
      }
      if (!q.payment || q.payment.state !== "closed") {
        const c = await deps.provider.close(orderId);
        if (!c.ok) return "provider_unavailable";
        if (c.paid) {
          const again = await deps.provider.query(orderId);
          if (again.ok && again.payment) await applyPayment(db, again.payment, now);
          return "paid";
        }
      }
      await after("close");
    }
    await db.batch([
      db
        .update(orders)
        .set({ status: "cancelled", cancelReason: input.reason, updatedAt: now })
        .where(and(eq(orders.id, orderId), eq(orders.status, "awaiting_payment"))),
      db.run(sql`update payments set state = 'closed', closed_at = ${now}, updated_at = ${now}
        where order_id = ${orderId} and state = 'pending'`),
    ]);
    forgetMemberOrders(order.uid);
    await after("claim");
    const [now2] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)).limit(1);
    // Never hand runCancel an order that moved on (paid in between): it would cancel a paid order.
    if (now2?.status !== "cancelled") return "not_awaiting";
  } else if (order.status !== "cancelled" || order.cancelSettledAt !== null) {
    return "not_awaiting";
  } else if (order.cancelReason !== "payment_expired" && order.cancelReason !== "payment_closed") {
    return "not_awaiting";
  }
  // 4. Points and unit back (idempotent on cancel:<orderId>); also re-drives a crash after the claim.
  const r = await runCancel(deps.cancel, db, { orderId, by: "merchant", reason: input.reason, now });
  if (!r.ok) throw new Error(`closeUnpaid ${orderId}: ${r.code}`);
  logPayment("payment_closed", { orderId, reason: input.reason, refunded: r.refunded });
  return "closed";
}
