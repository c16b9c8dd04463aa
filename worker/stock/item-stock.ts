// The item stock Durable Object: one per item (named by String(itemId)), the only writer of that item's
// stock, holds, per-member counts and coupon-code pool (docs/architecture.md §2, §3). Each mutation is ONE
// transactionSync on ctx.storage.sql (check and write, no await between); the operations are in
// ./operations.ts. The counts are also kept in memory (loaded in the constructor), so the refusals a flash
// sale mostly answers — sold out, off sale, wrong tier — are decided without any storage write. The alarm
// resolves holds past their deadline with the member's wallet and drains the outbox to Turso. The storage,
// transaction, outbox and alarm machinery is the kernel's (worker/objects/).
import { assertKey as assertKeyOf, assertNow as assertNowOf } from "../objects/guards";
import { KernelObject } from "../objects/kernel-object";
import type { OutboxSource } from "../objects/outbox";
import { isPositiveSafeInteger } from "../objects/guards";
import { abort, commit } from "../objects/outcome";
import { rows } from "../objects/sql";
import { walletFor } from "../wallet/wallet-stub";
import { duibaFor } from "../duiba/account-stub";
import { audit } from "./audit";
import {
  addCodesStep,
  adjustStep,
  confirmStep,
  fail,
  releaseHold,
  releaseStep,
  reserveStep,
  restockStep,
  reusedBy,
  sellHold,
} from "./operations";
import { drainPending, outboxState, stockOutboxFor } from "./outbox";
import { MAX_SHARDS, parseShardName } from "./shards";
import { claimCodes, codePlan } from "./code-claims";
import { MAX_CODE_LENGTH } from "./codes";
import { lookupRef } from "../objects/refs";
import {
  DEFAULT_HOLD_MS,
  dueHolds,
  holdRow,
  initItem,
  recordedShard,
  itemRow,
  nextDeadline,
  reservable,
  snapshot,
  statusOf,
  toHoldView,
  type HoldRow,
  type Snapshot,
} from "./state";
import { MIGRATIONS } from "./storage-schema";
import type {
  HoldView,
  SaleRules,
  StockAdminApi,
  StockApi,
  StockAudit,
  StockDrainResult,
  StockFailure,
  StockStatus,
} from "./types";

type In<K extends keyof StockApi> = Parameters<StockApi[K]>[0];
type Out<K extends keyof StockApi> = Awaited<ReturnType<StockApi[K]>>;

/** Holds resolved per round of the recovery pass (their wallet calls run in parallel). */
const RESOLVE_BATCH = 50;
const RESOLVE_RETRY_MS = 5_000;
/** A key refused SOLD_OUT or LIMIT_REACHED gets the same answer again for this long (a double tap racing a
 *  released hold must not turn one key into two different answers); memory only, never written. */
const REFUSAL_TTL_MS = 60_000;
const REFUSALS_MAX = 10_000;

function assertNow(now: unknown): asserts now is number {
  assertNowOf("stock", now);
}

function assertKey(name: string, v: unknown): asserts v is string {
  assertKeyOf("stock", name, v);
}

/** The codes of codePlan / claimCodes: trimmed, non-blank, at most MAX_CODE_LENGTH (place-codes.ts sends no
 *  other). */
function checkCodes(codes: unknown): string[] {
  if (!Array.isArray(codes)) throw new TypeError("stock: codes must be an array");
  return codes.map((c) => {
    if (typeof c !== "string" || c.length === 0 || c.length > MAX_CODE_LENGTH || c.trim() !== c)
      throw new TypeError("stock: a code must be a trimmed string of 1–64 characters");
    return c;
  });
}

export class ItemStock extends KernelObject implements StockApi, StockAdminApi {
  /** The item row and pool as of the last committed write (null until the object is first touched). */
  #snap: Snapshot | null = null;
  #refusals = new Map<string, { until: number; uid: string; qty: number; answer: StockFailure }>();
  #writes = 0;
  #resolveRetryAt: number | null = null;
  /** Which of its item's stock objects this is (worker/stock/shards.ts): 0 for the object named by the id.
   *  From the name when the object was reached by name; woken by its alarm it has none (workerd), so the
   *  shard recorded in its item row is used (null: neither yet — no item row, so nothing to drain). */
  #shardOfName: number | null;
  #shard = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env, MIGRATIONS);
    this.#shardOfName = (ctx.id.name === undefined ? null : parseShardName(ctx.id.name))?.shard ?? null;
    void ctx.blockConcurrencyWhile(async () => {
      this.#snap = snapshot(this.sql);
      const recorded = recordedShard(this.sql);
      if (this.#snap && recorded === null && this.#shardOfName !== null) {
        // An item row from before V3: record the shard its name gives (once).
        this.sql.exec("update item set shard = ? where id = 1", this.#shardOfName);
      }
      this.#shard = this.#shardOfName ?? recorded ?? 0;
    });
  }

  // ---- the contract ----------------------------------------------------------------------------------

  async reserve(input: In<"reserve">): Promise<Out<"reserve">> {
    const { key, uid, memberTier, qty, now, rules } = input;
    assertNow(now);
    assertKey("key", key);
    assertKey("uid", uid);
    this.#checkRules(rules);
    if (!isPositiveSafeInteger(qty)) return fail("INVALID_QUANTITY", "stock.msg.badQty");
    const holdMs = input.holdMs ?? DEFAULT_HOLD_MS;
    if (!isPositiveSafeInteger(holdMs)) throw new TypeError("stock: holdMs must be a positive integer");

    // The same key again: its hold as it stands (a read), or the refusal it got a moment ago (memory) — for
    // the same member and quantity only; with another one the key is reused (KEY_REUSED, nothing written).
    if (this.#snap) {
      const h = holdRow(this.sql, key);
      if (h) return reusedBy(h, uid, qty) ?? { ok: true, state: h.state, deadline: h.deadline };
    }
    const refused = this.#refusalOf(key, uid, qty);
    if (refused) return refused;

    // Refusals decided from the rules and memory: no storage write.
    if (!rules.onShelf) return fail("NOT_ON_SALE", "stock.msg.offShelf");
    if (rules.saleStartsAt != null && now < rules.saleStartsAt) return fail("NOT_ON_SALE", "stock.msg.notStarted");
    if (rules.saleEndsAt != null && now >= rules.saleEndsAt) return fail("NOT_ON_SALE", "stock.msg.ended");
    if (rules.tiers != null && !rules.tiers.includes(memberTier)) {
      return fail("TIER_NOT_ALLOWED", "stock.msg.tier", { tiers: rules.tiers });
    }
    this.#ensureItem(rules, now);
    const left = reservable(this.#snap!);
    if (left < qty) return this.#refuse(key, uid, qty, fail("SOLD_OUT", "stock.msg.soldOut", { available: left, qty }));

    const out = this.tx(() =>
      reserveStep(this.sql, { key, uid, qty, now, rules, deadline: now + holdMs, decider: input.decider }),
    );
    if (!out.value.ok && (out.value.code === "SOLD_OUT" || out.value.code === "LIMIT_REACHED"))
      return this.#refuse(key, uid, qty, out.value);
    if (out.commit) await this.scheduleWake();
    return out.value;
  }

  async release(input: In<"release">): Promise<Out<"release">> {
    assertNow(input.now);
    assertKey("key", input.key);
    assertKey("uid", input.uid);
    if (!isPositiveSafeInteger(input.qty)) return fail("INVALID_QUANTITY", "stock.msg.badQty");
    if (!this.#snap) return fail("HOLD_NOT_FOUND", "stock.msg.holdNotFound", { key: input.key });
    const out = this.tx(() => releaseStep(this.sql, input));
    if (out.commit) await this.scheduleWake();
    return out.value;
  }

  async confirm(input: In<"confirm">): Promise<Out<"confirm">> {
    assertNow(input.now);
    assertKey("key", input.key);
    assertKey("uid", input.uid);
    if (!isPositiveSafeInteger(input.qty)) return fail("INVALID_QUANTITY", "stock.msg.badQty");
    if (!this.#snap) return fail("HOLD_NOT_FOUND", "stock.msg.holdNotFound", { key: input.key });
    const out = this.tx(() => confirmStep(this.sql, input));
    if (out.commit) await this.scheduleWake();
    return out.value;
  }

  async restock(input: In<"restock">): Promise<Out<"restock">> {
    assertNow(input.now);
    assertKey("key", input.key);
    assertKey("ref", input.ref);
    if (!this.#snap) return fail("HOLD_NOT_FOUND", "stock.msg.holdNotFound", { key: input.key });
    const out = this.tx(() => restockStep(this.sql, input));
    if (out.commit) await this.scheduleWake();
    return out.value;
  }

  async adjust(input: In<"adjust">): Promise<Out<"adjust">> {
    assertNow(input.now);
    assertKey("ref", input.ref);
    this.#checkRules(input.rules);
    this.#ensureItem(input.rules, input.now);
    const out = this.tx(() => adjustStep(this.sql, input));
    if (out.commit) await this.scheduleWake();
    return out.value;
  }

  async adjustAnswer(input: In<"adjustAnswer">): Promise<Out<"adjustAnswer">> {
    assertKey("ref", input.ref);
    const seen = lookupRef<Out<"adjust">>(this.sql, input.ref, "adjust");
    return seen.kind === "replay" && seen.result.ok ? seen.result : null;
  }

  async addCodes(input: In<"addCodes">): Promise<Out<"addCodes">> {
    assertNow(input.now);
    this.#checkRules(input.rules);
    this.#ensureItem(input.rules, input.now);
    const out = this.tx(() => addCodesStep(this.sql, input));
    if (out.commit) await this.scheduleWake();
    return out.value;
  }

  async codePlan(input: In<"codePlan">): Promise<Out<"codePlan">> {
    this.#checkRules(input.rules);
    const codes = checkCodes(input.codes);
    this.#ensureItem(input.rules, Date.now());
    return { ok: true, ...codePlan(this.sql, codes, this.#shard) };
  }

  async claimCodes(input: In<"claimCodes">): Promise<Out<"claimCodes">> {
    assertNow(input.now);
    this.#checkRules(input.rules);
    if (!Array.isArray(input.claims)) throw new TypeError("stock: claims must be an array");
    const claims = input.claims.map(({ code, shard }) => {
      if (!Number.isSafeInteger(shard) || shard < 0 || shard >= MAX_SHARDS)
        throw new TypeError("stock: a claim's shard must be a shard number");
      return { code: checkCodes([code])[0]!, shard };
    });
    this.#ensureItem(input.rules, input.now);
    const out = this.tx(() => commit(claimCodes(this.sql, claims, this.#shard, input.now)));
    if (out.value.marked) await this.scheduleWake();
    return { ok: true, shards: out.value.shards };
  }

  async status(input: In<"status">): Promise<StockStatus> {
    this.#checkRules(input.rules);
    const fresh = !this.#snap;
    this.#ensureItem(input.rules, Date.now());
    if (fresh) await this.scheduleWake();
    return statusOf(this.#snap!);
  }

  // ---- admin / test helpers (StockAdminApi) ------------------------------------------------------------

  async resolveExpiredHolds(now: number): Promise<{ confirmed: number; released: number; failed: number }> {
    assertNow(now);
    const r = await this.#resolveDue(now);
    await this.scheduleWake();
    return r;
  }

  async drainOutbox(): Promise<StockDrainResult> {
    return this.drainAll(() => ({ projectedVersion: outboxState(this.sql).projectedVersion }));
  }

  async audit(): Promise<StockAudit> {
    return audit(this.sql, this.#writes);
  }

  async holds(): Promise<HoldView[]> {
    return rows<HoldRow>(this.sql, "select * from holds order by created_at, key").map(toHoldView);
  }

  // ---- the kernel's hooks: alarm (recovery of expired holds), outbox, wake-ups -------------------------

  protected override async onAlarm(now: number): Promise<void> {
    if (this.#resolveRetryAt === null || this.#resolveRetryAt <= now) await this.#resolveDue(now);
  }

  protected override outbox(): OutboxSource {
    return stockOutboxFor(this.#shard);
  }

  protected override outboxPending(): boolean {
    return drainPending(this.sql);
  }

  protected override ownWakeAt(realNow: number): number | null {
    const deadline = nextDeadline(this.sql);
    return deadline === null ? null : Math.max(deadline, this.#resolveRetryAt ?? 0, realNow);
  }

  /** A committed write: the in-memory snapshot follows it. */
  protected override committed(): void {
    this.#writes += 1;
    this.#snap = snapshot(this.sql);
  }

  // ---- internals ----------------------------------------------------------------------------------------

  #checkRules(rules: SaleRules): void {
    if (!rules || typeof rules !== "object" || !Number.isSafeInteger(rules.itemId))
      throw new TypeError("stock: rules with an itemId are required");
    const name = this.ctx.id.name;
    if (name !== undefined && parseShardName(name)?.itemId !== rules.itemId) {
      throw new Error(`stock object ${JSON.stringify(name)} called with the rules of item ${rules.itemId}`);
    }
  }

  /** The item row on first touch (count from rules.initialStock). */
  #ensureItem(rules: SaleRules, now: number): void {
    if (this.#snap) return;
    if (!Number.isSafeInteger(rules.initialStock) || rules.initialStock < 0)
      throw new TypeError("stock: rules.initialStock must be an integer ≥ 0");
    this.tx(() => {
      if (itemRow(this.sql)) return abort(null);
      initItem(this.sql, rules, now, this.#shardOfName);
      return commit(null);
    });
    this.#snap ??= snapshot(this.sql);
  }

  #refusalOf(key: string, uid: string, qty: number): StockFailure | null {
    const r = this.#refusals.get(key);
    if (!r) return null;
    if (r.until < Date.now()) {
      this.#refusals.delete(key);
      return null;
    }
    return reusedBy({ key, uid: r.uid, qty: r.qty }, uid, qty) ?? r.answer;
  }

  #refuse(key: string, uid: string, qty: number, answer: StockFailure): StockFailure {
    if (this.#refusals.size >= REFUSALS_MAX) {
      const oldest = this.#refusals.keys().next().value;
      if (oldest !== undefined) this.#refusals.delete(oldest);
    }
    this.#refusals.set(key, { until: Date.now() + REFUSAL_TTL_MS, uid, qty, answer });
    return answer;
  }

  /** Every HELD hold past its deadline at `now`: ask the wallet, then (the hold re-checked synchronously)
   *  COMMITTED → sell, ABORTED → release. A wallet that cannot be reached leaves the hold for a later try. */
  async #resolveDue(now: number): Promise<{ confirmed: number; released: number; failed: number }> {
    let confirmed = 0;
    let released = 0;
    let failed = 0;
    for (let round = 0; round < 100; round++) {
      const due = dueHolds(this.sql, now, RESOLVE_BATCH);
      if (due.length === 0) break;
      const answers = await Promise.all(
        due.map(async (h) => {
          try {
            // With the item and quantity of this hold: a key the wallet committed for another item (a reused
            // key) is not committed for this one, and its units go back.
            const use = this.#snap ? { itemId: this.#snap.item.item_id, qty: h.qty } : {};
            // A hold taken in Duiba mode is decided by the member's DuibaAccount (the merchant's 扣积分 answer).
            // The wallet also hears which shard asks: a key it committed on another shard of the item (a retry
            // that landed elsewhere) is not committed here, and this hold's units go back.
            const r =
              h.decider === "duiba"
                ? await duibaFor(this.env, h.uid).resolve({ key: h.key, ...use, shard: this.#shard, now })
                : await walletFor(this.env, h.uid).resolve({ key: h.key, ...use, shard: this.#shard, now });
            return { h, state: r.state };
          } catch (e) {
            console.error(
              `stock: resolve of ${h.key} (member ${h.uid}) failed: ${e instanceof Error ? e.message : String(e)}`,
            );
            return { h, state: null };
          }
        }),
      );
      for (const { h, state } of answers) {
        if (state === null) {
          failed += 1;
          continue;
        }
        const out = this.tx(() => {
          const cur = holdRow(this.sql, h.key);
          if (cur?.state !== "HELD") return abort(null);
          if (state === "COMMITTED") {
            sellHold(this.sql, cur, now);
            return commit("confirmed" as const);
          }
          releaseHold(this.sql, cur, now);
          return commit("released" as const);
        });
        if (out.value === "confirmed") confirmed += 1;
        if (out.value === "released") released += 1;
      }
      if (failed > 0 || due.length < RESOLVE_BATCH) break;
    }
    this.#resolveRetryAt = failed > 0 ? Date.now() + RESOLVE_RETRY_MS : null;
    return { confirmed, released, failed };
  }
}
