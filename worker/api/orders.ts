// Merchant API: orders (/api/v1/orders/…): the list and one order from Turso (the read model of orders and
// the record of their fulfilment), shipping, and the merchant's cancellation (points back to the member's
// lots, units back to the item's stock: worker/redeem/cancel-order.ts).
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";
import { BadCursorError, finishOrder, getOrder, listOrders, shipOrder } from "../orders";
import { cancelOrder } from "../redeem/cancel-order";
import type { OrderView } from "../redeem/types";
import { validate } from "../validate";
import { apiAuth } from "./auth";
import { jsonBody } from "./json-body";
import { CancelBody, OrderIdParams, OrdersQuery, ShipBody, type OrderApiView, type OrderPage } from "./schemas";

const iso = (ms: number) => new Date(ms).toISOString();

export function toOrderApiView(o: OrderView): OrderApiView {
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
    couponCodes: o.couponCodes,
    address: o.address,
    carrier: o.carrier,
    trackingNo: o.trackingNo,
    createdAt: iso(o.createdAt),
    updatedAt: iso(o.updatedAt),
  };
}

export const ordersApi = new Hono<AppEnv>()
  .use(apiAuth())
  .get("/", validate("query", OrdersQuery), async (c) => {
    const { status, itemId, uid, since, limit, cursor } = c.req.valid("query");
    let page;
    try {
      page = await listOrders(c.var.db, { status, itemId, uid, since: since === undefined ? undefined : Date.parse(since), limit, cursor });
    } catch (err) {
      if (err instanceof BadCursorError) throw new AppError("VALIDATION_FAILED", "cursor: 无效的分页游标");
      throw err;
    }
    const body: OrderPage = { orders: page.orders.map(toOrderApiView), nextCursor: page.nextCursor };
    return c.json(body);
  })
  .get("/:id", validate("param", OrderIdParams), async (c) => {
    const order = await getOrder(c.var.db, c.req.valid("param").id);
    if (!order) throw new AppError("ORDER_NOT_FOUND");
    return c.json(toOrderApiView(order));
  })
  .post("/:id/ship", validate("param", OrderIdParams), jsonBody(ShipBody), async (c) => {
    const { carrier, trackingNo } = c.req.valid("json");
    const r = await shipOrder(c.var.db, { orderId: c.req.valid("param").id, carrier, trackingNo, now: Date.now() });
    if (!r.ok) throw new AppError(r.code, r.message);
    return c.json(toOrderApiView(r.order));
  })
  .post("/:id/complete", validate("param", OrderIdParams), async (c) => {
    const r = await finishOrder(c.var.db, { orderId: c.req.valid("param").id, now: Date.now() });
    if (!r.ok) throw new AppError(r.code, r.message);
    return c.json(toOrderApiView(r.order));
  })
  .post("/:id/cancel", validate("param", OrderIdParams), jsonBody(CancelBody), async (c) => {
    const r = await cancelOrder(c.env, c.var.db, { orderId: c.req.valid("param").id, by: "merchant", reason: c.req.valid("json").reason, now: Date.now() });
    if (!r.ok) throw new AppError(r.code, r.message);
    return c.json(toOrderApiView(r.order));
  });
