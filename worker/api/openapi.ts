// The Merchant API's OpenAPI 3.1 document, generated from the same zod schemas that validate the requests
// and type the answers (z.toJSONSchema: JSON Schema 2020-12, which OpenAPI 3.1 uses as is).
import { Hono } from "hono";
import { z } from "zod";
import { currentLocale, type Locale, t } from "../../views/i18n";
import type { AppEnv } from "../app-env";
import { ERROR_CODES, type ErrorCode } from "../errors";
import {
  CodeBatchIdParams,
  CodeBatchView,
  CreateCodeBatchBody,
  CreateCodeBatchResult,
  AddCodesBody,
  AddCodesResult,
  CancelBody,
  CreateItemBody,
  CreateItemResult,
  ItemIdParams,
  ItemShardsView,
  ItemView,
  OrderApiView,
  OrderIdParams,
  OrderPage,
  OrdersQuery,
  PatchItemRequest,
  CompleteBody,
  ShipBody,
  StockAdjustBody,
  StockStatusView,
  DeductBody,
  DeductResult,
  EarnBody,
  EarnResult,
  LedgerPage,
  LedgerQuery,
  MemberView,
  PutMemberBody,
  PutMemberResult,
  ReverseBody,
  ReverseResult,
  UidParams,
  CreateWebhookBody,
  CreateWebhookResult,
  DeliveryList,
  RotateWebhookBody,
  RotateWebhookResult,
  WebhookEventParams,
  WebhookIdParams,
  WebhookList,
  WebhookView,
  CreateLotteryBody,
  CreateLotteryResult,
  DrawPage,
  DrawsQuery,
  LotteryIdParams,
  LotteryView,
  CreateGroupDealBody,
  CreateGroupDealResult,
  GroupDealIdParams,
  GroupDealList,
  GroupDealView,
} from "./schemas";
import { WECHAT_ENDPOINTS } from "../wechat/binding-openapi";
import { TASK_ENDPOINTS } from "../tasks/openapi";
import { CAMPAIGN_ENDPOINTS } from "../campaigns/openapi";

type JsonSchema = Record<string, unknown>;
type Method = "get" | "put" | "post" | "patch" | "delete";

export type Endpoint = {
  method: Method;
  path: string;
  summary: string;
  description?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  ok: { status: 200 | 201; description: string; schema: z.ZodType }[];
  errors: ErrorCode[];
};

const BODY_ERRORS = ["BAD_REQUEST", "VALIDATION_FAILED"] as const satisfies ErrorCode[];
/** The mutations behind refOnce() (worker/api/idempotency.ts): they answer once per ref, with these codes. */
export const ONCE_PER_REF = new Set([
  "put /api/v1/members/{uid}",
  "post /api/v1/members/{uid}/points/earn",
  "post /api/v1/members/{uid}/points/deduct",
  "post /api/v1/members/{uid}/points/reverse",
  "post /api/v1/items",
  "patch /api/v1/items/{id}",
  "post /api/v1/items/{id}/stock",
  "post /api/v1/items/{id}/codes",
  "post /api/v1/orders/{id}/ship",
  "post /api/v1/orders/{id}/complete",
  "post /api/v1/orders/{id}/cancel",
  "post /api/v1/tasks",
  "post /api/v1/members/{uid}/events",
  "post /api/v1/group-deals",
  "put /api/v1/members/{uid}/birthday",
]);
const REF_ERRORS = ["REF_REUSED", "REF_IN_PROGRESS"] as const satisfies ErrorCode[];

export const ENDPOINTS: Endpoint[] = [
  {
    method: "put",
    path: "/api/v1/members/{uid}",
    summary: "Create or update a member",
    description: "Creates the member (granting the new-member bonus once) or updates the given profile fields.",
    params: UidParams,
    body: PutMemberBody,
    ok: [
      { status: 201, description: "Created.", schema: PutMemberResult },
      { status: 200, description: "Updated.", schema: PutMemberResult },
    ],
    errors: [...BODY_ERRORS, "UNAUTHORIZED"],
  },
  {
    method: "get",
    path: "/api/v1/members/{uid}",
    summary: "A member's balance, tier and expiring points",
    description: "Read from the member's wallet (exact, not a projection).",
    params: UidParams,
    ok: [{ status: 200, description: "The member.", schema: MemberView }],
    errors: ["VALIDATION_FAILED", "UNAUTHORIZED", "MEMBER_NOT_FOUND"],
  },
  {
    method: "post",
    path: "/api/v1/members/{uid}/points/earn",
    summary: "Credit points (a purchase or other earning)",
    description:
      "Creates the member if unknown. Idempotent on ref: the same ref again answers the first result and writes nothing. A member blocked in the console is refused (MEMBER_BLOCKED, nothing written).",
    params: UidParams,
    body: EarnBody,
    ok: [{ status: 200, description: "Credited (or the first result of this ref).", schema: EarnResult }],
    errors: [
      ...BODY_ERRORS,
      "UNAUTHORIZED",
      "MEMBER_BLOCKED",
      "DAILY_CAP_REACHED",
      "EARN_LIMIT_REACHED",
      "REF_CONFLICT",
      "INVALID_AMOUNT",
      "EARN_TOO_LARGE",
    ],
  },
  {
    method: "post",
    path: "/api/v1/members/{uid}/points/deduct",
    summary: "Take points away",
    description:
      "Earliest-expiring points first; refused (nothing written) if the balance is short. Idempotent on ref.",
    params: UidParams,
    body: DeductBody,
    ok: [{ status: 200, description: "Deducted (or the first result of this ref).", schema: DeductResult }],
    errors: [
      ...BODY_ERRORS,
      "UNAUTHORIZED",
      "MEMBER_NOT_FOUND",
      "INSUFFICIENT_POINTS",
      "REF_CONFLICT",
      "INVALID_AMOUNT",
    ],
  },
  {
    method: "post",
    path: "/api/v1/members/{uid}/points/reverse",
    summary: "Take back an earlier earning",
    description:
      "The earning's remaining points first, then other points, never below zero; the rest is the shortfall. Idempotent on ref.",
    params: UidParams,
    body: ReverseBody,
    ok: [{ status: 200, description: "Reversed (or the first result of this ref).", schema: ReverseResult }],
    errors: [...BODY_ERRORS, "UNAUTHORIZED", "MEMBER_NOT_FOUND", "EARN_NOT_FOUND", "REF_CONFLICT"],
  },
  {
    method: "get",
    path: "/api/v1/members/{uid}/ledger",
    summary: "A member's points history, newest first",
    params: UidParams,
    query: LedgerQuery,
    ok: [{ status: 200, description: "One page of entries.", schema: LedgerPage }],
    errors: ["VALIDATION_FAILED", "UNAUTHORIZED", "MEMBER_NOT_FOUND"],
  },
  {
    method: "post",
    path: "/api/v1/items",
    summary: "Create an item",
    description:
      "Writes the item, its images and its starting stock. Idempotent on sku: the same sku with the same body answers the same id (200); " +
      "a taken sku with a different body is SKU_TAKEN. The slug is derived from the sku.",
    body: CreateItemBody,
    ok: [
      { status: 201, description: "Created.", schema: CreateItemResult },
      { status: 200, description: "This sku was already created with this body: its id.", schema: CreateItemResult },
    ],
    errors: [...BODY_ERRORS, "UNAUTHORIZED", "SKU_TAKEN"],
  },
  {
    method: "get",
    path: "/api/v1/items/{id}",
    summary: "An item with its live stock",
    description:
      "Catalogue fields from the database; available, held, sold and codesLeft exact from the item's stock object.",
    params: ItemIdParams,
    ok: [{ status: 200, description: "The item.", schema: ItemView }],
    errors: ["VALIDATION_FAILED", "UNAUTHORIZED", "ITEM_NOT_FOUND"],
  },
  {
    method: "get",
    path: "/api/v1/items/{id}/shards",
    summary: "An item's stock objects, one by one",
    description:
      "The live counts of each stock object the item's stock is split across (stockShards; one for most items), for reconciliation against the stock_shard_projection rows.",
    params: ItemIdParams,
    ok: [{ status: 200, description: "Every shard of the item.", schema: ItemShardsView }],
    errors: ["VALIDATION_FAILED", "UNAUTHORIZED", "ITEM_NOT_FOUND"],
  },
  {
    method: "patch",
    path: "/api/v1/items/{id}",
    summary: "Change an item",
    description:
      "Any field but sku and stock; null clears a nullable field; images, when given, replace all images. Answers the item with its live stock.",
    params: ItemIdParams,
    body: PatchItemRequest,
    ok: [{ status: 200, description: "The changed item.", schema: ItemView }],
    errors: [...BODY_ERRORS, "UNAUTHORIZED", "ITEM_NOT_FOUND", "TYPE_LOCKED"],
  },
  {
    method: "post",
    path: "/api/v1/items/{id}/stock",
    summary: "Add or remove stock",
    description:
      "Through the item's stock object; available stock never goes below zero. Idempotent on ref (a ref used for another operation is REF_CONFLICT).",
    params: ItemIdParams,
    body: StockAdjustBody,
    ok: [
      {
        status: 200,
        description: "The stock after the change (or after the first call with this ref).",
        schema: StockStatusView,
      },
    ],
    errors: [...BODY_ERRORS, "UNAUTHORIZED", "ITEM_NOT_FOUND", "STOCK_BELOW_ZERO", "REF_CONFLICT"],
  },
  {
    method: "post",
    path: "/api/v1/items/{id}/codes",
    summary: "Import coupon codes",
    description:
      "Adds codes to a coupon item's pool (1–5000 per call). Codes already in the pool or given out are skipped and counted, so a repeated import adds nothing. " +
      "Adding codes does not add stock, but a coupon item with imported codes sells no more units than it has free codes.",
    params: ItemIdParams,
    body: AddCodesBody,
    ok: [{ status: 200, description: "Added, skipped and unused codes.", schema: AddCodesResult }],
    errors: [...BODY_ERRORS, "UNAUTHORIZED", "ITEM_NOT_FOUND", "NOT_COUPON_ITEM"],
  },
  {
    method: "get",
    path: "/api/v1/orders",
    summary: "Orders, newest first",
    description:
      "Filtered by status, item, member and creation time; paged with an opaque cursor (no order twice, none skipped).",
    query: OrdersQuery,
    ok: [{ status: 200, description: "One page of orders.", schema: OrderPage }],
    errors: ["VALIDATION_FAILED", "UNAUTHORIZED"],
  },
  {
    method: "get",
    path: "/api/v1/orders/{id}",
    summary: "One order",
    params: OrderIdParams,
    ok: [{ status: 200, description: "The order.", schema: OrderApiView }],
    errors: ["VALIDATION_FAILED", "UNAUTHORIZED", "ORDER_NOT_FOUND"],
  },
  {
    method: "post",
    path: "/api/v1/orders/{id}/ship",
    summary: "Ship a physical order",
    description:
      "placed → shipped with the carrier and tracking number. The same carrier and tracking number again answers the shipped order.",
    params: OrderIdParams,
    body: ShipBody,
    ok: [{ status: 200, description: "The shipped order.", schema: OrderApiView }],
    errors: [...BODY_ERRORS, "UNAUTHORIZED", "ORDER_NOT_FOUND", "NOT_SHIPPABLE"],
  },
  {
    method: "post",
    path: "/api/v1/orders/{id}/complete",
    summary: "Finish an order",
    description:
      "A shipped physical order → completed (members can also confirm receipt on their order page); a placed virtual/service order → fulfilled. Finishing a finished order again answers it as it is.",
    params: OrderIdParams,
    body: CompleteBody,
    ok: [{ status: 200, description: "The finished order.", schema: OrderApiView }],
    errors: [...BODY_ERRORS, "UNAUTHORIZED", "ORDER_NOT_FOUND", "NOT_FINISHABLE"],
  },
  {
    method: "post",
    path: "/api/v1/orders/{id}/cancel",
    summary: "Cancel an order as the merchant",
    description:
      "The points go back to the lots they came from (with their original expiry) and the units back to stock.",
    params: OrderIdParams,
    body: CancelBody,
    ok: [{ status: 200, description: "The cancelled order.", schema: OrderApiView }],
    errors: [...BODY_ERRORS, "UNAUTHORIZED", "ORDER_NOT_FOUND", "NOT_CANCELLABLE"],
  },
  // @section webhooks
  {
    method: "post",
    path: "/api/v1/webhooks",
    summary: "Add a webhook endpoint",
    description:
      "Signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature: v1,<HMAC-SHA256>); the body is " +
      '{"type","timestamp","data"}. Delivered at least once, retried 5 s, 1 min, 5 min, 30 min, 2 h, 5 h, 8 h, 8 h after failures (any non-2xx or no answer within 5 s), then marked failed; ' +
      "an endpoint failing for a day is disabled. The same webhook-id always carries the same body. Idempotent on ref: the same ref with the same url and events answers the endpoint (200, without the secret).",
    body: CreateWebhookBody,
    ok: [
      { status: 201, description: "Created, with its secret (shown this once).", schema: CreateWebhookResult },
      { status: 200, description: "This ref already made this endpoint.", schema: CreateWebhookResult },
    ],
    errors: [...BODY_ERRORS, "UNAUTHORIZED", "WEBHOOK_URL_NOT_ALLOWED", "REF_CONFLICT"],
  },
  {
    method: "get",
    path: "/api/v1/webhooks",
    summary: "The webhook endpoints",
    ok: [{ status: 200, description: "Every endpoint not deleted, newest first.", schema: WebhookList }],
    errors: ["UNAUTHORIZED"],
  },
  {
    method: "get",
    path: "/api/v1/webhooks/{id}",
    summary: "One webhook endpoint",
    params: WebhookIdParams,
    ok: [{ status: 200, description: "The endpoint (never its secret).", schema: WebhookView }],
    errors: ["VALIDATION_FAILED", "UNAUTHORIZED", "WEBHOOK_NOT_FOUND"],
  },
  {
    method: "delete",
    path: "/api/v1/webhooks/{id}",
    summary: "Delete a webhook endpoint",
    description: "Nothing more is sent to it, retries included.",
    params: WebhookIdParams,
    ok: [
      {
        status: 200,
        description: "Deleted.",
        schema: z.object({ id: z.string(), deleted: z.literal(true) }),
      },
    ],
    errors: ["VALIDATION_FAILED", "UNAUTHORIZED", "WEBHOOK_NOT_FOUND"],
  },
  {
    method: "post",
    path: "/api/v1/webhooks/{id}/rotate",
    summary: "Rotate a webhook endpoint's secret",
    description:
      "The new secret signs at once; the previous one keeps signing beside it (two v1 signatures) for graceHours.",
    params: WebhookIdParams,
    body: RotateWebhookBody,
    ok: [{ status: 200, description: "The new secret (shown this once).", schema: RotateWebhookResult }],
    errors: [...BODY_ERRORS, "UNAUTHORIZED", "WEBHOOK_NOT_FOUND"],
  },
  {
    method: "get",
    path: "/api/v1/webhooks/{id}/deliveries",
    summary: "The endpoint's delivery log, newest first",
    params: WebhookIdParams,
    ok: [{ status: 200, description: "The latest 100 deliveries.", schema: DeliveryList }],
    errors: ["VALIDATION_FAILED", "UNAUTHORIZED", "WEBHOOK_NOT_FOUND"],
  },
  {
    method: "post",
    path: "/api/v1/webhooks/{id}/deliveries/{eventId}/redeliver",
    summary: "Send one event again",
    description: "The same webhook-id and body, as soon as possible, with a fresh retry schedule.",
    params: WebhookEventParams,
    ok: [
      {
        status: 200,
        description: "Queued.",
        schema: z.object({ eventId: z.string(), state: z.literal("pending") }),
      },
    ],
    errors: ["VALIDATION_FAILED", "UNAUTHORIZED", "WEBHOOK_NOT_FOUND", "DELIVERY_NOT_FOUND"],
  },
  ...WECHAT_ENDPOINTS,
  ...TASK_ENDPOINTS,
  ...CAMPAIGN_ENDPOINTS,
  {
    method: "post",
    path: "/api/v1/lotteries",
    summary: "Create a lottery (大转盘 / 刮刮卡)",
    description:
      "A campaign with its prizes (points, a catalogue item placed as a zero-point order, or 谢谢参与), each with a weight and a stock. " +
      "A draw costs costPoints (the first freeDrawsPerDay of a member's day are free), at most dailyLimit a day and totalLimit in all. " +
      "Idempotent on ref: the same ref with the same body answers the same id (200); another body is REF_CONFLICT.",
    body: CreateLotteryBody,
    ok: [
      { status: 201, description: "Created.", schema: CreateLotteryResult },
      { status: 200, description: "This ref was already used with this body: its id.", schema: CreateLotteryResult },
    ],
    errors: [...BODY_ERRORS, "UNAUTHORIZED", "REF_CONFLICT"],
  },
  {
    method: "get",
    path: "/api/v1/lotteries/{id}",
    summary: "A lottery with its prizes' stock left and current odds",
    description: "Stock, awards and odds exact from the lottery's object.",
    params: LotteryIdParams,
    ok: [{ status: 200, description: "The lottery.", schema: LotteryView }],
    errors: ["VALIDATION_FAILED", "UNAUTHORIZED", "LOTTERY_NOT_FOUND"],
  },
  {
    method: "get",
    path: "/api/v1/lotteries/{id}/draws",
    summary: "A lottery's draws, newest first",
    params: LotteryIdParams,
    query: DrawsQuery,
    ok: [{ status: 200, description: "One page of draws.", schema: DrawPage }],
    errors: ["VALIDATION_FAILED", "UNAUTHORIZED", "LOTTERY_NOT_FOUND"],
  },
  {
    method: "post",
    path: "/api/v1/group-deals",
    summary: "Offer an item as a group deal (拼团)",
    description:
      "Members open a group of groupSize or join an open one, each paying pointsPrice (below the item's price) at once; " +
      "a group that fills within fillHours orders the item for every member, one that does not refunds every member's points to their lots. " +
      "Idempotent on ref (the same ref with the same body answers the same id; another body is REF_REUSED).",
    body: CreateGroupDealBody,
    ok: [
      { status: 201, description: "Created.", schema: CreateGroupDealResult },
      { status: 200, description: "This ref was already used with this body: its id.", schema: CreateGroupDealResult },
    ],
    errors: [...BODY_ERRORS, "UNAUTHORIZED", "REF_CONFLICT"],
  },
  {
    method: "post",
    path: "/api/v1/code-batches",
    summary: "Create a batch of redeem codes (兑换码)",
    description:
      "count random codes (12 characters without 0/O/1/I, shown as XXXX-XXXX-XXXX), each crediting points once to the member who " +
      "enters it on /codes (or opens /codes?c=CODE from a printed QR code), until expiresAt; at most perMemberLimit per member. " +
      "The codes are in this answer only: the mall stores their SHA-256, never the codes, and keeps no copy of the answer. " +
      "Idempotent on ref: the same ref with the same body answers the batch again with codes null (200); another body is REF_CONFLICT.",
    body: CreateCodeBatchBody,
    ok: [
      { status: 201, description: "Created: the codes, once.", schema: CreateCodeBatchResult },
      { status: 200, description: "This ref already made this batch: codes null.", schema: CreateCodeBatchResult },
    ],
    errors: [...BODY_ERRORS, "UNAUTHORIZED", "REF_CONFLICT"],
  },
  {
    method: "get",
    path: "/api/v1/group-deals",
    summary: "Every group deal, newest first",
    ok: [{ status: 200, description: "The deals.", schema: GroupDealList }],
    errors: ["UNAUTHORIZED"],
  },
  {
    method: "get",
    path: "/api/v1/group-deals/{id}",
    summary: "A group deal with its groups and their state",
    description: "The groups as their objects project them (open, filled, completed, failing, failed).",
    params: GroupDealIdParams,
    ok: [{ status: 200, description: "The deal.", schema: GroupDealView }],
    errors: ["VALIDATION_FAILED", "UNAUTHORIZED", "GROUP_DEAL_NOT_FOUND"],
  },
  {
    method: "get",
    path: "/api/v1/code-batches/{id}",
    summary: "A redeem-code batch with its used and unused counts",
    params: CodeBatchIdParams,
    ok: [{ status: 200, description: "The batch (never its codes).", schema: CodeBatchView }],
    errors: ["VALIDATION_FAILED", "UNAUTHORIZED", "CODE_BATCH_NOT_FOUND"],
  },
];

/** The error body with the codes one response can carry. */
function errorBody(codes: readonly [ErrorCode, ...ErrorCode[]]) {
  return z.object({
    error: z.object({
      code: z.enum(codes),
      message: z
        .string()
        .describe("For people, in the language Accept-Language asks for (zh-CN, zh-Hant or en; else zh-CN)."),
    }),
  });
}

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io }) as JsonSchema;
  return rest;
}

export function buildOpenApi(): JsonSchema {
  const components: Record<string, JsonSchema> = {};
  /** Named schemas (with a meta title) go to components and are referenced; others are inlined. */
  const ref = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
    const title = z.globalRegistry.get(schema)?.title;
    const json = jsonSchema(schema, io);
    if (!title) return json;
    components[title] = json;
    return { $ref: `#/components/schemas/${title}` };
  };
  const parameters = (obj: z.ZodObject | undefined, where: "path" | "query") => {
    if (!obj) return [];
    const json = jsonSchema(obj, "input") as { properties: Record<string, JsonSchema>; required?: string[] };
    return Object.entries(json.properties).map(([name, schema]) => {
      const { description, ...rest } = schema;
      return {
        name,
        in: where,
        required: where === "path" || (json.required ?? []).includes(name),
        description,
        schema: rest,
      };
    });
  };

  const paths: Record<string, Record<string, unknown>> = {
    "/api/v1/openapi.json": {
      get: {
        operationId: "openapi",
        summary: "This document",
        security: [],
        responses: {
          "200": {
            description: "OpenAPI 3.1 document.",
            content: { "application/json": { schema: { type: "object" } } },
          },
        },
      },
    },
  };
  for (const e of ENDPOINTS) {
    const responses: Record<string, unknown> = {};
    for (const ok of e.ok) {
      responses[String(ok.status)] = {
        description: ok.description,
        content: { "application/json": { schema: ref(ok.schema, "output") } },
      };
    }
    const byStatus = new Map<number, ErrorCode[]>();
    const errors = ONCE_PER_REF.has(`${e.method} ${e.path}`) ? [...e.errors, ...REF_ERRORS] : e.errors;
    for (const code of [...errors, "INTERNAL" as const]) {
      const status = ERROR_CODES[code].status;
      byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
    }
    for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
      responses[String(status)] = {
        description: codes.map((code) => `${code}: ${t(ERROR_CODES[code].message)}`).join("; "),
        ...(status === 401
          ? { headers: { "WWW-Authenticate": { schema: { type: "string" }, description: "Bearer" } } }
          : {}),
        content: {
          "application/json": { schema: jsonSchema(errorBody(codes as [ErrorCode, ...ErrorCode[]]), "output") },
        },
      };
    }
    paths[e.path] ??= {};
    paths[e.path]![e.method] = {
      operationId: `${e.method}${e.path
        .replace(/^\/api\/v1/, "")
        .replace(/\{(\w+)\}/g, "By-$1")
        .replace(/[/-](\w)/g, (_, ch: string) => ch.toUpperCase())}`,
      summary: e.summary,
      ...(e.description ? { description: e.description } : {}),
      parameters: [...parameters(e.params, "path"), ...parameters(e.query, "query")],
      ...(e.body
        ? { requestBody: { required: true, content: { "application/json": { schema: ref(e.body, "input") } } } }
        : {}),
      responses,
    };
  }

  return {
    openapi: "3.1.0",
    info: {
      title: "Points Mall Merchant API",
      version: "1.0.0",
      description:
        "Members and their points, items and their stock, and orders, for the merchant's own servers. " +
        "Every mutation of members, points, items and orders takes a `ref` (required, except on PUT /members/{uid} and POST /items, which are idempotent by their body and sku): " +
        "the same ref with the same body again answers the first success (status and body, header `Idempotent-Replayed: true`) and writes nothing; " +
        "the same ref with another body is 422 REF_REUSED; while the first call with a ref still runs, a second waits for its answer (up to 5 s, else 409 REF_IN_PROGRESS). " +
        "A refused call (4xx) leaves its ref free. A ref belongs to one method and path: the same ref on another endpoint or resource is another request. " +
        "The webhook endpoints and the WeChat binding say on each how a repeat is safe. Times are ISO 8601. " +
        'Errors are `{"error":{"code","message"}}` with status 400/401/403/404/409/422; the code is stable, the message is for people, ' +
        "in the language the request's Accept-Language asks for (zh-CN, zh-Hant or en; zh-CN otherwise). " +
        "Every answer but this document carries `Cache-Control: no-store`. Text fields follow one rule: trimmed, NFC-normalised, " +
        "no control characters (NUL included), no bidi controls, no lone surrogates (422 otherwise).",
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "The MERCHANT_API_TOKEN or an API key." },
      },
      schemas: {
        ...components,
        Error: jsonSchema(errorBody(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]), "output"),
      },
    },
  };
}

// One document per language: the error codes' descriptions are the catalogue's texts in the request's locale,
// so a single cached copy would serve whichever language asked first (it varies by Accept-Language).
const cached = new Map<Locale, string>();

export const openapi = new Hono<AppEnv>().get("/openapi.json", (c) => {
  const locale = currentLocale();
  let doc = cached.get(locale);
  if (!doc) {
    doc = JSON.stringify(buildOpenApi());
    cached.set(locale, doc);
  }
  return c.body(doc, 200, {
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": "public, max-age=300",
  });
});
