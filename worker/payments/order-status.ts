// The status an order is born with, payments' hook into the redemption flow (worker/redeem/redeem.ts,
// worker/wallet/order-outbox.ts): an order with a cash part starts `awaiting_payment` (its points are spent and
// its unit sold as for any order, but it is not fulfilled, and a coupon's codes are not shown, until the cash is
// paid); without one it starts as before. The deadline is set at the order's birth by the trigger
// orders_pay_deadline (createdAt + payment_settings.pay_window_minutes); orders from before it have none and
// take createdAt + PAYMENT_WINDOW_MS.
import type { OrderStatus } from "../../domain";

/** The default payment window (15 minutes, as WeChat Pay's own cashier), and the bounds a merchant may set. */
export const PAYMENT_WINDOW_MS = 15 * 60_000;
export const PAY_WINDOW_MINUTES = { min: 5, max: 1440, default: 15 } as const;

export const paymentDeadline = (o: { createdAt: number; payDeadlineAt: number | null }) =>
  o.payDeadlineAt ?? o.createdAt + PAYMENT_WINDOW_MS;

export function bornStatus(o: { cashFen: number; itemType: string }, sold: boolean): OrderStatus {
  if (o.cashFen > 0) return "awaiting_payment";
  return sold && o.itemType === "coupon" ? "completed" : "placed";
}

/** The coupon codes an order shows at birth: none until its cash part is paid. */
export const bornCodes = (o: { cashFen: number }, codes: string[]): string[] => (o.cashFen > 0 ? [] : codes);
