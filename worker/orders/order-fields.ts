// The fields of an order that the console's views and the merchant API both pass on as they are.
import type { Order } from "../../domain";

/** What an order's list row shows: who, what, how many, the price and the status. */
export function orderLineFields(o: Order) {
  return {
    id: o.id,
    uid: o.uid,
    itemId: o.itemId,
    itemName: o.itemName,
    itemType: o.itemType,
    qty: o.qty,
    points: o.points,
    cashFen: o.cashFen,
    status: o.status,
  };
}

/** How the order was fulfilled: coupon codes, the delivery address and the shipment. */
export function fulfilmentFields(o: Order) {
  return { couponCodes: o.couponCodes, address: o.address, carrier: o.carrier, trackingNo: o.trackingNo };
}
