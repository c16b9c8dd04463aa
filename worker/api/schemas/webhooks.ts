// Webhook endpoints: request and response schemas (validation and the OpenAPI document both use these).
import { z } from "zod";
import { lazy } from "../../../views/i18n";
import { ROTATION_GRACE_HOURS } from "../../webhooks/endpoints";
import { WEBHOOK_EVENT_TYPES } from "../../webhooks/event-types";
import { apiText, IsoTime, Ref, required } from "./common";

const EventType = z.enum(WEBHOOK_EVENT_TYPES, {
  error: lazy("api.webhooks.events", { types: WEBHOOK_EVENT_TYPES.join(", ") }),
});

export const WebhookUrl = z
  .string(required(lazy("api.webhooks.url")))
  .max(2000, { error: lazy("api.webhooks.url") })
  .refine((s) => URL.canParse(s), { error: lazy("api.webhooks.url") })
  .describe(
    "Where to POST: an https URL on a public host (no IP literal in a private, loopback or link-local range, no localhost, no credentials; 422 WEBHOOK_URL_NOT_ALLOWED). Redirects are not followed.",
  );

export const WebhookIdParams = z.object({
  id: z.string().regex(/^we_[0-9a-f]{20}$/, { error: lazy("api.webhooks.id") }),
});
export const WebhookEventParams = WebhookIdParams.extend({
  eventId: z.string().regex(/^evt_[0-9a-f]{32}$/, { error: lazy("api.webhooks.eventId") }),
});

export const CreateWebhookBody = z
  .strictObject({
    ref: Ref,
    url: WebhookUrl,
    events: z
      .array(EventType, required(lazy("api.webhooks.events", { types: WEBHOOK_EVENT_TYPES.join(", ") })))
      .min(1, { error: lazy("api.webhooks.events", { types: WEBHOOK_EVENT_TYPES.join(", ") }) })
      .max(20, { error: lazy("api.webhooks.events", { types: WEBHOOK_EVENT_TYPES.join(", ") }) })
      .describe("The event types to receive."),
    description: apiText(100).optional().describe("What it is for (≤ 100 characters)."),
  })
  .meta({ title: "CreateWebhookBody", description: "A new endpoint; it receives the events recorded after it." });

export const RotateWebhookBody = z
  .strictObject({
    graceHours: z
      .literal(ROTATION_GRACE_HOURS, { error: lazy("api.webhooks.grace") })
      .default(24)
      .describe("How long the previous secret keeps signing beside the new one (hours; default 24)."),
  })
  .meta({ title: "RotateWebhookBody" });

export const WebhookView = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(EventType),
    description: z.string(),
    enabled: z.boolean(),
    disabledReason: z
      .enum(["paused", "failing"])
      .nullable()
      .describe("failing: disabled after a day of failed deliveries; paused: by the merchant."),
    previousSecretValidUntil: IsoTime.nullable().describe("After a rotation: until when the old secret also signs."),
    createdAt: IsoTime,
  })
  .meta({ title: "Webhook" });

export const CreateWebhookResult = WebhookView.extend({
  secret: z
    .string()
    .optional()
    .describe(
      "whsec_… — shown in the first answer only (a repeat of the same ref answers the endpoint without it; rotate to get a new one).",
    ),
}).meta({ title: "CreatedWebhook" });

export const WebhookList = z.object({ webhooks: z.array(WebhookView) }).meta({ title: "WebhookList" });

export const RotateWebhookResult = z
  .object({ secret: z.string(), previousSecretValidUntil: IsoTime.nullable() })
  .meta({ title: "RotatedWebhookSecret" });

export const DeliveryApiView = z
  .object({
    eventId: z.string().describe("The webhook-id."),
    type: EventType,
    state: z.enum(["pending", "delivered", "failed"]),
    attempts: z.int(),
    nextAttemptAt: IsoTime.nullable(),
    lastStatus: z.int().nullable(),
    lastResponseMs: z.int().nullable(),
    lastError: z.string().nullable(),
    payload: z.string().describe("The exact body every attempt sends."),
  })
  .meta({ title: "WebhookDelivery" });

export const DeliveryList = z.object({ deliveries: z.array(DeliveryApiView) }).meta({ title: "WebhookDeliveries" });

export type WebhookApiView = z.infer<typeof WebhookView>;
