// The status an order is born with, payments' hook into the redemption flow (worker/redeem/redeem.ts,
// worker/wallet/order-outbox.ts): an order with a cash part starts `awaiting_payment` (its points are spent and
// its unit sold as for any order, but it is not fulfilled, and a coupon's codes are not shown, until the cash is
// paid); without one it starts as before. The deadline is the order's createdAt + PAYMENT_WINDOW_MS.
import type { OrderStatus } from "../../domain";

/** How long a member has to pay an order's cash part (15 minutes, as WeChat Pay's own default cashier). */
export const PAYMENT_WINDOW_MS = 15 * 60_000;

export const paymentDeadline = (createdAt: number) => createdAt + PAYMENT_WINDOW_MS;

export function bornStatus(o: { cashFen: number; itemType: string }, sold: boolean): OrderStatus {
  if (o.cashFen > 0) return "awaiting_payment";
  return sold && o.itemType === "coupon" ? "completed" : "placed";
}

/** The coupon codes an order shows at birth: none until its cash part is paid. */
export const bornCodes = (o: { cashFen: number }, codes: string[]): string[] => (o.cashFen > 0 ? [] : codes);
