// Webhook 推送 /admin/webhooks (owners only): the endpoints, adding one (its secret shown once), one endpoint's
// page (pause / enable / delete, secret rotation with a grace period, the delivery log with redeliver). The
// changes are the API's (worker/webhooks/endpoints.ts), each with its audit row in the same batch.
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { t } from "../../../views/i18n";
import type { AdminDeliveryView, AdminWebhookView } from "../../../views/admin/webhooks/types";
import { DeliveryRow } from "../../../views/admin/webhooks/delivery-row";
import { AdminWebhookPage } from "../../../views/admin/webhooks/webhook-page";
import { AdminWebhooksPage } from "../../../views/admin/webhooks/webhooks-page";
import type { AppEnv } from "../../app-env";
import { AppError } from "../../errors";
import { CSRF_FIELD } from "../../identity/csrf";
import { fragmentResponse, pageResponse } from "../../render";
import { isHtmx } from "../../request-kind";
import { loadSettings } from "../../settings/load-settings";
import { text } from "../../text-rule";
import { validate } from "../../validate";
import {
  createEndpoint,
  deleteEndpoint,
  deliveryFor,
  getEndpoint,
  listEndpoints,
  ROTATION_GRACE_HOURS,
  rotateSecret,
  setEnabled,
  toEndpointView,
  wakeDelivery,
  type EndpointView,
} from "../../webhooks/endpoints";
import { WEBHOOK_EVENT_TYPES, isWebhookEventType } from "../../webhooks/event-types";
import type { DeliveryView } from "../../webhooks/types";
import { checkWebhookUrl } from "../../webhooks/url-rule";
import { meView, requireCsrf } from "../context";
import { requireRole } from "../middleware";

const IdParam = z.object({ id: z.string().regex(/^we_[0-9a-f]{20}$/) });
const EventParam = IdParam.extend({ eventId: z.string().regex(/^evt_[0-9a-f]{32}$/) });
const Description = text({ max: 100, min: 0, messages: { required: "d", tooLong: "d", invalid: "d" } });
const Grace = z.coerce.number().pipe(z.literal(ROTATION_GRACE_HOURS));

export function toAdminWebhook(e: EndpointView, now: number): AdminWebhookView {
  return {
    id: e.id,
    url: e.url,
    events: e.events,
    description: e.description,
    state: e.enabled ? "enabled" : e.disabledReason === "failing" ? "failing" : "paused",
    previousValidUntil: e.previousValidUntil !== null && e.previousValidUntil > now ? e.previousValidUntil : null,
    createdAt: e.createdAt,
  };
}

const toAdminDelivery = (d: DeliveryView): AdminDeliveryView => ({
  eventId: d.eventId,
  type: d.type,
  state: d.state,
  nextAttemptAt: d.nextAttemptAt,
  body: d.body,
  log: d.log,
});

const asList = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String);

async function listPage(
  c: Context<AppEnv>,
  extra: {
    created?: { url: string; secret: string };
    error?: { message: string; url: string; description: string; events: string[] };
  } = {},
  status = 200,
) {
  const [settings, endpoints, me] = await Promise.all([loadSettings(c.var.db), listEndpoints(c.var.db), meView(c)]);
  const now = Date.now();
  return pageResponse(
    <AdminWebhooksPage
      brandColor={settings.mall.brandColor}
      timeZone={settings.timeZone}
      me={me}
      endpoints={endpoints.map((e) => toAdminWebhook(e, now))}
      eventTypes={WEBHOOK_EVENT_TYPES}
      {...extra}
    />,
    settings.mall.brandColor,
    status,
  );
}

async function endpointPage(c: Context<AppEnv>, id: string, rotated?: string) {
  const [settings, row, me] = await Promise.all([loadSettings(c.var.db), getEndpoint(c.var.db, id), meView(c)]);
  if (!row) throw new AppError("WEBHOOK_NOT_FOUND");
  const deliveries = await deliveryFor(c.env, id).deliveries({ limit: 50 });
  return pageResponse(
    <AdminWebhookPage
      brandColor={settings.mall.brandColor}
      timeZone={settings.timeZone}
      me={me}
      endpoint={toAdminWebhook(toEndpointView(row), Date.now())}
      deliveries={deliveries.map(toAdminDelivery)}
      graceHours={ROTATION_GRACE_HOURS}
      rotated={rotated}
    />,
    settings.mall.brandColor,
  );
}

async function csrfForm(c: Context<AppEnv>) {
  const form = await c.req.parseBody({ all: true });
  await requireCsrf(c, form[CSRF_FIELD]);
  return form;
}

async function toggle(c: Context<AppEnv>, id: string, enable: boolean) {
  await csrfForm(c);
  const now = Date.now();
  if (!(await setEnabled(c.var.db, id, enable, c.var.admin.email, now))) throw new AppError("WEBHOOK_NOT_FOUND");
  if (enable) await wakeDelivery(c.env, id, now);
  return c.redirect(`/admin/webhooks/${id}`, 303);
}

export const adminWebhooksRoutes = new Hono<AppEnv>()
  .use("*", requireRole("owner"))
  .get("/", (c) => listPage(c))

  .post("/", async (c) => {
    const form = await csrfForm(c);
    const url = String(form.url ?? "").trim();
    const events = asList(form.events);
    const description = Description.safeParse(String(form.description ?? ""));
    const typed = { url, description: String(form.description ?? ""), events };
    if (!url || events.length === 0 || !events.every(isWebhookEventType) || !description.success)
      return listPage(c, { error: { message: t("admin.webhooks.create.invalid"), ...typed } }, 422);
    if (!checkWebhookUrl(url, c.env.MALL_ENV).ok)
      return listPage(c, { error: { message: t("error.WEBHOOK_URL_NOT_ALLOWED"), ...typed } }, 422);
    const now = Date.now();
    const r = await createEndpoint(c.var.db, {
      url,
      events,
      description: description.data,
      ref: null,
      actor: c.var.admin.email,
      now,
    });
    if (!r.ok || !r.created) throw new AppError("INTERNAL");
    await wakeDelivery(c.env, r.endpoint.id, now);
    return listPage(c, { created: { url, secret: r.secret } });
  })

  .get("/:id", validate("param", IdParam, "NOT_FOUND"), (c) => endpointPage(c, c.req.valid("param").id))

  .post("/:id/rotate", validate("param", IdParam, "NOT_FOUND"), async (c) => {
    const form = await csrfForm(c);
    const grace = Grace.safeParse(form.graceHours);
    if (!grace.success) throw new AppError("VALIDATION_FAILED", t("api.webhooks.grace"));
    const id = c.req.valid("param").id;
    const r = await rotateSecret(c.var.db, id, grace.data, c.var.admin.email, Date.now());
    if (!r) throw new AppError("WEBHOOK_NOT_FOUND");
    return endpointPage(c, id, r.secret);
  })

  .post("/:id/enable", validate("param", IdParam, "NOT_FOUND"), (c) => toggle(c, c.req.valid("param").id, true))
  .post("/:id/pause", validate("param", IdParam, "NOT_FOUND"), (c) => toggle(c, c.req.valid("param").id, false))

  .post("/:id/delete", validate("param", IdParam, "NOT_FOUND"), async (c) => {
    await csrfForm(c);
    const id = c.req.valid("param").id;
    const now = Date.now();
    if (!(await deleteEndpoint(c.var.db, id, c.var.admin.email, now))) throw new AppError("WEBHOOK_NOT_FOUND");
    await wakeDelivery(c.env, id, now);
    return c.redirect("/admin/webhooks", 303);
  })

  .post("/:id/deliveries/:eventId/redeliver", validate("param", EventParam, "NOT_FOUND"), async (c) => {
    await csrfForm(c);
    const { id, eventId } = c.req.valid("param");
    if (!(await getEndpoint(c.var.db, id))) throw new AppError("WEBHOOK_NOT_FOUND");
    const stub = deliveryFor(c.env, id);
    const r = await stub.redeliver({ eventId, now: Date.now() });
    if (!r.ok) throw new AppError(r.code);
    if (!isHtmx(c.req.raw)) return c.redirect(`/admin/webhooks/${id}`, 303);
    const [settings, me, list] = await Promise.all([
      loadSettings(c.var.db),
      meView(c),
      stub.deliveries({ limit: 1, eventId }),
    ]);
    const d = list.find((x) => x.eventId === eventId);
    if (!d) throw new AppError("DELIVERY_NOT_FOUND");
    return fragmentResponse(
      <DeliveryRow endpointId={id} delivery={toAdminDelivery(d)} timeZone={settings.timeZone} csrf={me.csrf} queued />,
    );
  });
