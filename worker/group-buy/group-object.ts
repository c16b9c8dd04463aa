// The GroupBuy Durable Object: one per group (拼团, named by the group id), the only one that decides its seats
// (docs/architecture.md §9, issue 9). A join, driven by the request and, after a crash, by the alarm — each
// transition one synchronous step (./steps.ts), each outside call idempotent on the join's key (./calls.ts):
//   1. seat     the key's seat, or the group open, before its deadline, a seat left, the member not in it yet:
//               the seat is taken (HOLDING) — never more seats than the size
//   2. pay      Wallet.spend(key, group price, hold) — refused (too few points): RELEASED, the seat free again
//   3. fill     the last seat paid: FILLED, and every member's order placed through the redemption path (the
//               stock object decides each unit); a member the stock cannot serve is refunded
//   4. expire   the deadline passed unfilled (the alarm): FAILING, every paid seat refunded to its lots
// A call that fails (unknown outcome) leaves its seat where it was; the alarm asks again with the same key
// until the group is COMPLETED or FAILED. The outbox projects the group and its seats to Turso.
import { createClient } from "@libsql/client/web";
import { drizzle } from "drizzle-orm/libsql/web";
import type { Db } from "../../db/client";
import * as schema from "../../db/schema";
import { KernelObject } from "../objects/kernel-object";
import { commit } from "../objects/outcome";
import { tierAllowed } from "../objects/tiers";
import { type RedeemDeps, redeemDeps } from "../redeem/redeem";
import { type WalletStub, walletFor } from "../wallet/wallet-stub";
import { giveBack, pay, placeOrder, type Seat } from "./calls";
import { groupOutbox, outboxPending, projectedRev } from "./outbox";
import * as steps from "./steps";
import { MIGRATIONS } from "./storage-schema";
import type { GroupAdminApi, GroupApi, GroupState, GroupView, JoinInput, JoinResult } from "./types";

/** A seat untouched this long is the alarm's. */
const STALE_MS = 10_000;
/** The alarm's retry delay while a seat cannot be finished. */
const RETRY_MS = 30_000;

const OPEN_SEAT = ["HOLDING", "PAID", "REFUNDING"];

export class GroupBuy extends KernelObject implements GroupApi, GroupAdminApi {
  #db: Db | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env, MIGRATIONS);
  }

  /** The member's wallet. Tests replace this on the instance to make a call fail (a crash between steps). */
  protected wallet(uid: string): Pick<WalletStub, "spend" | "refund"> {
    return walletFor(this.env, uid);
  }

  /** The redemption path for the orders, with this object's own Turso client. Tests replace it like wallet(). */
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

  #step<T>(fn: () => T): T {
    return this.tx(() => commit(fn())).value;
  }

  // ---- the contract ----------------------------------------------------------------------------------------

  async join(input: JoinInput): Promise<JoinResult> {
    const { uid, key, now } = input;
    if (typeof uid !== "string" || uid.length === 0) throw new TypeError("group: uid is required");
    if (typeof key !== "string" || key.length === 0 || key.length > 100) throw new TypeError("group: bad key");
    if (typeof now !== "number" || !Number.isFinite(now)) throw new TypeError("group: now must be epoch ms");
    const b = this.#step((): steps.Begin => {
      // A new seat (or a new group) of a group limited to tiers: the member's tier first, nothing written if not.
      const def = steps.definition(this.sql) ?? input.open;
      const fresh = !steps.seatRow(this.sql, key);
      if (fresh && def && !tierAllowed(def.tiers, input.tier ?? null))
        return { kind: "refused", code: "TIER_NOT_ALLOWED" };
      if (input.open) steps.open(this.sql, input.open, input.rules, now);
      return steps.begin(this.sql, input);
    });
    if (b.kind === "refused") return { ok: false, code: b.code };
    await this.scheduleWake();
    await this.#drive(key, now);
    await this.#fill(now);
    await this.#settle();
    const done = steps.seatRow(this.sql, key)!;
    if (done.state === "RELEASED" && (done.code === "INSUFFICIENT_POINTS" || done.code === "KEY_REUSED"))
      return { ok: false, code: done.code };
    return { ok: true, seat: steps.seatView(done), group: steps.view(this.sql)! };
  }

  async view(): Promise<GroupView | null> {
    return steps.view(this.sql);
  }

  // ---- admin / the alarm -----------------------------------------------------------------------------------

  async recover(now: number): Promise<{ state: GroupState | null; pending: number }> {
    if (!steps.groupRow(this.sql)) return { state: null, pending: 0 };
    this.#step(() => steps.expire(this.sql, now));
    // A seat still paying may be its request's (in flight): the alarm's once stale. Any other is the alarm's.
    const stale = steps
      .openSeats(this.sql, Number.MAX_SAFE_INTEGER)
      .filter((s) => s.state !== "HOLDING" || s.updated_at <= now - STALE_MS);
    await Promise.all(stale.map((s) => this.#drive(s.key, now)));
    await this.#fill(now);
    await this.#settle();
    return {
      state: steps.groupRow(this.sql)!.state,
      pending: steps.openSeats(this.sql, Number.MAX_SAFE_INTEGER).length,
    };
  }

  async drainOutbox(): Promise<{ ok: boolean; sent: number; projectedRev: number }> {
    return this.drainAll(() => ({ projectedRev: projectedRev(this.sql) }));
  }

  protected outbox() {
    return groupOutbox;
  }

  protected outboxPending(): boolean {
    return outboxPending(this.sql);
  }

  protected ownWakeAt(realNow: number): number | null {
    const g = steps.groupRow(this.sql);
    if (!g) return null;
    const open = steps.openSeats(this.sql, Number.MAX_SAFE_INTEGER);
    const times: number[] = [];
    if (g.state === "OPEN") times.push(steps.definition(this.sql)!.deadline);
    if (open.length > 0) times.push(realNow + (g.state === "OPEN" ? STALE_MS : RETRY_MS));
    return times.length ? Math.min(...times) : null;
  }

  protected async onAlarm(realNow: number): Promise<void> {
    await this.recover(realNow);
  }

  // ---- internals --------------------------------------------------------------------------------------------

  /** Takes one seat as far as it goes: every step re-reads the state, so concurrent drivers agree. A call that
   *  throws stops here (the seat stays open for the alarm). */
  async #drive(key: string, now: number): Promise<steps.SeatRow> {
    const sql = this.sql;
    const def = steps.definition(sql)!;
    const rules = steps.rulesOf(sql)!;
    let s = steps.seatRow(sql, key)!;
    try {
      for (let guard = 0; guard < 4; guard++) {
        const seat = seatOf(s);
        if (s.state === "HOLDING") {
          const r = await pay(this.wallet(s.uid), def, seat, rules);
          s = this.#step(() => (r === "paid" ? steps.paid(sql, key, now) : steps.released(sql, key, r, now)));
        } else if (s.state === "PAID") {
          if (steps.groupRow(sql)!.state !== "FILLED") return s;
          const { deps, db } = this.redemption();
          const r = await placeOrder(deps, db, def, seat, now);
          s = this.#step(() => (r.ok ? steps.ordered(sql, key, r.order, now) : steps.unserved(sql, key, r.code, now)));
        } else if (s.state === "REFUNDING") {
          if (!(await giveBack(this.wallet(s.uid), def, seat, now, rules))) return s;
          s = this.#step(() => steps.refunded(sql, key, now));
        } else {
          return s;
        }
      }
    } catch (e) {
      console.error(
        `group ${def.id}: seat ${key} left ${s.state} for the alarm: ${e instanceof Error ? e.message : String(e)}`,
      );
      return steps.seatRow(sql, key)!;
    }
    return s;
  }

  /** A filled group: every paid member's order (and a refund for whoever the stock cannot serve). */
  async #fill(now: number): Promise<void> {
    if (steps.groupRow(this.sql)!.state !== "FILLED") return;
    const open = steps.openSeats(this.sql, Number.MAX_SAFE_INTEGER).filter((s) => OPEN_SEAT.includes(s.state));
    await Promise.all(open.map((s) => this.#drive(s.key, now)));
  }

  /** The next wake-up, and Turso brought up to date now (the pages read the projection). */
  async #settle(): Promise<void> {
    await this.scheduleWake();
    if (outboxPending(this.sql)) await this.drain(1);
  }
}

function seatOf(s: steps.SeatRow): Seat {
  return { uid: s.uid, key: s.key, points: s.points, joinedAt: s.joined_at, address: steps.addressOf(s) };
}
