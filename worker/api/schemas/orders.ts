// Orders: request and response schemas.
import { z } from "zod";
import { apiText, IsoInstant, IsoTime, Points, Reason, Ref, Uid, required } from "./common";
import { lazy, translate } from "../../../views/i18n";
import { ITEM_TYPES, ORDER_STATUSES } from "../../../domain";

export const OrderIdParams = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: lazy("api.orders.orderId") })
    .describe("The order number."),
});

export const OrdersQuery = z
  .object({
    status: z
      .enum(ORDER_STATUSES, { error: lazy("api.orders.status") })
      .optional()
      .describe("Only orders in this status."),
    itemId: z
      .string()
      .regex(/^[1-9][0-9]{0,9}$/, { error: lazy("api.items.itemId") })
      .transform(Number)
      .optional()
      .describe("Only orders of this item."),
    uid: Uid.optional().describe("Only this member's orders."),
    since: IsoInstant.optional().describe("Only orders created at or after this time (ISO 8601)."),
    limit: z.coerce
      .number({ error: lazy("api.field.limit") })
      .int({ error: lazy("api.field.limit") })
      .min(1, { error: lazy("api.field.limit") })
      .max(100, { error: lazy("api.field.limit") })
      .default(20)
      .describe("Orders per page, 1–100 (default 20)."),
    cursor: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,200}$/, { error: lazy("api.field.invalid") })
      .optional()
      .describe("The nextCursor of the previous page (opaque)."),
  })
  .meta({ title: "OrdersQuery" });

export const ShipBody = z
  .strictObject({
    ref: Ref,
    // the OpenAPI document is built once, in English, with a Chinese carrier as the example
    carrier: apiText(40).describe(`Carrier name, e.g. ${translate("zh-CN", "api.example.carrier")}.`),
    trackingNo: z
      .string(required(lazy("api.field.string")))
      .trim()
      .regex(/^[A-Za-z0-9-]{4,40}$/, { error: lazy("api.orders.trackingNo") })
      .describe("Tracking number (4–40 of A–Z a–z 0–9 -)."),
  })
  .meta({
    title: "ShipBody",
    description:
      "Mark a placed physical order shipped. The same carrier and tracking number again answers the shipped order (idempotent).",
  });

export const CompleteBody = z.strictObject({ ref: Ref }).meta({
  title: "CompleteBody",
  description: "Finish an order: a shipped physical order → completed, a placed virtual one → fulfilled.",
});

export const CancelBody = z
  .strictObject({ ref: Ref, reason: Reason.describe("Why, as the member will see it (1–200 characters).") })
  .meta({
    title: "CancelBody",
    description:
      "Cancel an order as the merchant: the points go back to the member's lots and the units back to stock.",
  });

export const OrderApiView = z
  .object({
    id: z.string().describe("Order number."),
    uid: Uid,
    itemId: z.int().positive(),
    itemName: z.string(),
    itemType: z.enum(ITEM_TYPES),
    qty: z.int().positive(),
    points: Points.describe("Points paid."),
    cashFen: z.int().min(0),
    status: z.enum(ORDER_STATUSES),
    couponCodes: z.array(z.string()).describe("Coupon items: the codes given with this order."),
    address: z.object({ recipient: z.string(), phone: z.string(), region: z.string(), detail: z.string() }).nullable(),
    carrier: z.string().nullable(),
    trackingNo: z.string().nullable(),
    createdAt: IsoTime,
    updatedAt: IsoTime,
  })
  .meta({ title: "Order" });

export const OrderPage = z
  .object({
    orders: z.array(OrderApiView).describe("Newest first."),
    nextCursor: z.string().nullable().describe("Pass as cursor for the next (older) page; null on the last page."),
  })
  .meta({ title: "OrderPage" });
export type OrderApiView = z.infer<typeof OrderApiView>;
export type OrderPage = z.infer<typeof OrderPage>;
