// Merchant API: orders (/api/v1/orders/…): the list and one order from Turso (the read model of orders and
// the record of their fulfilment), shipping, and the merchant's cancellation (points back to the member's
// lots, units back to the item's stock: worker/redeem/cancel-order.ts).
import { Hono } from "hono";
import { cancelAudit, finishAudit, shipAudit } from "../audit/order-audit";
import { fulfilmentFields, orderLineFields } from "../orders/order-fields";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";
import { orderRefusalText } from "../outcome-text";
import { BadCursorError, finishOrder, getOrder, listOrders, shipOrder } from "../orders";
import { cancelOrder } from "../redeem/cancel-order";
import type { Order } from "../../domain";
import { validate } from "../validate";
import { apiAuth } from "./auth";
import { refOnce } from "./idempotency";
import { jsonBody } from "./json-body";
import {
  CancelBody,
  CompleteBody,
  OrderIdParams,
  OrdersQuery,
  ShipBody,
  type OrderApiView,
  type OrderPage,
} from "./schemas";
import { t } from "../../views/i18n";

const iso = (ms: number) => new Date(ms).toISOString();

export function toOrderApiView(o: Order): OrderApiView {
  return { ...orderLineFields(o), ...fulfilmentFields(o), createdAt: iso(o.createdAt), updatedAt: iso(o.updatedAt) };
}

export const ordersApi = new Hono<AppEnv>()
  .use(apiAuth())
  .get("/", validate("query", OrdersQuery), async (c) => {
    const { status, itemId, uid, since, limit, cursor } = c.req.valid("query");
    let page: Awaited<ReturnType<typeof listOrders>>;
    try {
      page = await listOrders(c.var.db, {
        status,
        itemId,
        uid,
        since: since === undefined ? undefined : Date.parse(since),
        limit,
        cursor,
      });
    } catch (err) {
      if (err instanceof BadCursorError) throw new AppError("VALIDATION_FAILED", `cursor: ${t("api.field.cursor")}`);
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
  .post("/:id/ship", validate("param", OrderIdParams), jsonBody(ShipBody), refOnce(), async (c) => {
    const { carrier, trackingNo } = c.req.valid("json");
    const [orderId, actor, now] = [c.req.valid("param").id, c.var.apiCaller, Date.now()];
    const r = await shipOrder(c.var.db, {
      orderId,
      carrier,
      trackingNo,
      now,
      alongside: [shipAudit(c.var.db, { actor, orderId, carrier, trackingNo, now })],
    });
    if (!r.ok) throw new AppError(r.code, orderRefusalText(r));
    return c.json(toOrderApiView(r.order));
  })
  .post("/:id/complete", validate("param", OrderIdParams), jsonBody(CompleteBody), refOnce(), async (c) => {
    const [orderId, actor, now] = [c.req.valid("param").id, c.var.apiCaller, Date.now()];
    const r = await finishOrder(c.var.db, {
      orderId,
      now,
      alongside: [finishAudit(c.var.db, { actor, orderId, now })],
    });
    if (!r.ok) throw new AppError(r.code, orderRefusalText(r));
    return c.json(toOrderApiView(r.order));
  })
  .post("/:id/cancel", validate("param", OrderIdParams), jsonBody(CancelBody), refOnce(), async (c) => {
    const [orderId, reason, now] = [c.req.valid("param").id, c.req.valid("json").reason, Date.now()];
    const r = await cancelOrder(c.env, c.var.db, { orderId, by: "merchant", reason, now });
    if (!r.ok) throw new AppError(r.code, orderRefusalText(r));
    // After the objects answered; once per order however often the cancel is retried.
    await cancelAudit(c.var.db, {
      actor: c.var.apiCaller,
      orderId,
      reason,
      refunded: r.refunded,
      qty: r.order.qty,
      cancelledAt: r.order.updatedAt,
      now,
    });
    return c.json(toOrderApiView(r.order));
  });
