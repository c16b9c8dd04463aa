// The member wallet Durable Object: one per member (named by uid), the only writer of that member's points.
// Each operation lives in its own file and runs on ctx.storage.sql synchronously; this class wraps every
// mutation in ONE transactionSync (catch up with time, check, write — no await in between), then makes sure
// the alarm will push the outbox to Turso. The storage, transaction, outbox and alarm machinery is the
// kernel's (worker/objects/). See docs/architecture.md §2 and ./types.ts for the contract.
import { KernelObject } from "../objects/kernel-object";
import { assertNow as assertNowOf } from "../objects/guards";
import type { OutboxSource } from "../objects/outbox";
import { parseRules } from "../settings/rules";
import { adjust } from "./adjust";
import { audit } from "./audit";
import { checkin } from "./checkin";
import { makeupCheckin } from "./makeup";
import {
  confirmHold,
  dueHolds,
  holdMakeup,
  holdWakeAt,
  makeupChargeKey,
  postponeHold,
  releaseHold,
} from "./makeup-hold";
import { duibaFor } from "../duiba/account-stub";
import { setBirthday } from "./birthday";
import { deduct } from "./deduct";
import { earn } from "./earn";
import { earnMinted } from "./earn-minted";
import { ensureMember } from "./ensure-member";
import { expireDue } from "./expire";
import { currentBalance, listLedger } from "./ledger";
import { rememberMember, rememberRules, storedRules, walletUid } from "./member-state";
import { commit, type Outcome } from "../objects/outcome";
import { drainPending, outboxState, walletOutbox } from "./outbox";
import { sendForwards } from "../duiba/forward-drain";
import { applyForwards, dueForwards, forwardsOf, forwardWakeAt } from "./duiba-forward";
import { reverse } from "./reverse";
import { walletWakeAt } from "./schedule";
import { settle } from "./settle";
import { MIGRATIONS } from "./storage-schema";
import { summary, summaryValidUntil } from "./summary";
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

function assertNow(now: unknown): asserts now is number {
  assertNowOf("wallet", now);
}

function assertDate(date: unknown): asserts date is string {
  if (typeof date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(date))
    throw new TypeError("wallet: a make-up needs a YYYY-MM-DD date");
}

function assertAttempt(attempt: unknown): asserts attempt is number {
  if (typeof attempt !== "number" || !Number.isSafeInteger(attempt) || attempt < 1)
    throw new TypeError("wallet: a make-up hold's attempt is a positive integer");
}

export class MemberWallet extends KernelObject implements WalletApi, WalletAdminApi {
  /** summary()'s last answer and when it holds (see summary); dropped by every committed transaction. */
  #lastSummary: { uid: string; rules: string; from: number; until: number; value: WalletSummary } | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env, MIGRATIONS);
  }

  /** ledger()'s last answer and the page it was for; dropped by every committed transaction like #lastSummary
   *  (the ledger is append-only and only ever written inside one, ./ledger.ts appendEntry). */
  #lastLedger: { limit: number; cursor: number | undefined; value: Out<"ledger"> } | null = null;

  protected override committed(): void {
    this.#lastSummary = null;
    this.#lastLedger = null;
  }

  // ---- the contract ----------------------------------------------------------------------------------

  async ensureMember(input: In<"ensureMember">): Promise<Out<"ensureMember">> {
    return this.#mutate(input, (sql) => ensureMember(sql, input));
  }

  async earn(input: In<"earn">): Promise<Out<"earn">> {
    return this.#mutate(input, (sql) => earn(sql, input));
  }

  async earnMinted(input: In<"earnMinted">): Promise<Out<"earnMinted">> {
    return this.#mutate(input, (sql) => earnMinted(sql, input));
  }

  async earnAnswer(input: In<"earnAnswer">): Promise<Out<"earnAnswer">> {
    const seen = lookupRef<Out<"earn">>(this.sql, input.ref, "earn", { callerRef: true });
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

  async makeupCheckin(input: In<"makeupCheckin">): Promise<Out<"makeupCheckin">> {
    assertDate(input.date);
    return this.#mutate(input, (sql) => makeupCheckin(sql, input));
  }

  async makeupHold(input: In<"makeupHold">): Promise<Out<"makeupHold">> {
    assertDate(input.date);
    return this.#mutate(input, (sql) => holdMakeup(sql, input));
  }

  async makeupConfirm(input: In<"makeupConfirm">): Promise<Out<"makeupConfirm">> {
    assertDate(input.date);
    assertAttempt(input.attempt);
    return this.#mutate(input, (sql) => confirmHold(sql, input));
  }

  async makeupRelease(input: In<"makeupRelease">): Promise<Out<"makeupRelease">> {
    assertDate(input.date);
    assertAttempt(input.attempt);
    return this.#mutate(input, (sql) => releaseHold(sql, input));
  }

  async setBirthday(input: In<"setBirthday">): Promise<Out<"setBirthday">> {
    if (input.by !== "member" && input.by !== "merchant")
      throw new TypeError("wallet: setBirthday's by is member or merchant");
    return this.#mutate(input, (sql) => setBirthday(sql, input));
  }

  async summary(input: In<"summary">): Promise<WalletSummary> {
    assertNow(input.now);
    const sql = this.sql;
    // A wallet nobody has written to stays unwritten: just the empty view.
    if (walletUid(sql) === null) return summary(sql, input);
    // The answer before, when the transaction below would change nothing and read the same (a member page's
    // header, issue 13): nothing committed since, the same member and rules, `now` not before it nor past the
    // next instant the view can change at. No write, no alarm to move.
    const rulesKey = JSON.stringify(input.rules);
    const last = this.#lastSummary;
    if (last && last.uid === input.uid && last.rules === rulesKey && input.now >= last.from && input.now < last.until)
      return last.value;
    const out = this.tx(() => {
      rememberMember(sql, input.uid, input.now); // (checks the uid)
      rememberRules(sql, input.rules, input.now);
      settle(sql, input.now, input.rules);
      return commit(summary(sql, input));
    });
    await this.scheduleWakeIfWritten();
    this.#lastSummary = {
      uid: input.uid,
      rules: rulesKey,
      from: input.now,
      until: summaryValidUntil(sql, input.now, input.rules.timeZone),
      value: out.value,
    };
    return out.value;
  }

  async ledger(input: In<"ledger">): Promise<Out<"ledger">> {
    // The page before when nothing has committed since (我的积分 asks for the same first page on every view).
    const last = this.#lastLedger;
    if (last && last.limit === input.limit && last.cursor === input.cursor) return last.value;
    const value = listLedger(this.sql, walletUid(this.sql) ?? this.ctx.id.name ?? "", input);
    this.#lastLedger = { limit: input.limit, cursor: input.cursor, value };
    return value;
  }

  async pointsPage(input: In<"pointsPage">): Promise<Out<"pointsPage">> {
    const view = await this.summary({ uid: input.uid, now: input.now, rules: input.rules });
    return { summary: view, ledger: await this.ledger({ limit: input.limit, cursor: input.cursor }) };
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
    const out = this.tx(() => resolve(this.sql, input));
    return out.value;
  }

  async refund(input: In<"refund">): Promise<Out<"refund">> {
    return this.#mutate(input, (sql) => refund(sql, input));
  }

  async standing(input: In<"standing">): Promise<Out<"standing">> {
    assertNow(input.now);
    const sql = this.sql;
    // A wallet nobody has written to stays unwritten (it may still hold decisions made by resolve()).
    if (walletUid(sql) === null) return standing(sql, input);
    const out = this.tx(() => {
      rememberMember(sql, input.uid, input.now);
      rememberRules(sql, input.rules, input.now);
      settle(sql, input.now, input.rules);
      return commit(standing(sql, input));
    });
    await this.scheduleWakeIfWritten();
    return out.value;
  }

  // ---- admin / test helpers (WalletAdminApi) ------------------------------------------------------------

  async expireDue(now: number): Promise<{ expired: number; points: number; balance: number }> {
    assertNow(now);
    const sql = this.sql;
    const out = this.tx(() => commit({ ...expireDue(sql, now), balance: currentBalance(sql) }));
    await this.scheduleWake();
    return out.value;
  }

  async recalcTier(now: number): Promise<Awaited<ReturnType<WalletAdminApi["recalcTier"]>>> {
    assertNow(now);
    const sql = this.sql;
    const rules = this.#rules();
    const out = this.tx(() => commit(recalcTier(sql, now, rules)));
    await this.scheduleWake();
    return out.value;
  }

  async audit(now: number): Promise<WalletAudit> {
    assertNow(now);
    return { ...audit(this.sql, now), projectedSeq: outboxState(this.sql).projectedSeq };
  }

  async drainOutbox(): Promise<DrainResult> {
    return this.drainAll(() => ({ projectedSeq: outboxState(this.sql).projectedSeq }));
  }

  // ---- the kernel's hooks: alarm (expiry, monthly tier recalculation), outbox, wake-ups ----------------

  protected override async onAlarm(now: number): Promise<void> {
    const rules = storedRules(this.sql);
    // Forward only: the alarm's real clock never undoes a tier calculated at a later `now`.
    if (rules) this.tx(() => commit(settle(this.sql, now, rules)));
    await this.#settleHolds(now, rules);
    await this.#forward(now);
  }

  /** Duiba mode: 补签 holds a request left pending (./makeup-hold.ts), settled by the DuibaAccount's decision
   *  of their 扣积分 (resolve: a key never called for is recorded ABORTED, so it can never be taken later). */
  async #settleHolds(now: number, rules: WalletRules | null): Promise<void> {
    const due = dueHolds(this.sql, now);
    const uid = walletUid(this.sql);
    if (due.length === 0 || uid === null || !rules) return;
    const account = duibaFor(this.env, uid);
    for (const h of due) {
      try {
        const d = await account.resolve({ key: makeupChargeKey(h.date, h.attempt), now });
        if (d.state === "COMMITTED") this.tx(() => confirmHold(this.sql, { ...h, now, rules }));
        else this.tx(() => releaseHold(this.sql, h));
      } catch (err) {
        console.error(
          `wallet: the 补签 hold ${h.date} could not be settled: ${err instanceof Error ? err.message : String(err)}`,
        );
        this.tx(() => {
          postponeHold(this.sql, h.date, Date.now());
          return commit(null);
        });
      }
    }
  }

  /** Duiba mode: the queued 加积分 that are due, handed to the member's DuibaAccount (./duiba-forward.ts). */
  async #forward(now: number): Promise<void> {
    const due = dueForwards(this.sql, now);
    const uid = walletUid(this.sql);
    if (due.length === 0 || uid === null) return;
    const outcomes = await sendForwards(this.env, uid, due, now);
    this.tx(() => {
      applyForwards(this.sql, outcomes, Date.now());
      return commit(null);
    });
  }

  async forwards(): Promise<Awaited<ReturnType<WalletAdminApi["forwards"]>>> {
    return forwardsOf(this.sql);
  }

  protected override outbox(): OutboxSource {
    return walletOutbox(storedRules(this.sql));
  }

  protected override outboxPending(): boolean {
    return drainPending(this.sql, storedRules(this.sql));
  }

  protected override ownWakeAt(realNow: number): number | null {
    const own = walletWakeAt(this.sql, storedRules(this.sql), realNow);
    const times = [own, forwardWakeAt(this.sql, realNow), holdWakeAt(this.sql, realNow)].filter(
      (t): t is number => t !== null,
    );
    return times.length ? Math.min(...times) : null;
  }

  // ---- internals ----------------------------------------------------------------------------------------

  #rules(): WalletRules {
    return storedRules(this.sql) ?? { ...parseRules({}), timeZone: DEFAULT_TIME_ZONE };
  }

  /** One synchronous transaction: record the member and rules, catch up with time, run the operation.
   *  An operation that answers abort() (a failure or a replayed ref) leaves no write behind. */
  async #mutate<T>(
    input: { uid: string; now: number; rules: WalletRules },
    op: (sql: SqlStorage) => Outcome<T>,
  ): Promise<T> {
    assertNow(input.now);
    const sql = this.sql;
    const out = this.tx(() => {
      rememberMember(sql, input.uid, input.now);
      rememberRules(sql, input.rules, input.now);
      settle(sql, input.now, input.rules);
      return op(sql);
    });
    if (out.commit) await this.scheduleWake();
    return out.value;
  }
}
