// The event types an endpoint can subscribe to: each is written by one trigger of migration 0006_webhooks
// (docs/architecture.md §4.4); order.paid by the payments triggers (events_payment_paid_*, a payment becoming
// paid once); group.* by the group buy's (migration group_buy); lottery.won by events_lottery_won (migration
// games) on the lottery's projected draws. New earning sources add theirs with their trigger.
export const WEBHOOK_EVENT_TYPES = [
  "points.earned",
  "points.spent",
  "points.expired",
  "points.refunded",
  "points.adjusted",
  "order.placed",
  "order.shipped",
  "order.completed",
  "order.cancelled",
  "order.paid",
  "member.created",
  "member.tier_changed",
  "group.completed",
  "group.failed",
  "lottery.won",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const isWebhookEventType = (s: string): s is WebhookEventType =>
  (WEBHOOK_EVENT_TYPES as readonly string[]).includes(s);
