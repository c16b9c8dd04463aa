import type { Catalogue } from "../types";
import type { apiMessages as zh } from "../zh-CN/api";

// The Merchant API's messages: what a field must be (the schemas' validation messages) and the details of
// its error answers; also the items write model's refusals, which the API and the console both show.
export const apiMessages = {
  "api.field.required": "required",
  /** An example value in the OpenAPI document. */
  "api.example.carrier": "SF Express",
  "api.field.string": "must be a string",
  "api.field.array": "must be an array",
  "api.field.boolean": "must be true or false",
  "api.field.positiveInt": "must be a positive integer",
  "api.field.nonNegativeInt": "must be 0 or a positive integer",
  "api.field.nonZeroInt": "must be a non-zero integer",
  "api.field.max": "at most {max}",
  "api.field.maxChars": "at most {max} characters",
  "api.field.empty": "must not be empty",
  "api.field.invalidText": "must not contain control characters, direction marks or invalid characters",
  "api.field.invalid": "invalid",
  "api.field.uid": "must be 1–64 letters, digits or _ . : @ -, starting with a letter or digit",
  "api.field.ref": "may contain only letters, digits and _ . : -",
  "api.ref.reused":
    "The request ref {ref} was used for a request with different content: one ref may only resend the identical request",
  "api.ref.inProgress": "A request with the ref {ref} is still being processed; retry later with the same ref",
  "api.field.isoInstant": "must be an ISO 8601 time, e.g. 2026-05-01T10:00:00+08:00",
  "api.field.limit": "must be an integer from 1 to 100",
  "api.field.https": "must be an https URL",
  "api.field.cursor": "invalid page cursor",

  "api.auth.missing": "Authorization: Bearer <token> is required",
  "api.auth.invalid": "The token is invalid or has been revoked",
  "api.body.contentType": "Content-Type must be application/json",
  "api.body.json": "The request body is not valid JSON",

  "api.items.sku": "must be 1–64 letters, digits or _ . - (starting with a letter or digit)",
  "api.items.tierKey": "must be a member tier's key",
  "api.items.tiersMin": "at least one tier (use null for all tiers)",
  "api.items.tiersMax": "at most {max}",
  "api.items.tiersUnique": "tiers must not repeat",
  "api.items.imagePath": "must be an image path of this mall: /media/img/… (uploaded in the console) or /images/…",
  "api.items.imagesMax": "at most {max} images",
  "api.items.after": "must be later than {field}",
  "api.items.type": "must be physical, coupon or virtual",
  "api.items.saleWindowBoth": "saleStartsAt and saleEndsAt must be given together",
  "api.items.saleWindowPatch": "saleStartsAt and saleEndsAt must be set or cleared together",
  "api.items.patchEmpty": "give at least one field to change",
  "api.items.itemId": "must be an item id (a positive integer)",
  "api.items.stockDelta": "must be within ±{max}",
  "api.items.code": "each code must be 4–64 printable characters (no spaces)",
  "api.items.codesMin": "at least 1 code",
  "api.items.codesMax": "at most 5,000 codes at a time",
  "api.items.skuTaken": "sku {sku} is already used by item {id} (with different content)",
  "api.items.slugTaken": "the slug made from sku {sku} is already taken",
  "api.items.notFound": "no item with the id {id}",
  "api.items.typeLocked": "the item already has orders, so it can't change from {from} to {to}",
  "api.items.noCategory": "no category with the id {id}",
  "api.items.noTier": "there is no member tier “{tier}” (known: {known})",
  "api.items.notCoupon": "item {id} is of type {type}",

  "api.members.earnOneOf": "give exactly one of points and amountFen",

  "api.orders.orderId": "must be an order number",
  "api.orders.status": "must be awaiting_payment, placed, shipped, completed, fulfilled or cancelled",
  "api.orders.trackingNo": "must be 4–40 letters, digits or -",

  "api.webhooks.url": "must be a URL (at most 2,000 characters)",
  "api.webhooks.events": "must be 1–20 event types, out of: {types}",
  "api.webhooks.id": "must be a webhook endpoint id (starting with we_)",
  "api.webhooks.eventId": "must be an event id (starting with evt_)",
  "api.webhooks.grace": "must be 0, 1, 24, 72 or 168 (hours)",
} as const satisfies Catalogue<typeof zh>;
