// Cancel/refund of a paid (or flagged) order: the points back and the unit back through the cancellation path
// (runCancel, idempotent on cancel:<orderId>), and the money back with one refund at the provider under its own
// idempotent number, RF + the order number (the same request again is the same refund). Steps:
//   1. the order → cancelled (runCancel claims placed → cancelled; a flagged order awaiting_payment is claimed
//      here first), points and unit back
//   2. the payment paid|flagged → refunding with refund_no
//   3. provider.refund(refund_no) → succeeded (refunded now) or processing (its notification or a query ends it)
// A crash after 1 or 2 leaves a cancelled order whose payment is not refunded: the payments sweeper re-drives
// 2–3 (and an order cancelled through the ordinary cancel routes takes the same way).
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { orders, payments } from "../../db/schema";
import { forgetMemberOrders } from "../orders/orders-page-memo";
import { type CancelEnv, cancelDeps, runCancel, type CancelDeps } from "../redeem/cancel-order";
import { logPayment } from "./apply-payment";
import { notifyPath } from "./start-payment";
import type { PaymentProvider, ProviderRefund } from "./provider";

export const refundNo = (orderId: string) => `RF${orderId}`;

export type RefundStep = "cancel" | "mark" | "provider";

export type RefundDeps = {
  provider: PaymentProvider | null;
  cancel: CancelDeps;
  after?: (s: RefundStep) => void | Promise<void>;
};

export const refundDeps = (env: CancelEnv, provider: PaymentProvider | null): RefundDeps => ({
  provider,
  cancel: cancelDeps(env),
});

export type RefundResult =
  | { ok: true; state: "refunding" | "refunded"; refundNo: string }
  | { ok: false; code: "ORDER_NOT_FOUND" | "NOT_REFUNDABLE" | "NOT_CANCELLABLE" | "PAYMENT_FAILED" };

export async function refundPayment(
  deps: RefundDeps,
  db: Db,
  input: { orderId: string; reason: string; origin: string; now: number },
): Promise<RefundResult> {
  const { orderId, now } = input;
  const after = async (s: RefundStep) => {
    if (deps.after) await deps.after(s);
  };
  const [[order], [pay]] = await db.batch([
    db.select().from(orders).where(eq(orders.id, orderId)).limit(1),
    db.select().from(payments).where(eq(payments.orderId, orderId)).limit(1),
  ]);
  if (!order) return { ok: false, code: "ORDER_NOT_FOUND" };
  if (!pay || !["paid", "flagged", "refunding", "refunded"].includes(pay.state))
    return { ok: false, code: "NOT_REFUNDABLE" };
  if (pay.state === "refunded") return { ok: true, state: "refunded", refundNo: pay.refundNo ?? refundNo(orderId) };
  if (!deps.provider) return { ok: false, code: "PAYMENT_FAILED" };

  // 1. Points and unit back (a no-op replay when the order is already cancelled and settled).
  if (order.status === "awaiting_payment") {
    await db
      .update(orders)
      .set({ status: "cancelled", cancelReason: input.reason, updatedAt: now })
      .where(and(eq(orders.id, orderId), eq(orders.status, "awaiting_payment")));
    forgetMemberOrders(order.uid);
  }
  const c = await runCancel(deps.cancel, db, { orderId, by: "merchant", reason: input.reason, now });
  if (!c.ok) return { ok: false, code: c.code === "NOT_CANCELLABLE" ? "NOT_CANCELLABLE" : "ORDER_NOT_FOUND" };
  await after("cancel");

  // 2. The refund's number, fixed once.
  const no = pay.refundNo ?? refundNo(orderId);
  await db.run(sql`update payments set state = 'refunding', refund_no = coalesce(refund_no, ${no}), updated_at = ${now}
    where order_id = ${orderId} and state in ('paid', 'flagged', 'refunding')`);
  await after("mark");

  // 3. The money back: what the provider took (the reported amount of a flagged payment), against the order's
  // total as the provider's order was created with it (WeChat Pay checks amount.total = 原订单金额; a flagged
  // payment's total is still the order's cash part, so refunding it with the reported amount as the total was
  // refused "订单金额与原订单金额不一致").
  const r = await deps.provider.refund({
    orderId,
    refundNo: no,
    amountFen: pay.reportedFen ?? pay.amountFen,
    totalFen: pay.amountFen,
    reason: input.reason.slice(0, 80),
    notifyUrl: pay.notifyUrl ?? input.origin + notifyPath(deps.provider.name),
  });
  if (!r.ok) {
    console.error(JSON.stringify({ event: "refund_failed", orderId, code: r.code, errorCode: r.errorCode }));
    return { ok: false, code: "PAYMENT_FAILED" };
  }
  await after("provider");
  return { ok: true, state: (await applyRefund(db, r.refund, now)) ? "refunded" : "refunding", refundNo: no };
}

/** A refund's outcome (the create answer, its notification, a query) applied once; true when refunded. */
export async function applyRefund(db: Db, r: ProviderRefund, now: number): Promise<boolean> {
  if (r.status === "succeeded") {
    const res = await db.run(sql`update payments set state = 'refunded', refund_id = ${r.refundId},
        refund_status = 'succeeded', refunded_at = ${now}, updated_at = ${now}
      where refund_no = ${r.refundNo} and state = 'refunding'`);
    if (res.rowsAffected === 1) logPayment("payment_refunded", { orderId: r.orderId, refundNo: r.refundNo });
    return true;
  }
  await db.run(sql`update payments set refund_id = ${r.refundId}, refund_status = ${r.status}, updated_at = ${now}
    where refund_no = ${r.refundNo} and state = 'refunding'`);
  return false;
}
