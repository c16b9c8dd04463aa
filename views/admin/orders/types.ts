// What the console's order pages show: plain data, no env/db.
export type AdminOrderStatus = "awaiting_payment" | "placed" | "shipped" | "completed" | "fulfilled" | "cancelled";
export type AdminItemType = "physical" | "coupon" | "virtual";

/** The list's filters as the form holds them (strings as typed; empty = no filter). */
export type AdminOrderFilter = { status: string; itemId: string; uid: string; from: string; to: string };

export type AdminOrderRowView = {
  id: string;
  uid: string;
  /** the member's nickname, when known */
  nickname: string | null;
  itemId: number;
  itemName: string;
  itemType: AdminItemType;
  qty: number;
  points: number;
  cashFen: number;
  status: AdminOrderStatus;
  createdAt: number;
};

export type AdminOrderDetailView = AdminOrderRowView & {
  couponCodes: string[];
  address: { recipient: string; phone: string; region: string; detail: string } | null;
  carrier: string | null;
  trackingNo: string | null;
  cancelReason: string | null;
  updatedAt: number;
};

/** The ship form's values as submitted and the message next to each invalid field. */
export type ShipFormState = { carrier: string; trackingNo: string; errors: { carrier?: string; trackingNo?: string } };

/** The cancel form's reason as submitted and its message when invalid. */
export type CancelFormState = { reason: string; error?: string };

/** What just happened, shown above the order. */
export type OrderNotice = { kind: "ok" | "error"; text: string; code?: string };

export type BatchOutcome = "shipped" | "unchanged" | "not_found" | "not_shippable" | "invalid";

export type BatchRowResult = {
  line: number;
  orderId: string;
  carrier: string;
  trackingNo: string;
  outcome: BatchOutcome;
  message: string;
};
