// Domain concepts the shopper views show, as plain data: the Worker maps database rows to these; views never
// see env/db/request. View props types live beside the component that renders them.

// domain: moves to domain/ in step B1 (delivery address)
/** A delivery address as typed into a form. */
export type AddressValues = { recipient: string; phone: string; region: string; detail: string };

// domain: moves to domain/ in step B1 (saved address)
/** A saved address of the member. */
export type AddressView = AddressValues & { id: number; isDefault: boolean };

// domain: moves to domain/ in step B1 (order)
/** An order as the shopper pages show it (worker/orders/types.ts OrderView fits it). */
export type OrderSummaryView = {
  id: string;
  itemId: number;
  itemName: string;
  itemType: "physical" | "coupon" | "virtual"; // domain: moves to domain/ in step B1 (ItemType)
  qty: number;
  points: number;
  cashFen: number;
  status: "awaiting_payment" | "placed" | "shipped" | "completed" | "fulfilled" | "cancelled"; // domain: moves to domain/ in step B1 (OrderStatus)
  couponCodes: string[];
  address: AddressValues | null;
  carrier: string | null;
  trackingNo: string | null;
  createdAt: number;
};
