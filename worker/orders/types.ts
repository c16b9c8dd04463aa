// The order as the Worker passes it around: its status, its delivery address and the OrderView contract
// (what pages and the API show). domain: moves to domain/ in step B1.

export type OrderStatus = "awaiting_payment" | "placed" | "shipped" | "completed" | "fulfilled" | "cancelled";

export type DeliveryAddress = { recipient: string; phone: string; region: string; detail: string };

export type OrderView = {
  /** Human-facing order number, derived from the key (same key → same number). */
  id: string;
  key: string;
  uid: string;
  itemId: number;
  itemName: string;
  itemType: "physical" | "coupon" | "virtual";
  qty: number;
  points: number;
  cashFen: number;
  status: OrderStatus;
  couponCodes: string[];
  address: DeliveryAddress | null;
  carrier: string | null;
  trackingNo: string | null;
  createdAt: number;
  updatedAt: number;
};
