// The payment provider as the mall uses it: small, so a second provider (Alipay, a bank's gateway) is one more
// implementation of this interface. WeChat Pay API v3 is worker/payments/wechat-pay/provider.ts.
// Amounts are fen; the mall's order number is the provider's merchant order number (out_trade_no);
// failures are values ({ ok: false, code }), never throws.

/** How the member pays: inside WeChat (JSAPI, the page calls wx.chooseWXPay), or a browser outside it (H5). */
export type PayChannel = "jsapi" | "h5";

export type ProviderFailure = {
  ok: false;
  /** UNAVAILABLE: the outcome is unknown (query before acting); REFUSED: the provider said no (errorCode). */
  code: "PROVIDER_UNAVAILABLE" | "PROVIDER_REFUSED" | "PROVIDER_BAD_RESPONSE";
  errorCode?: string;
  message: string;
};
export type ProviderResult<T> = ({ ok: true } & T) | ProviderFailure;

export type StartPayment = {
  orderId: string;
  description: string;
  amountFen: number;
  channel: PayChannel;
  /** JSAPI: the member's openid for the merchant's appid. */
  openid?: string;
  /** H5: the member's IP as the provider requires it. */
  clientIp?: string;
  notifyUrl: string;
  /** After this the provider refuses to take the money. */
  expiresAt: number;
  /** Where the provider's cashier sends the member back. */
  returnUrl: string;
};

/** What the page does next: call wx.chooseWXPay with these params, or go to this URL. */
export type PaymentStart = { kind: "jsapi"; params: Record<string, string> } | { kind: "redirect"; url: string };

/** The provider's view of one order. */
export type ProviderPayment = {
  orderId: string;
  state: "paid" | "unpaid" | "closed" | "refunded";
  amountFen: number | null;
  transactionId: string | null;
  paidAt: number | null;
};

export type ProviderRefund = {
  refundNo: string;
  refundId: string;
  orderId: string;
  status: "succeeded" | "processing" | "closed" | "abnormal";
  amountFen: number;
};

/** A verified, decrypted notification: a payment's or a refund's. */
export type ProviderNotice =
  | { kind: "payment"; id: string; payment: ProviderPayment }
  | { kind: "refund"; id: string; refund: ProviderRefund };

export type NoticeFailure = { ok: false; code: string };

/** One line of the provider's bill (its own record of the money). */
export type BillRecord = {
  orderId: string;
  transactionId: string;
  state: string;
  amountFen: number;
  refundFen: number;
};

export interface PaymentProvider {
  readonly name: string;
  /** The app a JSAPI payer's openid must belong to (WeChat Pay: the merchant's appid); null when the
   *  provider has no in-app channel. */
  readonly appid: string | null;
  start(input: StartPayment): Promise<ProviderResult<{ start: PaymentStart }>>;
  query(orderId: string): Promise<ProviderResult<{ payment: ProviderPayment | null }>>;
  /** Closes an unpaid order so it can never be paid; ok when already closed. `paid` when it was paid first. */
  close(orderId: string): Promise<ProviderResult<{ paid: boolean }>>;
  refund(input: {
    orderId: string;
    refundNo: string;
    amountFen: number;
    totalFen: number;
    reason: string;
    notifyUrl: string;
  }): Promise<ProviderResult<{ refund: ProviderRefund }>>;
  queryRefund(refundNo: string): Promise<ProviderResult<{ refund: ProviderRefund | null }>>;
  /** Verifies (signature, serial, timestamp window) and opens a notification's raw body. */
  openNotice(
    headers: Headers,
    body: string,
    now: number,
  ): Promise<{ ok: true; notice: ProviderNotice } | NoticeFailure>;
  /** The provider's records of one day (yyyy-mm-dd, the provider's time zone). */
  bill(date: string): Promise<ProviderResult<{ records: BillRecord[] }>>;
}
