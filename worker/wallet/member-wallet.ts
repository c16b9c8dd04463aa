// The member wallet Durable Object: one per member (named by uid), the only writer of that member's points.
// Each operation lives in its own file and runs on ctx.storage.sql synchronously; this class wraps every
// mutation in ONE transactionSync (catch up with time, check, write — no await in between), then makes sure
// the alarm will push the outbox to Turso. See docs/architecture.md §2 and ./types.ts for the contract.
import { DurableObject } from "cloudflare:workers";
import { createClient } from "@libsql/client/web";
import { parseRules } from "../settings/rules";
import { adjust } from "./adjust";
import { audit } from "./audit";
import { checkin } from "./checkin";
import { deduct } from "./deduct";
import { earn } from "./earn";
import { ensureMember } from "./ensure-member";
import { expireDue } from "./expire";
import { currentBalance, listLedger } from "./ledger";
import { rememberMember, rememberRules, storedRules, walletUid } from "./member-state";
import { commit, runInTransaction, type Outcome } from "./outcome";
import { drain, outboxState, type BatchClient } from "./outbox";
import { reverse } from "./reverse";
import { nextWakeAt } from "./schedule";
import { settle } from "./settle";
import { migrate } from "./storage-schema";
import { summary } from "./summary";
import { recalcTier } from "./tiers";
import { refund } from "./refund";
import { lookupRef } from "./refs";
import { resolve } from "./resolve";
import { spend } from "./spend";
import { standing } from "./standing";
import type { DrainResult, WalletAdminApi, WalletApi, WalletAudit, WalletRules, WalletSummary } from "./types";

type In<K extends keyof WalletApi> = Parameters<WalletApi[K]>[0];
type Out<K extends keyof WalletApi> = Awaited<ReturnType<WalletApi[K]>>;

const DEFAULT_TIME_ZONE = "Asia/Shanghai";
/** Batches one alarm sends before it yields to a fresh alarm. */
const ALARM_MAX_BATCHES = 10;

function assertNow(now: unknown): asserts now is number {
  if (typeof now !== "number" || !Number.isFinite(now))
    throw new TypeError(`wallet: now must be epoch ms, got ${String(now)}`);
}

export class MemberWallet extends DurableObject<Env> implements WalletApi, WalletAdminApi {
  #sql: SqlStorage;
  #client: BatchClient | undefined;
  /** The alarm as this instance last set or read it (undefined = unknown). */
  #alarmAt: number | null | undefined;
  /** Drains run one at a time. */
  #draining: Promise<DrainResult> = Promise.resolve({ ok: true, sent: 0, projectedSeq: 0 });

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    void ctx.blockConcurrencyWhile(async () => migrate(ctx.storage));
  }

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

  // ---- the contract ----------------------------------------------------------------------------------

  async ensureMember(input: In<"ensureMember">): Promise<Out<"ensureMember">> {
    return this.#mutate(input, (sql) => ensureMember(sql, input));
  }

  async earn(input: In<"earn">): Promise<Out<"earn">> {
    return this.#mutate(input, (sql) => earn(sql, input));
  }

  async earnAnswer(input: In<"earnAnswer">): Promise<Out<"earnAnswer">> {
    const seen = lookupRef<Out<"earn">>(this.#sql, input.ref, "earn", { callerRef: true });
    return seen.kind === "replay" && seen.result.ok ? seen.result : null;
  }

  async deduct(input: In<"deduct">): Promise<Out<"deduct">> {
    return this.#mutate(input, (sql) => deduct(sql, input));
  }

  async reverse(input: In<"reverse">): Promise<Out<"reverse">> {
    return this.#mutate(input, (sql) => reverse(sql, input));
  }

  async adjust(input: In<"adjust">): Promise<Out<"adjust">> {
    return this.#mutate(input, (sql) => adjust(sql, input));
  }

  async checkin(input: In<"checkin">): Promise<Out<"checkin">> {
    return this.#mutate(input, (sql) => checkin(sql, input));
  }

  async summary(input: In<"summary">): Promise<WalletSummary> {
    assertNow(input.now);
    const sql = this.#sql;
    // A wallet nobody has written to stays unwritten: just the empty view.
    if (walletUid(sql) === null) return summary(sql, input);
    const out = runInTransaction(this.ctx.storage, () => {
      rememberMember(sql, input.uid, input.now); // (checks the uid)
      rememberRules(sql, input.rules, input.now);
      settle(sql, input.now, input.rules);
      return commit(summary(sql, input));
    });
    await this.#scheduleWake();
    return out.value;
  }

  async ledger(input: In<"ledger">): Promise<Out<"ledger">> {
    return listLedger(this.#sql, walletUid(this.#sql) ?? this.ctx.id.name ?? "", input);
  }

  // ---- redemption (docs/architecture.md §3) ---------------------------------------------------------------------

  async spend(input: In<"spend">): Promise<Out<"spend">> {
    return this.#mutate(input, (sql) => spend(sql, input));
  }

  async resolve(input: In<"resolve">): Promise<Out<"resolve">> {
    assertNow(input.now);
    if (typeof input.key !== "string" || input.key.length === 0) throw new TypeError("wallet: resolve needs a key");
    if (input.refusal !== undefined && !["INSUFFICIENT_POINTS", "SOLD_OUT", "LIMIT_REACHED"].includes(input.refusal)) {
      throw new TypeError("wallet: resolve's refusal must be INSUFFICIENT_POINTS, SOLD_OUT or LIMIT_REACHED");
    }
    if (
      (input.itemId === undefined) !== (input.qty === undefined) ||
      (input.itemId !== undefined && (!Number.isSafeInteger(input.itemId) || !Number.isSafeInteger(input.qty)))
    ) {
      throw new TypeError("wallet: resolve's itemId and qty go together, as integers");
    }
    const out = runInTransaction(this.ctx.storage, () => resolve(this.#sql, input));
    return out.value;
  }

  async refund(input: In<"refund">): Promise<Out<"refund">> {
    return this.#mutate(input, (sql) => refund(sql, input));
  }

  async standing(input: In<"standing">): Promise<Out<"standing">> {
    assertNow(input.now);
    const sql = this.#sql;
    // A wallet nobody has written to stays unwritten (it may still hold decisions made by resolve()).
    if (walletUid(sql) === null) return standing(sql, input);
    const out = runInTransaction(this.ctx.storage, () => {
      rememberMember(sql, input.uid, input.now);
      rememberRules(sql, input.rules, input.now);
      settle(sql, input.now, input.rules);
      return commit(standing(sql, input));
    });
    await this.#scheduleWake();
    return out.value;
  }

  // ---- admin / test helpers (WalletAdminApi) ------------------------------------------------------------

  async expireDue(now: number): Promise<{ expired: number; points: number; balance: number }> {
    assertNow(now);
    const sql = this.#sql;
    const out = runInTransaction(this.ctx.storage, () =>
      commit({ ...expireDue(sql, now), balance: currentBalance(sql) }),
    );
    await this.#scheduleWake();
    return out.value;
  }

  async recalcTier(now: number): Promise<Awaited<ReturnType<WalletAdminApi["recalcTier"]>>> {
    assertNow(now);
    const sql = this.#sql;
    const rules = this.#rules();
    const out = runInTransaction(this.ctx.storage, () => commit(recalcTier(sql, now, rules)));
    await this.#scheduleWake();
    return out.value;
  }

  async audit(now: number): Promise<WalletAudit> {
    assertNow(now);
    return { ...audit(this.#sql, now), projectedSeq: outboxState(this.#sql).projectedSeq };
  }

  async drainOutbox(): Promise<DrainResult> {
    const result = await this.#drain(10_000);
    await this.#scheduleWake();
    return result;
  }

  // ---- alarm: expiry, monthly tier recalculation, outbox ------------------------------------------------

  override async alarm(): Promise<void> {
    this.#alarmAt = null; // a running alarm is no longer scheduled
    const now = Date.now();
    const rules = storedRules(this.#sql);
    if (rules) {
      // Forward only: the alarm's real clock never undoes a tier calculated at a later `now`.
      runInTransaction(this.ctx.storage, () => commit(settle(this.#sql, now, rules)));
    }
    const s = outboxState(this.#sql);
    if (s.failures === 0 || s.nextAttemptAt === null || s.nextAttemptAt <= now) await this.#drain(ALARM_MAX_BATCHES);
    await this.#scheduleWake();
  }

  // ---- internals ----------------------------------------------------------------------------------------

  #rules(): WalletRules {
    return storedRules(this.#sql) ?? { ...parseRules({}), timeZone: DEFAULT_TIME_ZONE };
  }

  /** One synchronous transaction: record the member and rules, catch up with time, run the operation.
   *  An operation that answers abort() (a failure or a replayed ref) leaves no write behind. */
  async #mutate<T>(
    input: { uid: string; now: number; rules: WalletRules },
    op: (sql: SqlStorage) => Outcome<T>,
  ): Promise<T> {
    assertNow(input.now);
    const sql = this.#sql;
    const out = runInTransaction(this.ctx.storage, () => {
      rememberMember(sql, input.uid, input.now);
      rememberRules(sql, input.rules, input.now);
      settle(sql, input.now, input.rules);
      return op(sql);
    });
    if (out.commit) await this.#scheduleWake();
    return out.value;
  }

  #drain(maxBatches: number): Promise<DrainResult> {
    const run = () => drain(this.ctx.storage, () => this.projectionClient(), storedRules(this.#sql), maxBatches);
    this.#draining = this.#draining.then(run, run);
    return this.#draining;
  }

  /** Sets the alarm to the next wake-up unless one is already set at or before it. */
  async #scheduleWake(): Promise<void> {
    const at = nextWakeAt(this.#sql, storedRules(this.#sql), Date.now());
    if (at === null) return;
    if (this.#alarmAt === undefined) this.#alarmAt = await this.ctx.storage.getAlarm();
    if (this.#alarmAt !== null && this.#alarmAt <= at) return;
    await this.ctx.storage.setAlarm(at);
    this.#alarmAt = at;
  }
}
