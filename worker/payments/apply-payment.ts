// What the provider says about an order's payment, applied to Turso exactly once — from its signed
// notification, from a query when the member comes back, from the expiry sweeper. One db.batch of two
// conditional updates: the order awaiting_payment → placed (a coupon: completed with its codes, if the stock
// object's sale is projected; otherwise the stock outbox completes it as for any order), and the payment
// pending → paid only if the order did move. The second notification, a query after it, a retry: no change.
// Amounts must match: a provider reporting another amount than the order's cash part flags the payment
// (AMOUNT_MISMATCH) and the order stays unfulfilled; money for an order already closed is PAID_AFTER_CLOSE.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { payments } from "../../db/schema";
import { forgetMemberOrders } from "../orders/orders-page-memo";
import { paymentDeadline } from "./order-status";
import type { ProviderPayment } from "./provider";

export type ApplyOutcome = "paid" | "already" | "flagged" | "unpaid" | "unknown_order";

export type PaymentLog = (event: string, fields: Record<string, unknown>) => void;

export const logPayment: PaymentLog = (event, fields) =>
  console.log(JSON.stringify({ at: new Date().toISOString(), event, ...fields }));

export async function applyPayment(db: Db, p: ProviderPayment, now: number): Promise<ApplyOutcome> {
  if (p.state !== "paid" && p.state !== "refunded") return "unpaid";
  const [order] = (await db.all(sql`select id, uid, status, cash_fen as cashFen, created_at as createdAt,
      pay_deadline_at as payDeadlineAt from orders where id = ${p.orderId}`)) as {
    id: string;
    uid: string;
    status: string;
    cashFen: number;
    createdAt: number;
    payDeadlineAt: number | null;
  }[];
  if (!order) return "unknown_order";
  const [pay] = await db.select().from(payments).where(eq(payments.orderId, p.orderId)).limit(1);
  if (pay && pay.state !== "pending" && pay.state !== "closed") return pay.state === "flagged" ? "flagged" : "already";

  const flag =
    p.amountFen !== order.cashFen ? "AMOUNT_MISMATCH" : order.status !== "awaiting_payment" ? "PAID_AFTER_CLOSE" : null;
  if (flag) {
    if (order.status !== "awaiting_payment" && order.status !== "cancelled") return "already";
    await db.run(sql`
      insert into payments (order_id, uid, provider, amount_fen, reported_fen, state, transaction_id, flag, deadline_at,
        paid_at, created_at, updated_at)
      values (${order.id}, ${order.uid}, 'wechatpay', ${order.cashFen}, ${p.amountFen}, 'flagged', ${p.transactionId},
        ${flag}, ${paymentDeadline(order)}, ${p.paidAt ?? now}, ${now}, ${now})
      on conflict(order_id) do update set state = 'flagged', reported_fen = excluded.reported_fen,
        transaction_id = excluded.transaction_id, flag = excluded.flag, paid_at = excluded.paid_at,
        updated_at = excluded.updated_at
      where payments.state in ('pending', 'closed')`);
    logPayment("payment_flagged", { orderId: order.id, flag, reportedFen: p.amountFen, cashFen: order.cashFen });
    return "flagged";
  }

  const [moved] = await db.batch([
    db.run(sql`
      update orders set
        status = case when item_type = 'coupon' and exists (select 1 from stock_sales s where s.key = orders.key
          and s.state = 'sold') then 'completed' else 'placed' end,
        coupon_codes = coalesce((select s.coupon_codes from stock_sales s where s.key = orders.key and s.state = 'sold'
          and orders.item_type = 'coupon'), '[]'),
        updated_at = ${now}
      where id = ${order.id} and status = 'awaiting_payment'`),
    db.run(sql`
      insert into payments (order_id, uid, provider, amount_fen, reported_fen, state, transaction_id, deadline_at,
        paid_at, created_at, updated_at)
      select ${order.id}, ${order.uid}, 'wechatpay', ${order.cashFen}, ${p.amountFen}, 'paid', ${p.transactionId},
        ${paymentDeadline(order)}, ${p.paidAt ?? now}, ${now}, ${now}
      where exists (select 1 from orders where id = ${order.id} and status in ('placed', 'completed', 'shipped', 'fulfilled'))
      on conflict(order_id) do update set state = 'paid', reported_fen = excluded.reported_fen,
        transaction_id = excluded.transaction_id, paid_at = excluded.paid_at, updated_at = excluded.updated_at
      where payments.state = 'pending'`),
  ]);
  if (moved.rowsAffected === 1) {
    forgetMemberOrders(order.uid);
    logPayment("payment_paid", { orderId: order.id, amountFen: p.amountFen, transactionId: p.transactionId });
    return "paid";
  }
  return "already";
}
