// Payments as the console shows them (domain PaymentSummary): the list, one order's, and those the owner must
// act on (flagged, or a refund the provider reported abnormal or closed), which the dashboard and 支付 announce.
import { and, desc, eq, inArray, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import { payments } from "../../db/schema";
import type { PaymentSummary } from "../../domain";

type Row = typeof payments.$inferSelect;

export const paymentSummary = (r: Row): PaymentSummary => ({
  orderId: r.orderId,
  uid: r.uid,
  amountFen: r.amountFen,
  reportedFen: r.reportedFen,
  state: r.state,
  flag: r.flag,
  channel: r.channel,
  transactionId: r.transactionId,
  deadlineAt: r.deadlineAt,
  paidAt: r.paidAt,
  refundNo: r.refundNo,
  refundStatus: r.refundStatus,
  createdAt: r.createdAt,
});

export async function recentPayments(db: Db, limit = 50): Promise<PaymentSummary[]> {
  const rows = await db.select().from(payments).orderBy(desc(payments.createdAt)).limit(limit);
  return rows.map(paymentSummary);
}

export async function paymentOfOrder(db: Db, orderId: string): Promise<PaymentSummary | null> {
  const [row] = await db.select().from(payments).where(eq(payments.orderId, orderId)).limit(1);
  return row ? paymentSummary(row) : null;
}

/** Payments to act on, oldest first (payments_state_idx: few rows are ever in these states). */
export async function attentionPayments(db: Db, limit = 20): Promise<PaymentSummary[]> {
  const rows = await db
    .select()
    .from(payments)
    .where(
      or(
        eq(payments.state, "flagged"),
        and(eq(payments.state, "refunding"), inArray(payments.refundStatus, ["abnormal", "closed"])),
      ),
    )
    .orderBy(payments.updatedAt)
    .limit(limit);
  return rows.map(paymentSummary);
}
