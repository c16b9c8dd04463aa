// The shapes of WeChat Pay API v3 (直连商户) objects this project uses, field names as documented.
export type Amount = { total: number; currency?: "CNY" };

export type JsapiOrder = {
  appid: string;
  mchid: string;
  description: string;
  out_trade_no: string;
  notify_url: string;
  amount: Amount;
  payer: { openid: string };
  time_expire?: string; // RFC 3339, e.g. 2018-06-08T10:34:56+08:00
  attach?: string;
};

export type H5Order = Omit<JsapiOrder, "payer"> & {
  scene_info: {
    payer_client_ip: string;
    h5_info: { type: "Wap" | "iOS" | "Android"; app_name?: string; app_url?: string };
  };
};

export type TradeState = "SUCCESS" | "REFUND" | "NOTPAY" | "CLOSED" | "REVOKED" | "USERPAYING" | "PAYERROR";

export type Transaction = {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_type?: "JSAPI" | "NATIVE" | "APP" | "MICROPAY" | "MWEB" | "FACEPAY";
  trade_state: TradeState;
  trade_state_desc: string;
  bank_type?: string;
  attach?: string;
  success_time?: string;
  payer?: { openid: string };
  amount?: { total: number; payer_total?: number; currency: string; payer_currency?: string };
};

export type RefundStatus = "SUCCESS" | "CLOSED" | "PROCESSING" | "ABNORMAL";

export type RefundRequest = {
  out_trade_no?: string;
  transaction_id?: string;
  out_refund_no: string;
  reason?: string;
  notify_url?: string;
  amount: { refund: number; total: number; currency: "CNY" };
};

export type Refund = {
  refund_id: string;
  out_refund_no: string;
  transaction_id: string;
  out_trade_no: string;
  channel: "ORIGINAL" | "BALANCE" | "OTHER_BALANCE" | "OTHER_BANKCARD";
  user_received_account: string;
  success_time?: string;
  create_time: string;
  status: RefundStatus;
  funds_account?: string;
  amount: {
    total: number;
    refund: number;
    payer_total: number;
    payer_refund: number;
    settlement_refund: number;
    settlement_total: number;
    discount_refund: number;
    currency: string;
    refund_fee?: number;
  };
};

/** What a refund notification's resource decrypts to. */
export type RefundNotice = {
  mchid: string;
  out_trade_no: string;
  transaction_id: string;
  out_refund_no: string;
  refund_id: string;
  refund_status: RefundStatus;
  success_time?: string;
  user_received_account: string;
  amount: { total: number; refund: number; payer_total: number; payer_refund: number };
};

export type NotificationEnvelope = {
  id: string;
  create_time: string;
  event_type: string; // TRANSACTION.SUCCESS, REFUND.SUCCESS, REFUND.ABNORMAL, REFUND.CLOSED
  resource_type: "encrypt-resource";
  summary: string;
  resource: { original_type: string; algorithm: string; ciphertext: string; associated_data?: string; nonce: string };
};

export type BillDownload = { hash_type: "SHA1"; hash_value: string; download_url: string };
