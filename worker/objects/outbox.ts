// Every object's outbox to Turso: the object keeps what Turso has not seen yet behind a watermark in its
// single-row `outbox_state`; a drain sends it as ONE client.batch(stmts, "write") of idempotent upserts per
// batch, then advances the watermark (a synchronous transaction). A failed batch leaves the watermark, records
// the failure and backs off (outbox-backoff.ts); nothing is lost. What a batch holds and what its watermark
// is are the object's own (its OutboxSource); the loop, the retry state and the wake-up time are here.
import type { Client, InStatement } from "@libsql/client/web";
import { markFailed } from "./outbox-backoff";
import { row } from "./sql";

export type BatchClient = Pick<Client, "batch">;

/** The `outbox_state` table of an object's first storage migration: its watermark columns, then the retry
 *  state the kernel keeps (failures, next_attempt_at, last_error). */
export function outboxStateTable(watermarkColumns: string): string {
  return `
-- Outbox watermark and retry state of the projection to Turso.
create table outbox_state (
  id integer primary key check (id = 1),
  ${watermarkColumns.trim()},
  failures integer not null default 0,
  next_attempt_at integer,
  last_error text
);
insert into outbox_state (id) values (1);
`;
}

export type RetryState = { failures: number; nextAttemptAt: number | null; lastError: string | null };

export function retryState(sql: SqlStorage): RetryState {
  const r = row<{ failures: number; next_attempt_at: number | null; last_error: string | null }>(
    sql,
    "select failures, next_attempt_at, last_error from outbox_state where id = 1",
  );
  return { failures: r?.failures ?? 0, nextAttemptAt: r?.next_attempt_at ?? null, lastError: r?.last_error ?? null };
}

/** A batch sent: the retry state starts over (the object advances its watermark in the same transaction). */
export function clearFailures(sql: SqlStorage): void {
  sql.exec("update outbox_state set failures = 0, next_attempt_at = null, last_error = null where id = 1");
}

/** Whether the alarm may drain now (not backing off, or the back-off is over). */
export function drainDue(sql: SqlStorage, realNow: number): boolean {
  const s = retryState(sql);
  return s.failures === 0 || s.nextAttemptAt === null || s.nextAttemptAt <= realNow;
}

/** Drain soon after a write (writes within the second share one batch). */
export const DRAIN_DELAY_MS = 1_000;

/** When the outbox wants the alarm: none when nothing is pending; else when the back-off ends, or soon. */
export function outboxWakeAt(sql: SqlStorage, pending: boolean, realNow: number): number | null {
  if (!pending) return null;
  const s = retryState(sql);
  return s.failures > 0 && s.nextAttemptAt !== null ? Math.max(s.nextAttemptAt, realNow) : realNow + DRAIN_DELAY_MS;
}

/** One batch as the object prepared it (synchronously, from a consistent snapshot). */
export type OutboxBatch = {
  stmts: InStatement[];
  /** What the batch counts as sent (ledger entries, sales). */
  sent: number;
  /** Advances the object's watermark past this batch (run inside the same transaction as clearFailures). */
  markDrained(sql: SqlStorage): void;
};

export type OutboxSource = {
  /** The next batch, or null when Turso is up to date. */
  prepare(sql: SqlStorage, realNow: number): OutboxBatch | null;
  /** Names the object in the log line of a failed drain ("wallet m_1", "stock item 7"). */
  label(sql: SqlStorage): string;
};

export type DrainOutcome = { ok: boolean; sent: number; error?: string };

/** Sends batches until Turso is up to date (or `maxBatches` were sent, or one failed). The reads before and
 *  the watermark write after each batch are synchronous transactions; only the batch itself is awaited. */
export async function drainOutbox(
  storage: DurableObjectStorage,
  client: () => BatchClient,
  source: OutboxSource,
  maxBatches = Number.POSITIVE_INFINITY,
): Promise<DrainOutcome> {
  const sql = storage.sql;
  let sent = 0;
  for (let i = 0; i < maxBatches; i++) {
    const batch = source.prepare(sql, Date.now());
    if (!batch) break;
    try {
      await client().batch(batch.stmts, "write");
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      const next = storage.transactionSync(() => markFailed(sql, Date.now(), error));
      console.error(`${source.label(sql)} outbox: drain failed (retry at ${new Date(next).toISOString()}): ${error}`);
      return { ok: false, sent, error };
    }
    storage.transactionSync(() => {
      batch.markDrained(sql);
      clearFailures(sql);
    });
    sent += batch.sent;
  }
  return { ok: true, sent };
}
