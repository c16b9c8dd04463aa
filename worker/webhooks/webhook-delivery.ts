// One WebhookDelivery object per endpoint (named by the endpoint id; docs/architecture.md §4.4): the only
// sender of that endpoint's webhooks. Its alarm pulls the events after its cursor from Turso's `events` (in
// seq order, the ones the endpoint subscribed to), keeps each as a delivery with the exact stored body, and
// sends what is due, oldest event first, one at a time. A failed attempt is retried on RETRY_DELAYS_MS; the
// last one failing marks the delivery failed. An endpoint that failed every attempt for DISABLE_AFTER_MS and
// gave up on a delivery is disabled in Turso (with an audit row the console shows as a notice).
// Polling: every 2 s after events arrived, doubling to 60 s while idle; wake() (endpoint saved, redeliver,
// the cron) brings the next round forward. Check-and-write steps are synchronous transactions; only the
// Turso reads/writes and the HTTP attempts are awaited, between them.
import { createClient, type Client } from "@libsql/client/web";
import { DurableObject } from "cloudflare:workers";
import { DISABLE_AFTER_MS, nextAttemptAt } from "./retry-schedule";
import { sendWebhook } from "./send";
import { migrate } from "./storage-schema";
import type { AttemptView, DeliveryView, RunResult, WebhookDeliveryApi } from "./types";

const PULL_LIMIT = 100;
const SEND_LIMIT = 25;
const POLL_MIN_MS = 2_000;
const POLL_MAX_MS = 60_000;
const KEEP_DELIVERED_MS = 30 * 24 * 3_600_000;

type EndpointRow = {
  id: string;
  url: string;
  events: string;
  secret: string;
  previous_secret: string | null;
  previous_valid_until: number | null;
  start_seq: number;
  enabled: number;
  deleted_at: number | null;
};

type Meta = {
  endpoint_id: string | null;
  cursor: number;
  poll_ms: number;
  failing_since: number | null;
  last_success_at: number | null;
};

type DeliveryRow = {
  event_seq: number;
  event_id: string;
  type: string;
  uid: string | null;
  body: string;
  state: DeliveryView["state"];
  attempts: number;
  next_attempt_at: number | null;
  last_status: number | null;
  last_ms: number | null;
  last_error: string | null;
  created_at: number;
  finished_at: number | null;
  manual: number;
};

export class WebhookDelivery extends DurableObject<Env> implements WebhookDeliveryApi {
  #sql: SqlStorage;
  #client: Client | undefined;
  /** Rounds run one at a time (an alarm and an RPC round never interleave). */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    void ctx.blockConcurrencyWhile(async () => migrate(ctx.storage));
  }

  /** This object's own libSQL client (no other request's I/O settles its calls; see worker/wallet). */
  #db(): Client {
    this.#client ??= createClient({
      url: this.env.TURSO_DATABASE_URL,
      authToken: this.env.TURSO_AUTH_TOKEN || undefined,
    });
    return this.#client;
  }

  #meta(): Meta {
    return this.#sql.exec<Meta>("select * from meta where id = 1").one();
  }

  async wake(input: { endpointId: string; now: number }): Promise<{ ok: true }> {
    const meta = this.#meta();
    if (meta.endpoint_id !== input.endpointId)
      this.#sql.exec("update meta set endpoint_id = ?, poll_ms = ? where id = 1", input.endpointId, POLL_MIN_MS);
    else this.#sql.exec("update meta set poll_ms = ? where id = 1", POLL_MIN_MS);
    const at = await this.ctx.storage.getAlarm();
    if (at === null || at > input.now + 500) await this.ctx.storage.setAlarm(input.now + 100);
    return { ok: true };
  }

  override async alarm(): Promise<void> {
    try {
      await this.run({ now: Date.now() });
    } catch (err) {
      // Turso unreachable (or another surprise): try again in 30 s; nothing is lost, the cursor did not move.
      console.error(`webhooks: round failed: ${String((err as Error)?.message ?? err)}`);
      await this.ctx.storage.setAlarm(Date.now() + 30_000);
    }
  }

  run(input: { now: number }): Promise<RunResult> {
    const next = this.#queue.then(() => this.#round(input.now));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async deliveries(input: { limit: number; uid?: string; eventId?: string }): Promise<DeliveryView[]> {
    const limit = Math.min(input.limit, 200);
    const rows = (
      input.eventId !== undefined
        ? this.#sql.exec<DeliveryRow>("select * from deliveries where event_id = ?", input.eventId)
        : input.uid !== undefined
          ? this.#sql.exec<DeliveryRow>(
              "select * from deliveries where uid = ? order by event_seq desc limit ?",
              input.uid,
              limit,
            )
          : this.#sql.exec<DeliveryRow>("select * from deliveries order by event_seq desc limit ?", limit)
    ).toArray();
    return rows.map((r) => ({
      eventSeq: r.event_seq,
      eventId: r.event_id,
      type: r.type,
      uid: r.uid,
      body: r.body,
      state: r.state,
      attempts: r.attempts,
      nextAttemptAt: r.next_attempt_at,
      lastStatus: r.last_status,
      lastMs: r.last_ms,
      lastError: r.last_error,
      createdAt: r.created_at,
      finishedAt: r.finished_at,
      log: this.#sql
        .exec<{ attempt: number; at: number; status: number | null; ms: number; error: string | null; manual: number }>(
          "select attempt, at, status, ms, error, manual from attempts where event_seq = ? order by id",
          r.event_seq,
        )
        .toArray()
        .map((a): AttemptView => ({ ...a, manual: a.manual === 1 })),
    }));
  }

  async redeliver(input: { eventId: string; now: number }) {
    const found = this.ctx.storage.transactionSync(() => {
      const r = this.#sql
        .exec<{ n: number }>("select count(*) as n from deliveries where event_id = ?", input.eventId)
        .one();
      if (r.n === 0) return false;
      this.#sql.exec(
        `update deliveries set state = 'pending', attempts = 0, next_attempt_at = ?, finished_at = null, manual = 1
           where event_id = ?`,
        input.now,
        input.eventId,
      );
      return true;
    });
    if (!found) return { ok: false as const, code: "DELIVERY_NOT_FOUND" as const };
    await this.ctx.storage.setAlarm(input.now + 100);
    return { ok: true as const };
  }

  // ---- one round ---------------------------------------------------------------------------------------

  async #round(now: number): Promise<RunResult> {
    const result: RunResult = { pulled: 0, attempted: 0, delivered: 0, failed: 0, disabled: false };
    const meta = this.#meta();
    if (!meta.endpoint_id) return result;
    const endpoint = (
      await this.#db().execute({ sql: "select * from webhook_endpoints where id = ?", args: [meta.endpoint_id] })
    ).rows[0] as unknown as EndpointRow | undefined;
    if (!endpoint || endpoint.deleted_at !== null) {
      // Deleted: nothing more to send for it, ever.
      await this.ctx.storage.deleteAlarm();
      this.#sql.exec("delete from deliveries; delete from attempts");
      return result;
    }
    if (!endpoint.enabled) {
      await this.ctx.storage.deleteAlarm(); // enable() wakes it again
      return result;
    }
    result.pulled = await this.#pull(endpoint, meta, now);
    const due = this.#sql
      .exec<DeliveryRow>(
        "select * from deliveries where state = 'pending' and next_attempt_at <= ? order by event_seq limit ?",
        now,
        SEND_LIMIT,
      )
      .toArray();
    const secrets = [endpoint.secret];
    if (endpoint.previous_secret && (endpoint.previous_valid_until ?? 0) > Date.now())
      secrets.push(endpoint.previous_secret);
    for (const d of due) {
      const out = await sendWebhook({
        url: endpoint.url,
        mallEnv: this.env.MALL_ENV,
        eventId: d.event_id,
        body: d.body,
        secrets,
      });
      result.attempted += 1;
      const state = this.ctx.storage.transactionSync(() => {
        const attempt = d.attempts + 1;
        this.#sql.exec(
          "insert into attempts (event_seq, attempt, at, status, ms, error, manual) values (?, ?, ?, ?, ?, ?, ?)",
          d.event_seq,
          attempt,
          now,
          out.status,
          out.ms,
          out.error,
          d.manual,
        );
        const next = out.ok ? null : nextAttemptAt(attempt, now);
        const s = out.ok ? "delivered" : next === null ? "failed" : "pending";
        this.#sql.exec(
          `update deliveries set state = ?, attempts = ?, next_attempt_at = ?, last_status = ?, last_ms = ?, last_error = ?,
             finished_at = ?, manual = 0 where event_seq = ?`,
          s,
          attempt,
          next,
          out.status,
          out.ms,
          out.error,
          s === "pending" ? null : now,
          d.event_seq,
        );
        if (out.ok) this.#sql.exec("update meta set failing_since = null, last_success_at = ? where id = 1", now);
        else this.#sql.exec("update meta set failing_since = coalesce(failing_since, ?) where id = 1", now);
        return s;
      });
      if (state === "delivered") result.delivered += 1;
      if (state === "failed") result.failed += 1;
    }
    result.disabled = await this.#disableIfFailing(endpoint.id, now);
    this.#sql.exec(
      "delete from attempts where event_seq in (select event_seq from deliveries where state = 'delivered' and finished_at < ?)",
      now - KEEP_DELIVERED_MS,
    );
    this.#sql.exec("delete from deliveries where state = 'delivered' and finished_at < ?", now - KEEP_DELIVERED_MS);
    if (!result.disabled) await this.#schedule(now, result.pulled > 0 || result.attempted > 0);
    else await this.ctx.storage.deleteAlarm();
    return result;
  }

  /** New events after the cursor, the subscribed ones kept as deliveries due now; the cursor moves past all. */
  async #pull(endpoint: EndpointRow, meta: Meta, now: number): Promise<number> {
    const types = new Set(JSON.parse(endpoint.events) as string[]);
    const from = Math.max(meta.cursor, endpoint.start_seq);
    const rs = await this.#db().execute({
      sql: "select seq, id, type, uid, payload from events where seq > ? order by seq limit ?",
      args: [from, PULL_LIMIT],
    });
    const events = rs.rows as unknown as {
      seq: number;
      id: string;
      type: string;
      uid: string | null;
      payload: string;
    }[];
    if (events.length === 0) return 0;
    let pulled = 0;
    this.ctx.storage.transactionSync(() => {
      for (const e of events) {
        if (!types.has(e.type)) continue;
        // the body is copied once, as stored: every attempt of this webhook-id sends these exact bytes
        const c = this.#sql.exec(
          `insert into deliveries (event_seq, event_id, type, uid, body, state, next_attempt_at, created_at)
           values (?, ?, ?, ?, ?, 'pending', ?, ?) on conflict do nothing`,
          Number(e.seq),
          e.id,
          e.type,
          e.uid,
          e.payload,
          now,
          now,
        );
        pulled += c.rowsWritten > 0 ? 1 : 0;
      }
      this.#sql.exec("update meta set cursor = max(cursor, ?) where id = 1", Number(events[events.length - 1]!.seq));
    });
    return pulled;
  }

  /** Every attempt failed for DISABLE_AFTER_MS and a delivery was given up in that time: disable the endpoint
   *  (idempotent; retried next round if Turso is down) and start the failure clock afresh. */
  async #disableIfFailing(endpointId: string, now: number): Promise<boolean> {
    const m = this.#meta();
    if (m.failing_since === null || now - m.failing_since < DISABLE_AFTER_MS) return false;
    const gaveUp = this.#sql
      .exec<{ n: number }>(
        "select count(*) as n from deliveries where state = 'failed' and finished_at >= ?",
        m.failing_since,
      )
      .one().n;
    if (gaveUp === 0) return false;
    const detail = JSON.stringify({ failingSince: m.failing_since, failedDeliveries: gaveUp });
    await this.#db().batch(
      [
        {
          sql: `update webhook_endpoints set enabled = 0, disabled_at = ?, disabled_reason = 'failing', updated_at = ?
                where id = ? and enabled = 1 and deleted_at is null`,
          args: [now, now, endpointId],
        },
        {
          sql: `insert into audit_log (actor, action, target, before, after, at)
                select 'system:webhooks', 'webhook.disable', ?, '{"enabled":true}', ?, ? where changes() > 0`,
          args: [`webhook:${endpointId}`, detail, now],
        },
      ],
      "write",
    );
    this.#sql.exec("update meta set failing_since = null where id = 1");
    return true;
  }

  async #schedule(now: number, busy: boolean): Promise<void> {
    const m = this.#meta();
    const poll = busy ? POLL_MIN_MS : Math.min(m.poll_ms * 2, POLL_MAX_MS);
    this.#sql.exec("update meta set poll_ms = ? where id = 1", poll);
    const due = this.#sql
      .exec<{ at: number | null }>("select min(next_attempt_at) as at from deliveries where state = 'pending'")
      .one().at;
    await this.ctx.storage.setAlarm(Math.max(Math.min(now + poll, due ?? Number.POSITIVE_INFINITY), Date.now()));
  }
}
