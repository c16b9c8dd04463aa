// Merchant API: webhook endpoints (/api/v1/webhooks; docs/architecture.md §4.4). POST makes one (idempotent on
// ref; the secret in the first answer only), GET lists or reads, DELETE removes; rotate gives a new secret
// with a grace period; deliveries and redeliver read and re-drive the endpoint's delivery object.
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";
import { validate } from "../validate";
import {
  createEndpoint,
  deleteEndpoint,
  deliveryFor,
  getEndpoint,
  listEndpoints,
  rotateSecret,
  toEndpointView,
  wakeDelivery,
  type EndpointView,
} from "../webhooks/endpoints";
import { checkWebhookUrl } from "../webhooks/url-rule";
import { apiAuth } from "./auth";
import { jsonBody } from "./json-body";
import {
  CreateWebhookBody,
  RotateWebhookBody,
  WebhookEventParams,
  WebhookIdParams,
  type WebhookApiView,
} from "./schemas";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toWebhookApiView(e: EndpointView): WebhookApiView {
  return {
    id: e.id,
    url: e.url,
    events: e.events as WebhookApiView["events"],
    description: e.description,
    enabled: e.enabled,
    disabledReason: (e.disabledReason as WebhookApiView["disabledReason"]) ?? null,
    previousSecretValidUntil: iso(e.previousValidUntil),
    createdAt: iso(e.createdAt)!,
  };
}

export const webhooksApi = new Hono<AppEnv>()
  .use(apiAuth())
  .post("/", jsonBody(CreateWebhookBody), async (c) => {
    const body = c.req.valid("json");
    if (!checkWebhookUrl(body.url, c.env.MALL_ENV).ok) throw new AppError("WEBHOOK_URL_NOT_ALLOWED");
    const now = Date.now();
    const r = await createEndpoint(c.var.db, {
      url: body.url,
      events: body.events,
      description: body.description ?? "",
      ref: body.ref,
      actor: c.var.apiCaller,
      now,
    });
    if (!r.ok) throw new AppError(r.code);
    await wakeDelivery(c.env, r.endpoint.id, now);
    if (r.created) return c.json({ ...toWebhookApiView(r.endpoint), secret: r.secret }, 201);
    return c.json(toWebhookApiView(r.endpoint), 200);
  })
  .get("/", async (c) => c.json({ webhooks: (await listEndpoints(c.var.db)).map(toWebhookApiView) }))
  .get("/:id", validate("param", WebhookIdParams), async (c) => {
    const r = await getEndpoint(c.var.db, c.req.valid("param").id);
    if (!r) throw new AppError("WEBHOOK_NOT_FOUND");
    return c.json(toWebhookApiView(toEndpointView(r)));
  })
  .delete("/:id", validate("param", WebhookIdParams), async (c) => {
    const id = c.req.valid("param").id;
    const now = Date.now();
    if (!(await deleteEndpoint(c.var.db, id, c.var.apiCaller, now))) throw new AppError("WEBHOOK_NOT_FOUND");
    await wakeDelivery(c.env, id, now); // it finds itself deleted and clears its state
    return c.json({ id, deleted: true });
  })
  .post("/:id/rotate", validate("param", WebhookIdParams), jsonBody(RotateWebhookBody), async (c) => {
    const r = await rotateSecret(
      c.var.db,
      c.req.valid("param").id,
      c.req.valid("json").graceHours,
      c.var.apiCaller,
      Date.now(),
    );
    if (!r) throw new AppError("WEBHOOK_NOT_FOUND");
    return c.json({ secret: r.secret, previousSecretValidUntil: iso(r.previousValidUntil) });
  })
  .get("/:id/deliveries", validate("param", WebhookIdParams), async (c) => {
    const id = c.req.valid("param").id;
    if (!(await getEndpoint(c.var.db, id))) throw new AppError("WEBHOOK_NOT_FOUND");
    const list = await deliveryFor(c.env, id).deliveries({ limit: 100 });
    return c.json({
      deliveries: list.map((d) => ({
        eventId: d.eventId,
        type: d.type,
        state: d.state,
        attempts: d.attempts,
        nextAttemptAt: iso(d.nextAttemptAt),
        lastStatus: d.lastStatus,
        lastResponseMs: d.lastMs,
        lastError: d.lastError,
        payload: d.body,
      })),
    });
  })
  .post("/:id/deliveries/:eventId/redeliver", validate("param", WebhookEventParams), async (c) => {
    const { id, eventId } = c.req.valid("param");
    if (!(await getEndpoint(c.var.db, id))) throw new AppError("WEBHOOK_NOT_FOUND");
    const r = await deliveryFor(c.env, id).redeliver({ eventId, now: Date.now() });
    if (!r.ok) throw new AppError(r.code);
    return c.json({ eventId, state: "pending" as const });
  });
