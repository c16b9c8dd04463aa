// The Lottery Durable Object: one per campaign (named by the lottery id), the only writer of its prize stock
// and draw counts (docs/architecture.md §9, issue 9). A draw, driven by the request and, after a crash, by the
// alarm — each transition one synchronous step (./steps.ts), each outside call idempotent on a ref
// (./deliver.ts):
//   1. begin     the key's draw, or the window and the member's daily/total limits, and the draw row (PAYING)
//   2. cost      Wallet.deduct(lottery:<id>:<key>)  — too few points: REFUSED, nothing spent; Duiba mode: the
//                merchant's 扣积分 under the same ref, its answer deciding (./duiba-cost.ts)
//   3. decide    the prize among those in stock (crypto.getRandomValues, no modulo bias), counted at once
//   4. deliver   points: Wallet.adjust(+points, …:prize) · item: a zero-point order through runRedeem ·
//                none: nothing; cannot be delivered → its unit back, the cost refunded (…:refund)
// A step whose call fails (unknown outcome) leaves the draw open; the alarm asks again with the same ref
// (the wallet replays a committed call) and finishes or refunds it. The member sees a result only once the
// prize is delivered, so a page never shows a win the server did not give. The outbox (./outbox.ts) projects
// every finished draw to Turso's lottery_draws, where a win becomes the lottery.won webhook event.
import { createClient } from "@libsql/client/web";
import { drizzle } from "drizzle-orm/libsql/web";
import type { Db } from "../../db/client";
import * as schema from "../../db/schema";
import { KernelObject } from "../objects/kernel-object";
import { redeemDeps, type RedeemDeps } from "../redeem/redeem";
import { walletFor, type WalletStub } from "../wallet/wallet-stub";
import type { WalletRules } from "../wallet/types";
import { duibaFor } from "../duiba/account-stub";
import type { DuibaConfig } from "../duiba/account-types";
import { type Call, giveBack, givePoints, payCost, placeItemOrder } from "./deliver";
import { type DuibaPayer, giveBackDuiba, payCostDuiba } from "./duiba-cost";
import { lotteryOutbox, outboxPending } from "./outbox";
import { pickPrize } from "./pick";
import * as steps from "./steps";
import { MIGRATIONS } from "./storage-schema";
import type { DrawResult, LotteryAdminApi, LotteryApi, Versioned } from "./types";

type In<K extends keyof LotteryApi> = Parameters<LotteryApi[K]>[0];
type Out<K extends keyof LotteryApi> = Awaited<ReturnType<LotteryApi[K]>>;

/** An open draw untouched this long is the alarm's. */
const STALE_MS = 10_000;
/** The alarm's retry delay while a draw cannot be finished. */
const RETRY_MS = 30_000;

export class Lottery extends KernelObject implements LotteryApi, LotteryAdminApi {
  #sql: SqlStorage;
  #db: Db | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env, MIGRATIONS);
    this.#sql = ctx.storage.sql;
  }

  /** The member's wallet. Tests replace this on the instance to make a call fail (a crash between steps). */
  protected wallet(uid: string): Pick<WalletStub, "deduct" | "adjust"> {
    return walletFor(this.env, uid);
  }

  /** The member's DuibaAccount (Duiba mode: the merchant takes a draw's cost). Tests replace it like wallet(). */
  protected duiba(uid: string): DuibaPayer {
    return duibaFor(this.env, uid);
  }

  /** The redemption path for item prizes, with this object's own Turso client (no other request's I/O ever
   *  settles its calls). Tests replace it like wallet(). */
  protected redemption(): { deps: RedeemDeps; db: Db } {
    this.#db ??= drizzle(
      createClient({
        url: this.env.TURSO_DATABASE_URL,
        authToken: this.env.TURSO_AUTH_TOKEN || undefined,
        concurrency: Number.MAX_SAFE_INTEGER,
      }),
      { schema },
    ) as Db;
    return { deps: redeemDeps(this.env), db: this.#db };
  }

  #tx<T>(fn: () => T): T {
    let out: T;
    this.ctx.storage.transactionSync(() => {
      out = fn();
    });
    return out!;
  }

  // ---- the contract ----------------------------------------------------------------------------------------

  async configure(input: In<"configure">): Promise<Out<"configure">> {
    const v = this.#tx(() => steps.adopt(this.#sql, input));
    return { ok: true, version: v.version };
  }

  async status(input: In<"status">): Promise<Out<"status">> {
    const v = this.#tx(() => steps.adopt(this.#sql, input));
    return { version: v.version, prizes: steps.prizeStock(this.#sql, v.config), ...steps.totals(this.#sql) };
  }

  async memberDay(input: In<"memberDay">): Promise<Out<"memberDay">> {
    const v = this.#tx(() => steps.adopt(this.#sql, input));
    const day = steps.dayOf(input.now, input.timeZone);
    const c = steps.memberCounts(this.#sql, input.uid, day);
    return {
      day,
      drawsToday: c.today,
      drawsTotal: c.total,
      freeLeft: Math.max(0, v.config.freeDrawsPerDay - c.today),
    };
  }

  async draws(input: In<"draws">): Promise<Out<"draws">> {
    const limit = Math.min(Math.max(1, Math.trunc(input.limit)), 200);
    return steps.listDraws(this.#sql, { ...input, limit });
  }

  async draw(input: In<"draw">): Promise<DrawResult> {
    const { uid, key, now, rules } = input;
    if (typeof uid !== "string" || uid.length === 0) throw new TypeError("lottery: uid is required");
    if (typeof key !== "string" || key.length === 0 || key.length > 100) throw new TypeError("lottery: bad key");
    if (typeof now !== "number" || !Number.isFinite(now)) throw new TypeError("lottery: now must be epoch ms");
    const sql = this.#sql;
    const b = this.#tx(() => {
      const v = steps.adopt(sql, input);
      sql.exec(
        "insert into meta (key, value) values ('rules', ?) on conflict(key) do update set value = excluded.value",
        JSON.stringify(rules),
      );
      return steps.begin(sql, {
        uid,
        key,
        now,
        timeZone: rules.timeZone,
        config: v.config,
        address: input.address,
        tier: input.tier ?? null,
        duiba: input.duiba ? JSON.stringify(input.duiba) : null,
      });
    });
    if (b.kind === "refused") return { ok: false, code: b.code };
    if (b.created) await this.scheduleWake();
    const row = await this.#drive(key, rules, now);
    await this.scheduleWake(); // a finished draw: the outbox sends it soon
    return row.state === "REFUSED" && row.code
      ? { ok: false, code: row.code as "INSUFFICIENT_POINTS" | "KEY_REUSED" | "DUIBA_REFUSED" | "DUIBA_TIMEOUT" }
      : { ok: true, draw: steps.viewOf(row) };
  }

  // ---- admin / tests ---------------------------------------------------------------------------------------

  async recover(now: number): Promise<{ finished: number; refunded: number; pending: number }> {
    const rules = this.#rules();
    let finished = 0;
    let refunded = 0;
    let pending = 0;
    if (!rules) return { finished, refunded, pending };
    for (;;) {
      const open = steps.openDraws(this.#sql, now - STALE_MS, 50);
      if (open.length === 0) break;
      const rows = await Promise.all(open.map((r) => this.#drive(r.key, rules, now).catch(() => r)));
      for (const r of rows) {
        if (r.state === "DONE") finished++;
        else if (r.state === "REFUNDED" || r.state === "REFUSED") refunded++;
        else pending++;
      }
      if (rows.every((r) => ["PAYING", "DECIDED", "REFUNDING"].includes(r.state))) break; // none moved: retry later
    }
    return { finished, refunded, pending };
  }

  async sample(n: number): Promise<Record<string, number>> {
    const v = steps.storedConfig(this.#sql);
    const counts: Record<string, number> = {};
    if (!v) return counts;
    const cands = steps.candidates(this.#sql, v.config);
    for (let i = 0; i < n; i++) {
      const p = pickPrize(cands);
      if (p) counts[p.id] = (counts[p.id] ?? 0) + 1;
    }
    return counts;
  }

  async drainOutbox(): Promise<{ ok: boolean; sent: number; projectedSeq: number }> {
    return this.drainAll(() => ({
      projectedSeq: Number(
        this.#sql.exec<{ n: number }>("select projected_seq as n from outbox_state where id = 1").one().n,
      ),
    }));
  }

  // ---- the kernel's hooks ------------------------------------------------------------------------------------

  protected outbox() {
    return lotteryOutbox;
  }

  protected outboxPending(): boolean {
    return outboxPending(this.#sql);
  }

  /** An open draw is the alarm's once stale; one the alarm could not move is tried again after RETRY_MS. */
  protected ownWakeAt(realNow: number): number | null {
    const oldest = steps.oldestOpenAt(this.#sql);
    if (oldest === null) return null;
    const due = oldest + STALE_MS;
    return due > realNow ? due : realNow + RETRY_MS;
  }

  protected async onAlarm(realNow: number): Promise<void> {
    await this.recover(realNow);
  }

  // ---- internals --------------------------------------------------------------------------------------------

  #rules(): WalletRules | null {
    const r = this.#sql.exec<{ value: string }>("select value from meta where key = 'rules'").toArray()[0];
    return r ? (JSON.parse(r.value) as WalletRules) : null;
  }

  #config(): Versioned {
    const v = steps.storedConfig(this.#sql);
    if (!v) throw new Error("lottery: not configured");
    return v;
  }

  /** Takes the draw as far as it goes: every step re-reads the state, so concurrent drivers agree. A call that
   *  throws stops here (the draw stays open for the alarm). */
  async #drive(key: string, rules: WalletRules, now: number) {
    const sql = this.#sql;
    let row = steps.drawRow(sql, key)!;
    const { config } = this.#config();
    const call: Call = { lotteryId: config.id, lotteryName: config.name, key, uid: row.uid, now, rules };
    const wallet = this.wallet(row.uid);
    // Duiba mode: the cost is the merchant's to take and to give back (./duiba-cost.ts).
    const duiba = row.duiba ? (JSON.parse(row.duiba) as DuibaConfig) : null;
    try {
      for (let guard = 0; guard < 5; guard++) {
        if (row.state === "PAYING") {
          const paid =
            row.cost <= 0
              ? "paid"
              : duiba
                ? await payCostDuiba(this.duiba(row.uid), call, row.cost, duiba)
                : await payCost(wallet, call, row.cost);
          row = this.#tx(() =>
            paid === "paid" ? steps.decide(sql, key, this.#config().config, now) : steps.refuse(sql, key, paid, now),
          );
        } else if (row.state === "DECIDED") {
          const prize = JSON.parse(row.prize!) as import("./types").PrizeView;
          if (prize.kind === "points") {
            const ok = await givePoints(wallet, call, prize.points ?? 0);
            row = this.#tx(() =>
              ok ? steps.delivered(sql, key, null, now) : steps.undeliverable(sql, key, false, now),
            );
          } else {
            const { deps, db } = this.redemption();
            const placed = await placeItemOrder(deps, db, call, prize, steps.addressOf(row));
            row = this.#tx(() =>
              placed.ok
                ? steps.delivered(sql, key, placed.orderId, now)
                : steps.undeliverable(sql, key, placed.block, now),
            );
          }
        } else if (row.state === "REFUNDING") {
          const ok =
            row.cost <= 0
              ? true
              : duiba
                ? await giveBackDuiba(this.duiba(row.uid), call, row.cost, duiba)
                : await giveBack(wallet, call, row.cost);
          if (!ok) return row;
          row = this.#tx(() => steps.refunded(sql, key, now));
        } else {
          return row;
        }
      }
    } catch (e) {
      console.error(
        `lottery: draw ${key} left ${row.state} for the alarm: ${e instanceof Error ? e.message : String(e)}`,
      );
      return steps.drawRow(sql, key)!;
    }
    return row;
  }
}
