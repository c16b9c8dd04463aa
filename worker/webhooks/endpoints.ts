// Webhook endpoints in Turso (`webhook_endpoints`): made, listed, paused/enabled, rotated and deleted by the
// console and the Merchant API alike. Each change writes its audit row in the same batch. The secret is
// answered only by create and rotate (shown once); lists never carry it.
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { webhookEndpoints } from "../../db/schema";
import { auditEntry } from "../audit/audit-log";
import { generateWebhookSecret } from "./sign";
import type { WebhookDeliveryApi } from "./types";

export type EndpointRow = typeof webhookEndpoints.$inferSelect;

export type EndpointView = {
  id: string;
  url: string;
  events: string[];
  description: string;
  enabled: boolean;
  disabledAt: number | null;
  /** "failing": disabled after a day of failed deliveries; "paused": by the merchant */
  disabledReason: string | null;
  /** after a rotation: until when the previous secret still signs */
  previousValidUntil: number | null;
  createdAt: number;
};

export const toEndpointView = (r: EndpointRow): EndpointView => ({
  id: r.id,
  url: r.url,
  events: r.events,
  description: r.description,
  enabled: r.enabled,
  disabledAt: r.disabledAt,
  disabledReason: r.disabledReason,
  previousValidUntil: r.previousValidUntil,
  createdAt: r.createdAt,
});

export const endpointTarget = (id: string) => `webhook:${id}`;

/** The grace periods a rotation offers (hours); during it both secrets sign every delivery. */
export const ROTATION_GRACE_HOURS = [0, 1, 24, 72, 168] as const;

export function newEndpointId(): string {
  const b = crypto.getRandomValues(new Uint8Array(10));
  return `we_${[...b].map((x) => x.toString(16).padStart(2, "0")).join("")}`;
}

export function deliveryFor(env: Pick<Env, "WEBHOOK_DELIVERY">, endpointId: string): WebhookDeliveryApi {
  return env.WEBHOOK_DELIVERY.getByName(endpointId) as unknown as WebhookDeliveryApi;
}

/** Makes the endpoint's delivery object look for work now (a new endpoint, one enabled again, a redeliver). */
export async function wakeDelivery(env: Pick<Env, "WEBHOOK_DELIVERY">, endpointId: string, now: number) {
  await deliveryFor(env, endpointId).wake({ endpointId, now });
}

export type CreateInput = {
  url: string;
  events: string[];
  description: string;
  /** the API's idempotency key; null from the console */
  ref: string | null;
  actor: string;
  now: number;
};

export type CreateResult =
  | { ok: true; created: true; endpoint: EndpointView; secret: string }
  | { ok: true; created: false; endpoint: EndpointView }
  | { ok: false; code: "REF_CONFLICT" };

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** A new endpoint receiving the events after the last one now recorded; the same ref again answers the same
 *  endpoint (without its secret) when url and events match, REF_CONFLICT otherwise. */
export async function createEndpoint(db: Db, input: CreateInput): Promise<CreateResult> {
  const id = newEndpointId();
  const secret = generateWebhookSecret();
  const events = [...new Set(input.events)].sort();
  await db.batch([
    db.run(sql`insert into webhook_endpoints (id, url, events, description, secret, start_seq, enabled, ref, created_at, updated_at)
      select ${id}, ${input.url}, ${JSON.stringify(events)}, ${input.description}, ${secret},
        coalesce((select max(seq) from events), 0), 1, ${input.ref}, ${input.now}, ${input.now}
      where true on conflict do nothing`),
    db.run(sql`insert into audit_log (actor, action, target, before, after, at)
      select ${input.actor}, 'webhook.create', ${endpointTarget(id)}, null,
        ${JSON.stringify({ url: input.url, events, description: input.description })}, ${input.now}
      where changes() > 0`),
  ]);
  const [mine] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  if (mine) return { ok: true, created: true, endpoint: toEndpointView(mine), secret };
  const [first] = await db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.ref, input.ref ?? ""));
  if (first && first.deletedAt === null && first.url === input.url && sameSet(first.events, events))
    return { ok: true, created: false, endpoint: toEndpointView(first) };
  return { ok: false, code: "REF_CONFLICT" };
}

export async function listEndpoints(db: Db): Promise<EndpointView[]> {
  const rows = await db
    .select()
    .from(webhookEndpoints)
    .where(isNull(webhookEndpoints.deletedAt))
    .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id));
  return rows.map(toEndpointView);
}

export async function getEndpoint(db: Db, id: string): Promise<EndpointRow | undefined> {
  const [r] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), isNull(webhookEndpoints.deletedAt)));
  return r;
}

/** Deleted for good (kept as a row for the audit trail, its ref still taken: a replayed POST is REF_CONFLICT):
 *  no more deliveries; its object clears itself. */
export async function deleteEndpoint(db: Db, id: string, actor: string, now: number): Promise<boolean> {
  const r = await getEndpoint(db, id);
  if (!r) return false;
  await db.batch([
    db
      .update(webhookEndpoints)
      .set({ deletedAt: now, enabled: false, updatedAt: now })
      .where(and(eq(webhookEndpoints.id, id), isNull(webhookEndpoints.deletedAt))),
    auditEntry(db, {
      actor,
      action: "webhook.delete",
      target: endpointTarget(id),
      before: { url: r.url, events: r.events },
      at: now,
    }),
  ]);
  return true;
}

/** Enabled again (deliveries resume where they stopped) or paused by the merchant. */
export async function setEnabled(db: Db, id: string, enabled: boolean, actor: string, now: number) {
  const r = await getEndpoint(db, id);
  if (!r) return false;
  if (r.enabled === enabled) return true;
  await db.batch([
    db
      .update(webhookEndpoints)
      .set(
        enabled
          ? { enabled: true, disabledAt: null, disabledReason: null, updatedAt: now }
          : { enabled: false, disabledAt: now, disabledReason: "paused", updatedAt: now },
      )
      .where(eq(webhookEndpoints.id, id)),
    auditEntry(db, {
      actor,
      action: enabled ? "webhook.enable" : "webhook.pause",
      target: endpointTarget(id),
      before: { enabled: r.enabled, disabledReason: r.disabledReason },
      after: { enabled },
      at: now,
    }),
  ]);
  return true;
}

/** A new secret signs from now on; the old one keeps signing beside it for `graceHours` (0: at once replaced). */
export async function rotateSecret(
  db: Db,
  id: string,
  graceHours: number,
  actor: string,
  now: number,
): Promise<{ secret: string; previousValidUntil: number | null } | null> {
  const r = await getEndpoint(db, id);
  if (!r) return null;
  const secret = generateWebhookSecret();
  const previousValidUntil = graceHours > 0 ? now + graceHours * 3_600_000 : null;
  await db.batch([
    db
      .update(webhookEndpoints)
      .set({
        secret,
        previousSecret: graceHours > 0 ? r.secret : null,
        previousValidUntil,
        updatedAt: now,
      })
      .where(eq(webhookEndpoints.id, id)),
    auditEntry(db, {
      actor,
      action: "webhook.rotate_secret",
      target: endpointTarget(id),
      after: { graceHours, previousValidUntil },
      at: now,
    }),
  ]);
  return { secret, previousValidUntil };
}

/** Endpoints the failure rule disabled, for the console's notice. */
export async function failingEndpoints(db: Db): Promise<EndpointView[]> {
  return (await listEndpoints(db)).filter((e) => !e.enabled && e.disabledReason === "failing");
}
