// Starting (or restarting) the payment of an order's cash part: the order must be the member's, awaiting
// payment and before its deadline. The payments row is written before the provider is called, so the expiry
// sweeper knows an order may exist at the provider (and closes it there first). The provider's order is
// idempotent on the order number with the same body (same amount, description and time_expire), so a second
// tap gets the same prepay id / h5_url.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { orders } from "../../db/schema";
import { applyPayment } from "./apply-payment";
import { paymentDeadline } from "./order-status";
import type { PayChannel, PaymentProvider, PaymentStart } from "./provider";

export const notifyPath = (provider: string) => `/payments/${provider}/notify`;
export const returnPath = (orderId: string) => `/me/orders/${encodeURIComponent(orderId)}/paid`;

export type StartPaymentResult =
  | { ok: true; start: PaymentStart }
  | { ok: true; paid: true }
  | { ok: false; code: "ORDER_NOT_FOUND" | "NOT_PAYABLE" | "PAYMENT_EXPIRED" | "PAYMENT_FAILED"; detail?: string };

export async function startPayment(
  provider: PaymentProvider,
  db: Db,
  input: {
    orderId: string;
    uid: string;
    channel: PayChannel;
    openid?: string;
    clientIp: string;
    origin: string;
    now: number;
  },
): Promise<StartPaymentResult> {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.id, input.orderId), eq(orders.uid, input.uid)))
    .limit(1);
  if (!order) return { ok: false, code: "ORDER_NOT_FOUND" };
  if (order.status !== "awaiting_payment" || order.cashFen <= 0) return { ok: false, code: "NOT_PAYABLE" };
  const deadline = paymentDeadline(order);
  if (input.now >= deadline) return { ok: false, code: "PAYMENT_EXPIRED" };
  const notifyUrl = input.origin + notifyPath(provider.name);
  await db.run(sql`
    insert into payments (order_id, uid, provider, amount_fen, state, channel, notify_url, deadline_at, created_at,
      updated_at)
    values (${order.id}, ${order.uid}, ${provider.name}, ${order.cashFen}, 'pending', ${input.channel}, ${notifyUrl},
      ${deadline}, ${input.now}, ${input.now})
    on conflict(order_id) do update set channel = excluded.channel, notify_url = excluded.notify_url,
      updated_at = excluded.updated_at
    where payments.state = 'pending'`);
  const r = await provider.start({
    orderId: order.id,
    description: order.itemName.slice(0, 127),
    amountFen: order.cashFen,
    channel: input.channel,
    openid: input.openid,
    clientIp: input.clientIp,
    notifyUrl,
    expiresAt: deadline,
    returnUrl: input.origin + returnPath(order.id),
  });
  if (r.ok) return { ok: true, start: r.start };
  if (r.code === "PROVIDER_REFUSED" && r.errorCode === "ORDERPAID") {
    const q = await provider.query(order.id);
    if (q.ok && q.payment) await applyPayment(db, q.payment, input.now);
    return { ok: true, paid: true };
  }
  console.error(
    JSON.stringify({ event: "payment_start_failed", orderId: order.id, code: r.code, errorCode: r.errorCode }),
  );
  return { ok: false, code: "PAYMENT_FAILED", detail: r.errorCode };
}

/** The member came back (or the page polls): ask the provider and apply what it says. */
export async function syncPayment(provider: PaymentProvider | null, db: Db, orderId: string, now: number) {
  if (!provider) return "unpaid" as const;
  const q = await provider.query(orderId);
  if (!q.ok || !q.payment) return "unpaid" as const;
  return applyPayment(db, q.payment, now);
}
