import type { Catalogue } from "../types";
import type { adminWebhooksMessages as zh } from "../zh-CN/admin-webhooks";

// The console's webhook endpoints (Webhook 推送).
export const adminWebhooksMessages = {
  "admin.webhooks.title": "Webhooks",
  "admin.webhooks.intro":
    "When points change, or an order or member event happens, the mall sends signed JSON to your server (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature). The content for one webhook-id never changes, so you can use it to de-duplicate.",
  "admin.webhooks.listLabel": "Webhook endpoints",
  "admin.webhooks.empty": "No webhook endpoints yet",
  "admin.webhooks.state.enabled": "Sending",
  "admin.webhooks.state.paused": "Paused",
  "admin.webhooks.state.failing": "Disabled (repeated failures)",
  "admin.webhooks.created": "Created {time}",
  "admin.webhooks.open": "View",
  "admin.webhooks.failingNotice":
    "Deliveries to the webhook endpoint {url} failed for a whole day, so it was disabled. Check the receiving service, then enable it again.",
  "admin.webhooks.failingNoticeLink": "Fix it",
  "admin.webhooks.create.title": "Add an endpoint",
  "admin.webhooks.create.url": "Receiving URL (https)",
  "admin.webhooks.create.urlHint":
    "Must be a public https address. Redirects aren't followed; no 2xx answer within 5 seconds counts as a failure and is retried.",
  "admin.webhooks.create.description": "Note (optional, at most 100 characters)",
  "admin.webhooks.create.events": "Events to send",
  "admin.webhooks.create.submit": "Add",
  "admin.webhooks.create.invalid": "Please enter a receiving URL and choose at least one event",
  "admin.webhooks.secret.created": "Endpoint {url} added",
  "admin.webhooks.secret.rotated": "A new signing secret was generated",
  "admin.webhooks.secret.showOnce":
    "The signing secret is shown only this once. Copy it now into the receiving service:",
  "admin.webhooks.detail.url": "Receiving URL",
  "admin.webhooks.detail.events": "Events",
  "admin.webhooks.detail.state": "Status",
  "admin.webhooks.detail.grace": "The old secret also signs until {time}",
  "admin.webhooks.enable": "Enable again",
  "admin.webhooks.pause": "Pause",
  "admin.webhooks.delete": "Delete endpoint",
  "admin.webhooks.rotate.title": "Rotate the signing secret",
  "admin.webhooks.rotate.hint":
    "The new secret takes effect at once; during the grace period each delivery carries both the old and the new signature, so the receiver can switch over smoothly.",
  "admin.webhooks.rotate.grace": "Grace period for the old secret",
  "admin.webhooks.rotate.graceHours": "{hours} hours",
  "admin.webhooks.rotate.none": "None (the old secret stops working at once)",
  "admin.webhooks.rotate.submit": "Generate a new secret",
  "admin.webhooks.log.title": "Deliveries",
  "admin.webhooks.log.label": "Recent deliveries",
  "admin.webhooks.log.empty": "No deliveries yet",
  "admin.webhooks.log.state.pending": "Waiting to retry",
  "admin.webhooks.log.state.delivered": "Delivered",
  "admin.webhooks.log.state.failed": "Failed",
  "admin.webhooks.log.attempt": "Attempt {n} · {time} · {status} · {ms} ms",
  "admin.webhooks.log.noAnswer": "No answer ({error})",
  "admin.webhooks.log.next": "Next retry: {time}",
  "admin.webhooks.log.manual": "manual resend",
  "admin.webhooks.log.redeliver": "Send again",
  "admin.webhooks.log.queued": "Queued for delivery",
  "admin.webhooks.log.payload": "Payload",
} as const satisfies Catalogue<typeof zh>;
