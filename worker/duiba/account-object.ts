// The DuibaAccount Durable Object (兑吧兼容, docs/architecture.md §9): one per member, named by uid. In Duiba mode the
// member's points live on the merchant's server, so this object takes the wallet's place in the redemption
// protocol (§3) and is the one decider of each orderNum:
//   spend(k)    one row per key, CALLING written before the 扣积分 call goes out (one synchronous step), then the
//               merchant's answer decides in another: ok → COMMITTED (the success notice queued), fail → ABORTED,
//               no usable answer within 30 s → ABORTED and the failure notice queued (the merchant gives the
//               credits back when it had taken them). A twin of the key waits for the same call.
//   resolve(k)  the stock alarm's question for a hold past its deadline: the decision, or ABORTED recorded for a
//               key never seen; a call a restart lost (CALLING without a call in flight) is settled as a timeout.
//   notices     兑换结果通知 from the alarm until the merchant answers "ok", on Duiba's schedule (protocol.ts).
//   加积分       addCredits(ref): one row per ref, orderNum derived from it, sent until the merchant answers.
// Every call is logged in the object and projected to Turso's duiba_calls by the outbox, with the order rows of
// committed redemptions (the flow writes them at once; this is the guarantee when that write failed).
import type { InStatement } from "@libsql/client/web";
import { assertKey, assertNow, isPositiveSafeInteger } from "../objects/guards";
import { KernelObject } from "../objects/kernel-object";
import { abort, commit } from "../objects/outcome";
import type { OutboxBatch, OutboxSource } from "../objects/outbox";
import { num, row, rows } from "../objects/sql";
import { forgetMemberOrders } from "../orders/orders-page-memo";
import { refusal } from "../objects/refusal";
import { bornStatus } from "../payments/order-status";
import type { OrderSnapshot, RedemptionDecision, SpendResult } from "../wallet/types";
import { MIGRATIONS } from "./account-schema";
import type {
  AddCreditsResult,
  ChargeResult,
  DuibaAccountAdminApi,
  DuibaAccountApi,
  DuibaConfig,
  DuibaOrderView,
  DuibaRefundResult,
} from "./account-types";
import { type CallResult, callMerchant, LOG_TEXT_MAX } from "./merchant-call";
import {
  addCreditsParams,
  CONSUME_TIMEOUT_MS,
  consumeCreditsParams,
  noticeAcknowledged,
  NOTIFY_RETRY_DELAYS_MS,
  parseCreditsAnswer,
  resultNoticeParams,
} from "./protocol";

/** 兑换结果通知 and 加积分 calls wait this long for the merchant. */
const CALL_TIMEOUT_MS = 10_000;
/** A CALLING row older than the consume timeout plus this, with no call in flight, was lost to a restart. */
const LOST_GRACE_MS = 5_000;
/** Calls and orders per outbox batch. */
const BATCH = 200;

type OrderRow = {
  key: string;
  order_num: string;
  item_id: number | null;
  qty: number | null;
  credits: number;
  order_json: string | null;
  state: "CALLING" | "COMMITTED" | "ABORTED";
  code: string | null;
  biz_id: string | null;
  error_message: string | null;
  started_at: number | null;
  decided_at: number | null;
  notice: "NONE" | "PENDING" | "DONE" | "FAILED";
  notice_success: number | null;
  notice_attempts: number;
  notice_next_at: number | null;
  projected: number;
  refund_ref: string | null;
  refunded_at: number | null;
};
type AddRow = {
  ref: string;
  order_num: string;
  credits: number;
  type: string;
  description: string;
  state: "PENDING" | "DONE" | "FAILED";
  biz_id: string | null;
  attempts: number;
  next_at: number | null;
};
type CallRow = {
  seq: number;
  kind: string;
  order_num: string | null;
  request: string;
  answer: string;
  outcome: string;
  http_status: number | null;
  duration_ms: number;
  created_at: number;
};
type Outcome = "ok" | "fail" | "timeout" | "error";
type AbortCode = "INSUFFICIENT_POINTS" | "SOLD_OUT" | "LIMIT_REACHED" | "ABORTED" | "KEY_REUSED" | "DUIBA_REFUSED";

const orderRow = (sql: SqlStorage, key: string) => row<OrderRow>(sql, "select * from orders where key = ?", key);
const addRow = (sql: SqlStorage, ref: string) => row<AddRow>(sql, "select * from adds where ref = ?", ref);

/** Duiba's item types (case-insensitive on its side) for the mall's. */
const duibaType = (itemType: string) =>
  itemType === "physical" ? "object" : itemType === "coupon" ? "coupon" : "virtual";

/** The next gap of the schedule after `attempts` attempts, or null when the schedule is used up. */
const retryGap = (attempts: number) =>
  attempts <= NOTIFY_RETRY_DELAYS_MS.length ? NOTIFY_RETRY_DELAYS_MS[attempts - 1]! : null;

async function addOrderNum(uid: string, ref: string): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${uid}\n${ref}`)));
  return `PA${Array.from(d.slice(0, 10), (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

export class DuibaAccount extends KernelObject implements DuibaAccountApi, DuibaAccountAdminApi {
  /** 扣积分 calls in flight in this instance, by key (a twin of the key, or resolve, waits for it). */
  readonly #inflight = new Map<string, Promise<void>>();
  /** Notices and 加积分 being sent now (by order_num), so overlapping alarms never send one twice at once. */
  readonly #sending = new Set<string>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env, MIGRATIONS);
  }

  /** The 扣积分 timeout (Duiba's 30 s). Tests shorten it on the instance. */
  protected consumeTimeoutMs(): number {
    return CONSUME_TIMEOUT_MS;
  }

  // ---- credits ---------------------------------------------------------------------------------------------

  #ensure(uid: string): void {
    this.sql.exec("insert into account (id, uid) values (1, ?) on conflict(id) do nothing", uid);
  }

  #uid(): string {
    return row<{ uid: string }>(this.sql, "select uid from account where id = 1")?.uid ?? "";
  }

  #credits(): number {
    return row<{ credits: number }>(this.sql, "select credits from account where id = 1")?.credits ?? 0;
  }

  #setCredits(credits: number, at: number): void {
    this.sql.exec(
      "update account set credits = ?, credits_at = ? where id = 1 and (credits_at is null or credits_at <= ?)",
      credits,
      at,
      at,
    );
  }

  #config(): DuibaConfig | null {
    const c = row<{ config: string | null }>(this.sql, "select config from account where id = 1")?.config;
    return c ? (JSON.parse(c) as DuibaConfig) : null;
  }

  #saveConfig(config: DuibaConfig): void {
    this.sql.exec("update account set config = ? where id = 1", JSON.stringify(config));
  }

  async setCredits(input: { uid: string; credits: number; at: number }): Promise<{ credits: number }> {
    assertKey("duiba", "uid", input.uid);
    assertNow("duiba", input.at);
    if (!Number.isSafeInteger(input.credits)) throw new TypeError("duiba: credits must be an integer");
    this.tx(() => {
      this.#ensure(input.uid);
      this.#setCredits(input.credits, input.at);
      return commit(null);
    });
    return { credits: this.#credits() };
  }

  async credits(): Promise<{ linked: boolean; credits: number; at: number | null }> {
    const r = row<{ credits: number; credits_at: number | null }>(
      this.sql,
      "select credits, credits_at from account where id = 1",
    );
    return { linked: r !== undefined, credits: r?.credits ?? 0, at: r?.credits_at ?? null };
  }

  // ---- redemption (the wallet's contract) -------------------------------------------------------------------

  #decision(r: OrderRow | undefined, itemId?: number, qty?: number): RedemptionDecision | null {
    if (!r) return null;
    if (itemId !== undefined && r.item_id !== null && (r.item_id !== itemId || (qty !== undefined && r.qty !== qty)))
      return { state: "ABORTED", code: "KEY_REUSED" };
    if (r.state === "COMMITTED") return { state: "COMMITTED" };
    if (r.state === "ABORTED") return { state: "ABORTED", code: (r.code ?? "ABORTED") as AbortCode };
    return null;
  }

  /** A CALLING key: wait for its call in this instance, or settle it as a timeout when a restart lost it. */
  async #settleCalling(key: string, now: number): Promise<void> {
    const inflight = this.#inflight.get(key);
    if (inflight) {
      await inflight;
      return;
    }
    const out = this.tx(() => {
      const r = orderRow(this.sql, key);
      if (r?.state !== "CALLING") return abort(null);
      this.sql.exec(
        `update orders set state = 'ABORTED', code = 'ABORTED', error_message = 'lost', decided_at = ?,
           notice = 'PENDING', notice_success = 0, notice_next_at = ? where key = ?`,
        now,
        now,
        key,
      );
      return commit(null);
    });
    if (out.commit) await this.scheduleWake();
  }

  async standing(input: Parameters<DuibaAccountApi["standing"]>[0]) {
    assertKey("duiba", "uid", input.uid);
    assertNow("duiba", input.now);
    let decision: RedemptionDecision | null = null;
    if (input.key !== undefined) {
      if (orderRow(this.sql, input.key)?.state === "CALLING") await this.#settleCalling(input.key, input.now);
      decision = this.#decision(orderRow(this.sql, input.key), input.itemId, input.qty);
    }
    const base = [...input.rules.tiers].sort((a, b) => a.threshold - b.threshold)[0]!;
    return { balance: this.#credits(), tier: base.key, decision };
  }

  #spendAnswer(key: string): SpendResult {
    const r = orderRow(this.sql, key)!;
    if (r.state === "COMMITTED") {
      const order = JSON.parse(r.order_json!) as OrderSnapshot;
      return { ok: true, state: "COMMITTED", balance: this.#credits(), entryId: null, order };
    }
    const code = (r.state === "ABORTED" ? (r.code ?? "ABORTED") : "ABORTED") as AbortCode;
    return refusal(code, `error.${code}` as const);
  }

  async spend(input: Parameters<DuibaAccountApi["spend"]>[0]): Promise<SpendResult> {
    const { uid, key, points, order, now, config } = input;
    assertKey("duiba", "uid", uid);
    assertKey("duiba", "key", key);
    assertNow("duiba", now);
    if (!isPositiveSafeInteger(points) && points !== 0) throw new TypeError("duiba: points must be an integer ≥ 0");
    const limit = input.perMemberLimit;
    // A sharded item's per-member limit is this object's to decide (each stock shard sees only its own holds):
    // the member's units of the item in calls that may still commit (CALLING) or did (COMMITTED, not given
    // back) plus this qty must not pass it. A call still in flight is waited for first, so a refusal by the
    // merchant does not count; the count and the new row are then one synchronous step.
    for (let round = 0; ; round++) {
      const first = this.tx<OrderRow | { reused: true } | { waitFor: string[] } | null>(() => {
        this.#ensure(uid);
        this.#saveConfig(config);
        const r = orderRow(this.sql, key);
        if (r) return abort(r);
        if (row(this.sql, "select 1 as x from orders where order_num = ?", order.id))
          return abort({ reused: true } as const);
        if (limit !== undefined) {
          const units = (states: string) =>
            num(
              this.sql,
              `select coalesce(sum(qty), 0) from orders where item_id = ? and state in (${states}) and refund_ref is null`,
              order.itemId,
            );
          // After a few rounds of waiting (others keep starting), a call in flight counts as committed.
          const counted = round < 3 ? "'COMMITTED'" : "'CALLING', 'COMMITTED'";
          if (units(counted) + order.qty > limit) {
            this.sql.exec(
              `insert into orders (key, order_num, item_id, qty, credits, order_json, state, code, started_at, decided_at)
                 values (?, ?, ?, ?, ?, ?, 'ABORTED', 'LIMIT_REACHED', ?, ?)`,
              key,
              order.id,
              order.itemId,
              order.qty,
              points,
              JSON.stringify(order),
              Date.now(),
              Date.now(),
            );
            return commit(orderRow(this.sql, key)!);
          }
          if (units("'CALLING', 'COMMITTED'") + order.qty > limit) {
            const calling = rows<{ key: string }>(
              this.sql,
              "select key from orders where item_id = ? and state = 'CALLING' and refund_ref is null",
              order.itemId,
            );
            return abort({ waitFor: calling.map((c) => c.key) });
          }
        }
        this.sql.exec(
          `insert into orders (key, order_num, item_id, qty, credits, order_json, state, started_at)
           values (?, ?, ?, ?, ?, ?, 'CALLING', ?)`,
          key,
          order.id,
          order.itemId,
          order.qty,
          points,
          JSON.stringify(order),
          Date.now(),
        );
        return commit(null);
      });
      const v = first.value;
      if (v && "waitFor" in v) {
        // Another key's 扣积分 for the item is in flight: its answer decides whether this one fits.
        for (const k of v.waitFor) await this.#settleCalling(k, now);
        continue;
      }
      if (v && "reused" in v) return refusal("KEY_REUSED", "error.KEY_REUSED");
      if (v) {
        const d = this.#decision(v, order.itemId, order.qty);
        if (d?.state === "ABORTED" && d.code === "KEY_REUSED") return refusal("KEY_REUSED", "error.KEY_REUSED");
        if (v.state === "CALLING") await this.#settleCalling(key, now);
        return this.#spendAnswer(key);
      }
      break;
    }
    // Set before any await: a twin arriving while the call runs finds it.
    const call = this.#consume(key, uid, points, order, config).finally(() => this.#inflight.delete(key));
    this.#inflight.set(key, call);
    await call;
    return this.#spendAnswer(key);
  }

  async #consume(key: string, uid: string, points: number, order: OrderSnapshot, config: DuibaConfig): Promise<void> {
    const a = order.address;
    const params = await consumeCreditsParams(config.appKey, config.appSecret, {
      uid,
      credits: points,
      orderNum: order.id,
      type: duibaType(order.itemType),
      // the mall keeps no face value apart from the price: the cash part is both
      facePrice: order.cashFen,
      actualPrice: order.cashFen,
      itemCode: String(order.itemId),
      description: order.itemName,
      waitAudit: false,
      params: a ? [a.recipient, a.phone, a.region, a.detail].map((f) => f.replaceAll(":", " ")).join(":") : "",
    });
    await this.#callConsume(key, order.id, points, params, config);
  }

  /** Sends a 扣积分 and records the merchant's answer as the key's decision (one synchronous step). */
  async #callConsume(
    key: string,
    orderNum: string,
    points: number,
    params: Awaited<ReturnType<typeof consumeCreditsParams>>,
    config: DuibaConfig,
  ): Promise<void> {
    const res = await callMerchant(config.consumeUrl, params, this.consumeTimeoutMs(), this.env.MALL_ENV);
    const answer = res.httpStatus !== null && res.httpStatus < 300 ? parseCreditsAnswer(res.text) : null;
    const at = Date.now();
    this.tx(() => {
      const outcome: Outcome = answer ? answer.status : res.timedOut ? "timeout" : "error";
      this.#log("consume", orderNum, res, outcome, at);
      const r = orderRow(this.sql, key);
      if (r?.state !== "CALLING") return commit(null); // settled meanwhile (a lost call): that stands
      if (answer?.status === "ok") {
        this.sql.exec(
          `update orders set state = 'COMMITTED', biz_id = ?, decided_at = ?, notice = 'PENDING', notice_success = 1,
             notice_next_at = ? where key = ?`,
          answer.bizId,
          at,
          at,
          key,
        );
        this.#setCredits(answer.credits, at);
      } else if (answer?.status === "fail") {
        // The merchant's refusal is the decision; it took nothing, so there is nothing to announce.
        const short = answer.credits !== undefined && answer.credits < points;
        this.sql.exec(
          "update orders set state = 'ABORTED', code = ?, error_message = ?, decided_at = ? where key = ?",
          short ? "INSUFFICIENT_POINTS" : "DUIBA_REFUSED",
          answer.errorMessage.slice(0, 200),
          at,
          key,
        );
        if (answer.credits !== undefined) this.#setCredits(answer.credits, at);
      } else {
        // No answer in time (or none usable): failed, and the failure notice makes the merchant roll back.
        this.sql.exec(
          `update orders set state = 'ABORTED', code = 'ABORTED', error_message = ?, decided_at = ?,
             notice = 'PENDING', notice_success = 0, notice_next_at = ? where key = ?`,
          res.timedOut ? "timeout" : "bad answer",
          at,
          at,
          key,
        );
      }
      return commit(null);
    });
    await this.scheduleWake();
  }

  // ---- 扣积分 for a spend that is not an order (a lottery draw's cost, a 补签's) ---------------------------------

  async charge(input: Parameters<DuibaAccountApi["charge"]>[0]): Promise<ChargeResult> {
    const { uid, key, orderNum, credits, now, config } = input;
    assertKey("duiba", "uid", uid);
    assertKey("duiba", "key", key);
    assertKey("duiba", "orderNum", orderNum);
    assertNow("duiba", now);
    if (!isPositiveSafeInteger(credits)) throw new TypeError("duiba: a charge's credits must be a positive integer");
    if (input.type !== "hdtool" && input.type !== "sign") throw new TypeError("duiba: a charge is hdtool or sign");
    // The row is written CALLING (projected: no order to project) before the call goes out, in one step.
    const first = this.tx<OrderRow | { reused: true } | null>(() => {
      this.#ensure(uid);
      this.#saveConfig(config);
      const r = orderRow(this.sql, key);
      if (r) return abort(r.order_json !== null || r.order_num !== orderNum ? ({ reused: true } as const) : r);
      if (row(this.sql, "select 1 as x from orders where order_num = ?", orderNum))
        return abort({ reused: true } as const);
      this.sql.exec(
        `insert into orders (key, order_num, credits, state, started_at, projected) values (?, ?, ?, 'CALLING', ?, 1)`,
        key,
        orderNum,
        credits,
        Date.now(),
      );
      return commit(null);
    });
    if (first.value && "reused" in first.value) {
      // A key never called for and settled by resolve() first carries the order number "-<key>": refused as it is.
      const r = orderRow(this.sql, key);
      if (r?.order_num === `-${key}`) return this.#chargeAnswer(key);
      return refusal("KEY_REUSED", "error.KEY_REUSED");
    }
    if (first.value) {
      if (first.value.state === "CALLING") await this.#settleCalling(key, now);
      return this.#chargeAnswer(key);
    }
    const params = await consumeCreditsParams(config.appKey, config.appSecret, {
      uid,
      credits,
      orderNum,
      type: input.type,
      facePrice: credits,
      actualPrice: credits,
      description: input.description.slice(0, 100),
      waitAudit: false,
    });
    const call = this.#callConsume(key, orderNum, credits, params, config).finally(() => this.#inflight.delete(key));
    this.#inflight.set(key, call);
    await call;
    return this.#chargeAnswer(key);
  }

  #chargeAnswer(key: string): ChargeResult {
    const r = orderRow(this.sql, key)!;
    if (r.state === "COMMITTED") return { ok: true, state: "COMMITTED", credits: this.#credits() };
    const code = r.code === "INSUFFICIENT_POINTS" || r.code === "DUIBA_REFUSED" ? r.code : "DUIBA_TIMEOUT";
    return refusal(code, `error.${code}` as const);
  }

  async resolve(input: Parameters<DuibaAccountApi["resolve"]>[0]): Promise<RedemptionDecision> {
    const { key, now, itemId, qty } = input;
    assertKey("duiba", "key", key);
    assertNow("duiba", now);
    if (orderRow(this.sql, key)?.state === "CALLING") await this.#settleCalling(key, now);
    const out = this.tx(() => {
      const r = orderRow(this.sql, key);
      if (r) {
        const d = this.#decision(r, itemId, qty)!;
        // A sharded item: the key's order sold from one shard (its snapshot's stockShard); another shard's
        // copy of the hold (a retry that landed there) is not committed.
        const sold = r.order_json ? ((JSON.parse(r.order_json) as OrderSnapshot).stockShard ?? 0) : 0;
        if (d.state === "COMMITTED" && input.shard !== undefined && sold !== input.shard)
          return abort({ state: "ABORTED", code: "ABORTED" } as RedemptionDecision);
        return abort(d);
      }
      // Never called for: not committed, ever (a late spend of the key is refused).
      const code = input.refusal ?? "ABORTED";
      this.sql.exec(
        `insert into orders (key, order_num, item_id, qty, state, code, decided_at) values (?, ?, ?, ?, 'ABORTED', ?, ?)`,
        key,
        `-${key}`,
        itemId ?? null,
        qty ?? null,
        code,
        now,
      );
      return commit({ state: "ABORTED", code } as RedemptionDecision);
    });
    return out.value;
  }

  // ---- 加积分 -----------------------------------------------------------------------------------------------

  async addCredits(input: Parameters<DuibaAccountApi["addCredits"]>[0]): Promise<AddCreditsResult> {
    const { uid, ref, credits, now, config } = input;
    assertKey("duiba", "uid", uid);
    assertKey("duiba", "ref", ref);
    assertNow("duiba", now);
    if (!isPositiveSafeInteger(credits)) throw new TypeError("duiba: credits must be a positive integer");
    const orderNum = await addOrderNum(uid, ref);
    const out = this.tx(() => {
      this.#ensure(uid);
      this.#saveConfig(config);
      if (addRow(this.sql, ref)) return abort(null);
      this.sql.exec(
        `insert into adds (ref, order_num, credits, type, description, state, next_at, created_at)
         values (?, ?, ?, ?, ?, 'PENDING', ?, ?)`,
        ref,
        orderNum,
        credits,
        input.type,
        input.description.slice(0, 100),
        now,
        now,
      );
      return commit(null);
    });
    if (out.commit) await this.#sendAdd(ref, now);
    return this.#addAnswer(ref);
  }

  async refundOrder(input: Parameters<DuibaAccountApi["refundOrder"]>[0]): Promise<DuibaRefundResult> {
    const { uid, key, ref, now } = input;
    assertKey("duiba", "uid", uid);
    assertKey("duiba", "key", key);
    assertKey("duiba", "ref", ref);
    assertNow("duiba", now);
    const orderNum = await addOrderNum(uid, ref);
    if (!input.config && !this.#config()) throw new Error("duiba: no merchant config to send the refund with");
    const out = this.tx<{ refunded: number } | null>(() => {
      const r = orderRow(this.sql, key);
      if (r?.state !== "COMMITTED") return abort(null);
      this.#ensure(uid);
      if (input.config) this.#saveConfig(input.config);
      if (r.refund_ref !== null) return abort({ refunded: r.refund_ref === ref ? r.credits : 0 });
      this.sql.exec("update orders set refund_ref = ?, refunded_at = ? where key = ?", ref, now, key);
      if (r.credits > 0)
        this.sql.exec(
          `insert into adds (ref, order_num, credits, type, description, state, next_at, created_at)
           values (?, ?, ?, 'postsale', ?, 'PENDING', ?, ?) on conflict(ref) do nothing`,
          ref,
          orderNum,
          r.credits,
          input.description.slice(0, 100),
          now,
          now,
        );
      return commit({ refunded: r.credits });
    });
    if (out.value === null)
      return { ok: false, code: "SPEND_NOT_FOUND", detail: "wallet.spendNotFound", params: { key } };
    // Sent now (and by the alarm while the merchant does not answer); a replay finds the row and waits for nothing.
    if (out.commit && out.value.refunded > 0) await this.#sendAdd(ref, now);
    const a = addRow(this.sql, ref);
    return {
      ok: true,
      refunded: out.value.refunded,
      balance: this.#credits(),
      add: a ? a.state : "NONE",
    };
  }

  #addAnswer(ref: string): AddCreditsResult {
    const a = addRow(this.sql, ref)!;
    if (a.state === "DONE")
      return { ok: true, state: "DONE", credits: this.#credits(), bizId: a.biz_id ?? "", orderNum: a.order_num };
    if (a.state === "FAILED")
      return { ok: false, code: "DUIBA_REFUSED", detail: "error.DUIBA_REFUSED", orderNum: a.order_num };
    return { ok: true, state: "PENDING", orderNum: a.order_num };
  }

  async #sendAdd(ref: string, now: number): Promise<void> {
    const a = addRow(this.sql, ref);
    const config = this.#config();
    if (!a || a.state !== "PENDING" || !config || this.#sending.has(a.order_num)) return;
    this.#sending.add(a.order_num);
    try {
      const params = await addCreditsParams(config.appKey, config.appSecret, {
        uid: this.#uid(),
        credits: a.credits,
        type: a.type,
        orderNum: a.order_num,
        description: a.description,
      });
      const res = await callMerchant(config.addCreditsUrl, params, CALL_TIMEOUT_MS, this.env.MALL_ENV);
      const answer = res.httpStatus !== null && res.httpStatus < 300 ? parseCreditsAnswer(res.text) : null;
      this.tx(() => {
        this.#log("add", a.order_num, res, answer ? answer.status : res.timedOut ? "timeout" : "error", Date.now());
        if (answer?.status === "ok") {
          this.sql.exec("update adds set state = 'DONE', biz_id = ?, next_at = null where ref = ?", answer.bizId, ref);
          this.#setCredits(answer.credits, Date.now());
        } else if (answer?.status === "fail") {
          this.sql.exec("update adds set state = 'FAILED', next_at = null where ref = ?", ref);
        } else {
          const attempts = a.attempts + 1;
          const gap = retryGap(attempts);
          this.sql.exec(
            "update adds set attempts = ?, state = ?, next_at = ? where ref = ?",
            attempts,
            gap === null ? "FAILED" : "PENDING",
            gap === null ? null : now + gap,
            ref,
          );
        }
        return commit(null);
      });
    } finally {
      this.#sending.delete(a.order_num);
    }
    await this.scheduleWake();
  }

  // ---- 兑换结果通知 ------------------------------------------------------------------------------------------

  async #sendNotice(key: string, now: number): Promise<void> {
    const r = orderRow(this.sql, key);
    const config = this.#config();
    if (!r || r.notice !== "PENDING" || !config || this.#sending.has(r.order_num)) return;
    this.#sending.add(r.order_num);
    try {
      const success = r.notice_success === 1;
      const params = await resultNoticeParams(config.appKey, config.appSecret, {
        uid: this.#uid(),
        orderNum: r.order_num,
        success,
        errorMessage: success ? "" : r.error_message === "timeout" ? "扣积分超时" : "兑换失败",
        bizId: r.biz_id ?? undefined,
      });
      const res = await callMerchant(config.notifyUrl, params, CALL_TIMEOUT_MS, this.env.MALL_ENV);
      const acked = res.httpStatus !== null && noticeAcknowledged(res.httpStatus, res.text);
      this.tx(() => {
        this.#log("notify", r.order_num, res, acked ? "ok" : res.timedOut ? "timeout" : "fail", Date.now());
        const attempts = r.notice_attempts + 1;
        if (acked) {
          this.sql.exec(
            "update orders set notice = 'DONE', notice_attempts = ?, notice_next_at = null where key = ?",
            attempts,
            key,
          );
        } else {
          const gap = retryGap(attempts);
          this.sql.exec(
            "update orders set notice = ?, notice_attempts = ?, notice_next_at = ? where key = ?",
            gap === null ? "FAILED" : "PENDING",
            attempts,
            gap === null ? null : now + gap,
            key,
          );
        }
        return commit(null);
      });
    } finally {
      this.#sending.delete(r.order_num);
    }
  }

  // ---- the log and the outbox -------------------------------------------------------------------------------

  #log(kind: string, orderNum: string | null, res: CallResult, outcome: Outcome, at: number): void {
    this.sql.exec(
      `insert into calls (kind, order_num, request, answer, outcome, http_status, duration_ms, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?)`,
      kind,
      orderNum,
      res.request.slice(0, LOG_TEXT_MAX),
      res.text.slice(0, LOG_TEXT_MAX),
      outcome,
      res.httpStatus,
      res.durationMs,
      at,
    );
  }

  protected outbox(): OutboxSource {
    return accountOutbox;
  }

  protected outboxPending(): boolean {
    return (
      num(this.sql, "select count(*) as n from calls where seq > (select projected_seq from outbox_state)") > 0 ||
      num(this.sql, "select count(*) as n from orders where state = 'COMMITTED' and projected = 0") > 0
    );
  }

  protected ownWakeAt(realNow: number): number | null {
    const next = row<{ t: number | null }>(
      this.sql,
      `select min(t) as t from (
         select min(notice_next_at) as t from orders where notice = 'PENDING'
         union all select min(next_at) from adds where state = 'PENDING'
         union all select min(started_at) + ? from orders where state = 'CALLING')`,
      this.consumeTimeoutMs() + LOST_GRACE_MS,
    )?.t;
    return next === null || next === undefined ? null : Math.max(next, realNow);
  }

  protected async onAlarm(realNow: number): Promise<void> {
    await this.#work(realNow);
  }

  async #work(now: number): Promise<{ notices: number; adds: number; settled: number }> {
    let settled = 0;
    for (const r of rows<{ key: string }>(
      this.sql,
      "select key from orders where state = 'CALLING' and started_at <= ?",
      now - this.consumeTimeoutMs() - LOST_GRACE_MS,
    )) {
      if (this.#inflight.has(r.key)) continue;
      await this.#settleCalling(r.key, now);
      settled += 1;
    }
    const notices = rows<{ key: string }>(
      this.sql,
      "select key from orders where notice = 'PENDING' and notice_next_at <= ? order by notice_next_at limit 50",
      now,
    );
    for (const n of notices) await this.#sendNotice(n.key, now);
    const adds = rows<{ ref: string }>(
      this.sql,
      "select ref from adds where state = 'PENDING' and next_at <= ? order by next_at limit 50",
      now,
    );
    for (const a of adds) await this.#sendAdd(a.ref, now);
    return { notices: notices.length, adds: adds.length, settled };
  }

  // ---- admin -----------------------------------------------------------------------------------------------

  async order(key: string): Promise<DuibaOrderView | null> {
    const r = orderRow(this.sql, key);
    if (!r) return null;
    return {
      key: r.key,
      orderNum: r.order_num,
      state: r.state,
      code: r.code,
      credits: r.credits,
      bizId: r.biz_id,
      notice: r.notice,
      noticeSuccess: r.notice_success === null ? null : r.notice_success === 1,
      noticeAttempts: r.notice_attempts,
      noticeNextAt: r.notice_next_at,
    };
  }

  async deliverDue(now: number): Promise<{ notices: number; adds: number; settled: number }> {
    const r = await this.#work(now);
    await this.scheduleWake();
    return r;
  }

  async drainOutbox(): Promise<{ ok: boolean; sent: number; projectedSeq: number }> {
    return this.drainAll(() => ({
      projectedSeq: num(this.sql, "select projected_seq as n from outbox_state where id = 1"),
    }));
  }
}

function orderInsert(uid: string, key: string, o: OrderSnapshot): InStatement {
  return {
    sql: `insert into orders (id, key, uid, item_id, item_name, item_type, qty, points, cash_fen, status, coupon_codes,
            address, created_at, updated_at)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          on conflict(key) do nothing`,
    args: [
      o.id,
      key,
      uid,
      o.itemId,
      o.itemName,
      o.itemType,
      o.qty,
      o.points,
      o.cashFen,
      bornStatus(o, false),
      "[]",
      o.address ? JSON.stringify(o.address) : null,
      o.createdAt,
      o.createdAt,
    ],
  };
}

const accountOutbox: OutboxSource = {
  label: (sql) => `duiba ${row<{ uid: string }>(sql, "select uid from account where id = 1")?.uid ?? "?"}`,
  prepare(sql): OutboxBatch | null {
    const uid = row<{ uid: string }>(sql, "select uid from account where id = 1")?.uid ?? "";
    const mark = num(sql, "select projected_seq as n from outbox_state where id = 1");
    const calls = rows<CallRow>(sql, "select * from calls where seq > ? order by seq limit ?", mark, BATCH);
    const orders = rows<OrderRow>(
      sql,
      "select * from orders where state = 'COMMITTED' and projected = 0 order by decided_at limit ?",
      BATCH,
    );
    if (calls.length === 0 && orders.length === 0) return null;
    const stmts: InStatement[] = orders.map((o) => orderInsert(uid, o.key, JSON.parse(o.order_json!) as OrderSnapshot));
    for (const c of calls) {
      stmts.push({
        sql: `insert into duiba_calls (id, kind, uid, order_num, request, answer, outcome, http_status, duration_ms,
                created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict(id) do nothing`,
        args: [
          `${uid}:${c.seq}`,
          c.kind,
          uid,
          c.order_num,
          c.request,
          c.answer,
          c.outcome,
          c.http_status,
          c.duration_ms,
          c.created_at,
        ],
      });
    }
    const last = calls.length ? calls[calls.length - 1]!.seq : mark;
    const keys = orders.map((o) => o.key);
    return {
      stmts,
      sent: stmts.length,
      markDrained: (s) => {
        s.exec("update outbox_state set projected_seq = max(projected_seq, ?) where id = 1", last);
        for (const k of keys) s.exec("update orders set projected = 1 where key = ?", k);
        if (keys.length > 0) forgetMemberOrders(uid);
      },
    };
  },
};
