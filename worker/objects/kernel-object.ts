// The base every Durable Object of the mall extends (docs/architecture.md §2, worker/objects/README.md): its
// versioned SQLite storage, mutations as ONE transactionSync each (check and write, no await between), the
// outbox to Turso drained one drain at a time, and the alarm set to the earliest wake-up any part wants.
// A subclass brings only its own rules: its migrations, its outbox source, its own wake-up times.
import { DurableObject } from "cloudflare:workers";
import { createClient } from "@libsql/client/web";
import { type Outcome, runInTransaction } from "./outcome";
import { type BatchClient, type DrainOutcome, drainDue, drainOutbox, type OutboxSource, outboxWakeAt } from "./outbox";
import { migrateStorage } from "./storage-migrations";

/** Batches one alarm sends before it yields to a fresh alarm. */
export const ALARM_MAX_BATCHES = 10;
/** Batches drainAll() (operators, tests) sends at the most. */
const ADMIN_MAX_BATCHES = 10_000;

export abstract class KernelObject extends DurableObject<Env> {
  protected readonly sql: SqlStorage;
  #client: BatchClient | undefined;
  /** The alarm as this instance last set or read it (undefined = unknown). */
  #alarmAt: number | null | undefined;
  /** Drains run one at a time. */
  #draining: Promise<DrainOutcome> = Promise.resolve({ ok: true, sent: 0 });

  /** Runs the storage migrations past the recorded version before any call is let in. A subclass that
   *  loads state into memory does so in its own constructor (its fields exist only after super()). */
  constructor(ctx: DurableObjectState, env: Env, migrations: readonly string[]) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    void ctx.blockConcurrencyWhile(async () => migrateStorage(ctx.storage, migrations));
  }

  /** What the outbox sends and how its watermark moves. */
  protected abstract outbox(): OutboxSource;
  /** Whether Turso is behind this object. */
  protected abstract outboxPending(): boolean;
  /** The object's own next wake-up besides the outbox (expiries, hold deadlines…), or null. */
  protected abstract ownWakeAt(realNow: number): number | null;

  /**
   * Where the outbox goes: this object's own libSQL web client (not the isolate-wide one of db/client.ts, so
   * no other object's or request's I/O ever starts or settles this object's calls). Tests replace this method
   * on the instance (runInDurableObject) to simulate an outage.
   */
  protected projectionClient(): BatchClient {
    this.#client ??= createClient({
      url: this.env.TURSO_DATABASE_URL,
      authToken: this.env.TURSO_AUTH_TOKEN || undefined,
    });
    return this.#client;
  }

  /** One synchronous transaction; rolled back when `fn` answers abort(). */
  protected tx<T>(fn: () => Outcome<T>): Outcome<T> {
    const out = runInTransaction(this.ctx.storage, fn);
    if (out.commit) this.committed();
    return out;
  }

  /** Called after each committed tx() (a subclass refreshes what it keeps in memory). */
  protected committed(): void {}

  /** A drain, chained after any running one. */
  protected drain(maxBatches: number): Promise<DrainOutcome> {
    const run = () => drainOutbox(this.ctx.storage, () => this.projectionClient(), this.outbox(), maxBatches);
    this.#draining = this.#draining.then(run, run);
    return this.#draining;
  }

  /** drainOutbox() of an object's admin API: every batch now, ignoring any back-off, with the object's
   *  watermark as it stands after the drain. */
  protected async drainAll<W extends object>(watermark: () => W): Promise<DrainOutcome & W> {
    const result = await this.drain(ADMIN_MAX_BATCHES);
    const mark = watermark();
    await this.scheduleWake();
    return { ...result, ...mark };
  }

  /** The next wake-up of the object: min(outbox, its own). */
  protected nextWakeAt(realNow: number): number | null {
    const times = [outboxWakeAt(this.sql, this.outboxPending(), realNow), this.ownWakeAt(realNow)].filter(
      (t): t is number => t !== null,
    );
    return times.length ? Math.min(...times) : null;
  }

  /** SQLite's total_changes() when this instance last worked out its wake-up (-1: not yet). */
  #changesSeen = -1;

  #totalChanges(): number {
    const v = [...this.sql.exec("select total_changes()").raw()][0]?.[0];
    return typeof v === "number" ? v : -1;
  }

  /** Sets the alarm to the next wake-up unless one is already set at or before it. */
  protected async scheduleWake(changes = this.#totalChanges()): Promise<void> {
    // Worked out from the storage as it stands after `changes` rows written (synchronously, before any await);
    // recorded once the alarm is sure (a failed setAlarm leaves the next call to ask again).
    const at = this.nextWakeAt(Date.now());
    if (at !== null) {
      if (this.#alarmAt === undefined) this.#alarmAt = await this.ctx.storage.getAlarm();
      if (this.#alarmAt === null || this.#alarmAt > at) {
        await this.ctx.storage.setAlarm(at);
        this.#alarmAt = at;
      }
    }
    this.#changesSeen = changes;
  }

  /** scheduleWake() only when a row has been written since this instance last worked out its wake-up (issue
   *  13: a read-mostly call such as the wallet's standing() commits its catch-up with time, which usually writes
   *  nothing, and the ~10 statements of the next wake-up would find what they found before). total_changes()
   *  counts every row written on the object's connection, rolled back or not, so it errs towards asking. */
  protected async scheduleWakeIfWritten(): Promise<void> {
    const changes = this.#totalChanges();
    if (changes >= 0 && changes === this.#changesSeen) return;
    await this.scheduleWake(changes);
  }

  /** The object's own work when the alarm rings (expiries, overdue holds…), before the outbox drains. */
  protected abstract onAlarm(realNow: number): Promise<void>;

  /** The alarm: the object's own work, the outbox (unless backing off), then the next wake-up. */
  override async alarm(): Promise<void> {
    this.#alarmAt = null; // a running alarm is no longer scheduled
    const now = Date.now();
    await this.onAlarm(now);
    if (drainDue(this.sql, now)) await this.drain(ALARM_MAX_BATCHES);
    await this.scheduleWake();
  }
}
