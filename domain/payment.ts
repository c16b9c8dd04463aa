// A payment of an order's cash part (worker/payments), as the Worker, the console's views and the database
// schema all see it: one definition each.

/** pending (awaiting the member) → paid | closed (unpaid by the deadline or closed by the member: points and
 *  unit went back) | flagged (the provider reported another amount, or money for a closed order: never
 *  fulfilled, the merchant refunds it); a refund moves paid/flagged → refunding → refunded. */
export const PAYMENT_STATES = ["pending", "paid", "closed", "flagged", "refunding", "refunded"] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

/** One payment as the console lists it and the order page shows it. */
export type PaymentSummary = {
  orderId: string;
  uid: string;
  amountFen: number;
  /** what the provider reported paid (fen), null until paid */
  reportedFen: number | null;
  state: PaymentState;
  /** why it is flagged: AMOUNT_MISMATCH, PAID_AFTER_CLOSE */
  flag: string | null;
  channel: string | null;
  transactionId: string | null;
  deadlineAt: number;
  paidAt: number | null;
  refundNo: string | null;
  /** the provider's refund status: succeeded | processing | closed | abnormal */
  refundStatus: string | null;
  createdAt: number;
};

/** The merchant's payment settings as the console shows them: whether each secret is set, never what it is. */
export type PaymentSettingsView = {
  enabled: boolean;
  mchid: string;
  appid: string;
  merchantSerialNo: string;
  platformSerialNo: string;
  platformPublicKey: string;
  apiV3KeySet: boolean;
  privateKeySet: boolean;
  /** minutes a member has to pay an order's cash part */
  payWindowMinutes: number;
};

/** A payment the merchant must act on: money taken but the order not fulfilled (flagged and not refunded), or a
 *  refund the provider could not complete (abnormal: e.g. the member's card was closed; closed). */
export const needsAttention = (p: Pick<PaymentSummary, "state" | "refundStatus">): boolean =>
  p.state === "flagged" || (p.state === "refunding" && (p.refundStatus === "abnormal" || p.refundStatus === "closed"));
