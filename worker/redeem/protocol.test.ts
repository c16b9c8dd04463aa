// The redemption protocol under crashes and failures (docs/architecture.md §3): the Worker dies after each step (a
// throw from the test hook that no recovery code catches), or an RPC fails on the way there or back; then
// the stock object's alarm (resolveExpiredHolds past the deadline) and the outboxes run, and the four
// invariants hold: one order with its unit and its points, or nothing at all.
import { env } from "cloudflare:workers";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { orders } from "../../db/schema";
import { stockFor } from "../stock/stock-stub";
import { walletFor } from "../wallet/wallet-stub";
import { recordOrder } from "../orders/order-row";
import { redeemDeps, runRedeem, type RedeemDeps, type RedeemStep } from "./redeem";
import { createItem, db, drainAll, expectInvariants, mallRules, memberWith, newKey, settleAll } from "./test-support";
import type { RedeemInput } from "./types";

class Crash extends Error {}

const crashAfter = (step: RedeemStep): RedeemDeps => ({
  ...redeemDeps(env),
  after: (s) => {
    if (s === step) throw new Crash(`crash after ${s}`);
  },
});

async function setup(type: "virtual" | "coupon" | "physical" = "virtual", points = 1000) {
  const { itemId, rules } = await createItem({ type, points: 100, stock: 3 });
  const uid = await memberWith(points);
  const input: RedeemInput = { uid, itemId, qty: 1, key: newKey(), address: null, now: Date.now() };
  return { itemId, rules, uid, input, stock: stockFor(env, itemId), wallet: walletFor(env, uid) };
}

const balanceOf = async (uid: string) =>
  (await walletFor(env, uid).standing({ uid, now: Date.now(), rules: await mallRules() })).balance;

describe.each(["virtual", "coupon"] as const)("a crash after each step (%s item)", (type) => {
  it.each(["load", "standing"] as const)("after %s: nothing happened", async (step) => {
    const { itemId, uid, input, stock } = await setup(type);
    await expect(runRedeem(crashAfter(step), db(), input)).rejects.toBeInstanceOf(Crash);
    expect(await stock.holds()).toEqual([]);
    await settleAll([itemId], [uid], input.now);
    await expectInvariants([itemId], [uid], input.now);
    expect(await balanceOf(uid)).toBe(1000);
  });

  it("after reserve: the alarm finds the hold past its deadline, the wallet says ABORTED, the units go back; a late retry is refused", async () => {
    const { itemId, rules, uid, input, stock, wallet } = await setup(type);
    await expect(runRedeem(crashAfter("reserve"), db(), input)).rejects.toBeInstanceOf(Crash);
    expect(await stock.status({ rules })).toMatchObject({ available: 2, held: 1 });
    expect(await stock.resolveExpiredHolds(input.now + 30_000)).toEqual({ confirmed: 0, released: 1, failed: 0 });
    expect(await stock.status({ rules })).toMatchObject({ available: 3, held: 0, sold: 0 });
    expect(await wallet.resolve({ key: input.key, now: input.now })).toEqual({ state: "ABORTED", code: "ABORTED" });
    const retry = await runRedeem(redeemDeps(env), db(), input);
    expect(retry).toMatchObject({ ok: false, code: "ABORTED" });
    await settleAll([itemId], [uid], input.now);
    await expectInvariants([itemId], [uid], input.now);
    expect(await balanceOf(uid)).toBe(1000);
  });

  it("after reserve, retried with the same key before the deadline: one order", async () => {
    const { itemId, uid, input } = await setup(type);
    await expect(runRedeem(crashAfter("reserve"), db(), input)).rejects.toBeInstanceOf(Crash);
    const retry = await runRedeem(redeemDeps(env), db(), input);
    expect(retry.ok).toBe(true);
    await settleAll([itemId], [uid], input.now);
    await expectInvariants([itemId], [uid], input.now);
    expect(await balanceOf(uid)).toBe(900);
  });

  it("after spend (committed, not confirmed): the alarm confirms; the order is there once", async () => {
    const { itemId, rules, uid, input, stock } = await setup(type);
    await expect(runRedeem(crashAfter("spend"), db(), input)).rejects.toBeInstanceOf(Crash);
    expect(await stock.status({ rules })).toMatchObject({ held: 1, sold: 0 });
    expect(await stock.resolveExpiredHolds(input.now + 30_000)).toEqual({ confirmed: 1, released: 0, failed: 0 });
    expect(await stock.status({ rules })).toMatchObject({ available: 2, held: 0, sold: 1 });
    await drainAll([itemId], [uid]);
    const [order] = await db().select().from(orders).where(eq(orders.key, input.key));
    expect(order).toMatchObject({ status: type === "coupon" ? "completed" : "placed" });
    if (type === "coupon") expect(order!.couponCodes).toHaveLength(1);
    // The shopper's retry answers that very order.
    const retry = await runRedeem(redeemDeps(env), db(), input);
    expect(retry).toMatchObject({ ok: true, order: { id: order!.id, couponCodes: order!.couponCodes } });
    await settleAll([itemId], [uid], input.now);
    await expectInvariants([itemId], [uid], input.now);
    expect(await balanceOf(uid)).toBe(900);
  });

  it.each(["confirm", "record"] as const)("after %s: the outboxes deliver the order", async (step) => {
    const { itemId, rules, uid, input, stock } = await setup(type);
    await expect(runRedeem(crashAfter(step), db(), input)).rejects.toBeInstanceOf(Crash);
    expect(await stock.status({ rules })).toMatchObject({ held: 0, sold: 1 });
    await settleAll([itemId], [uid], input.now);
    await expectInvariants([itemId], [uid], input.now);
    const retry = await runRedeem(redeemDeps(env), db(), input);
    const [order] = await db().select().from(orders).where(eq(orders.key, input.key));
    expect(retry).toMatchObject({
      ok: true,
      order: { id: order!.id, status: order!.status, couponCodes: order!.couponCodes },
    });
    expect(await balanceOf(uid)).toBe(900);
  });
});

describe("failures between the steps", () => {
  it("the wallet resolves the key (the alarm racing) before the spend arrives: the late spend is refused, the hold released", async () => {
    const { itemId, rules, uid, input, stock, wallet } = await setup();
    const deps: RedeemDeps = {
      ...redeemDeps(env),
      after: async (s) => {
        if (s === "reserve")
          expect(await wallet.resolve({ key: input.key, now: input.now })).toEqual({
            state: "ABORTED",
            code: "ABORTED",
          });
      },
    };
    expect(await runRedeem(deps, db(), input)).toMatchObject({ ok: false, code: "ABORTED" });
    expect(await stock.status({ rules })).toMatchObject({ available: 3, held: 0, sold: 0 });
    expect(await runRedeem(redeemDeps(env), db(), input)).toMatchObject({ ok: false, code: "ABORTED" });
    await settleAll([itemId], [uid], input.now);
    await expectInvariants([itemId], [uid], input.now);
    expect(await balanceOf(uid)).toBe(1000);
  });

  it("spend refused (the points went elsewhere after the pre-check): released; the same key keeps the refusal", async () => {
    const { itemId, rules, uid, input, stock, wallet } = await setup("virtual", 150);
    const drainPoints = async (s: RedeemStep) => {
      if (s === "reserve")
        await wallet.deduct({
          uid,
          ref: `d-${input.key}`,
          reason: "扣减",
          points: 100,
          now: input.now,
          rules: await mallRules(),
        });
    };
    expect(await runRedeem({ ...redeemDeps(env), after: drainPoints }, db(), input)).toMatchObject({
      ok: false,
      code: "INSUFFICIENT_POINTS",
    });
    expect(await stock.status({ rules })).toMatchObject({ available: 3, held: 0 });
    expect(await runRedeem(redeemDeps(env), db(), input)).toMatchObject({ ok: false, code: "INSUFFICIENT_POINTS" });
    await settleAll([itemId], [uid], input.now);
    await expectInvariants([itemId], [uid], input.now);
  });

  it("spend refused, then a crash before the release: the alarm releases", async () => {
    const { itemId, rules, uid, input, stock, wallet } = await setup("virtual", 150);
    const deps: RedeemDeps = {
      ...redeemDeps(env),
      after: async (s) => {
        if (s === "reserve")
          await wallet.deduct({
            uid,
            ref: `d-${input.key}`,
            reason: "扣减",
            points: 100,
            now: input.now,
            rules: await mallRules(),
          });
        if (s === "spend") throw new Crash();
      },
    };
    await expect(runRedeem(deps, db(), input)).rejects.toBeInstanceOf(Crash);
    expect(await stock.status({ rules })).toMatchObject({ held: 1 });
    expect(await stock.resolveExpiredHolds(input.now + 30_000)).toEqual({ confirmed: 0, released: 1, failed: 0 });
    await settleAll([itemId], [uid], input.now);
    await expectInvariants([itemId], [uid], input.now);
    expect(await balanceOf(uid)).toBe(50);
  });

  it("the spend call fails before reaching the wallet: resolved as ABORTED, released", async () => {
    const { itemId, rules, uid, input, stock } = await setup();
    const real = redeemDeps(env);
    const deps: RedeemDeps = {
      ...real,
      wallet: (u) => {
        const w = real.wallet(u);
        return {
          standing: (i) => w.standing(i),
          resolve: (i) => w.resolve(i),
          spend: async () => Promise.reject(new Error("network")),
        };
      },
    };
    expect(await runRedeem(deps, db(), input)).toMatchObject({ ok: false, code: "ABORTED" });
    expect(await stock.status({ rules })).toMatchObject({ available: 3, held: 0 });
    await settleAll([itemId], [uid], input.now);
    await expectInvariants([itemId], [uid], input.now);
    expect(await balanceOf(uid)).toBe(1000);
  });

  it("the spend commits but its answer is lost: resolved as COMMITTED, the order completes", async () => {
    const { itemId, uid, input } = await setup("coupon");
    const real = redeemDeps(env);
    let lost = 0;
    const deps: RedeemDeps = {
      ...real,
      wallet: (u) => {
        const w = real.wallet(u);
        return {
          standing: (i) => w.standing(i),
          resolve: (i) => w.resolve(i),
          spend: async (i) => {
            const r = await w.spend(i);
            if (lost++ === 0) throw new Error("connection reset");
            return r;
          },
        };
      },
    };
    const r = await runRedeem(deps, db(), input);
    expect(r).toMatchObject({ ok: true, order: { status: "completed" } });
    expect(r.ok && r.order.couponCodes).toHaveLength(1);
    await settleAll([itemId], [uid], input.now);
    await expectInvariants([itemId], [uid], input.now);
    expect(await balanceOf(uid)).toBe(900);
  });

  it("the confirm call fails: the order stands (placed), the alarm confirms it and the codes follow", async () => {
    const { itemId, rules, uid, input, stock } = await setup("coupon");
    const real = redeemDeps(env);
    const deps: RedeemDeps = {
      ...real,
      stock: (id, shard) => {
        const s = real.stock(id, shard);
        return {
          reserve: (i) => s.reserve(i),
          release: (i) => s.release(i),
          confirm: async () => Promise.reject(new Error("overloaded")),
        };
      },
    };
    const r = await runRedeem(deps, db(), input);
    expect(r).toMatchObject({ ok: true, order: { status: "placed", couponCodes: [] } });
    expect(await stock.status({ rules })).toMatchObject({ held: 1 });
    await stock.resolveExpiredHolds(input.now + 30_000);
    await settleAll([itemId], [uid], input.now);
    await expectInvariants([itemId], [uid], input.now);
    const [order] = await db().select().from(orders).where(eq(orders.key, input.key));
    expect(order).toMatchObject({ status: "completed" });
    expect(order!.couponCodes).toHaveLength(1);
  });

  it("the reserve call fails: nothing was held, nothing spent", async () => {
    const { itemId, uid, input } = await setup();
    const real = redeemDeps(env);
    const deps: RedeemDeps = {
      ...real,
      stock: (id, shard) => {
        const s = real.stock(id, shard);
        return {
          reserve: async () => Promise.reject(new Error("overloaded")),
          release: (i) => s.release(i),
          confirm: (i) => s.confirm(i),
        };
      },
    };
    await expect(runRedeem(deps, db(), input)).rejects.toThrow("overloaded");
    await settleAll([itemId], [uid], input.now);
    await expectInvariants([itemId], [uid], input.now);
    expect(await balanceOf(uid)).toBe(1000);
  });

  it("confirm twice (a redeem retried after success) gives the same codes and one sale", async () => {
    const { itemId, rules, uid, input, stock } = await setup("coupon");
    const a = await runRedeem(redeemDeps(env), db(), input);
    const b = await runRedeem(redeemDeps(env), db(), { ...input, now: input.now + 5_000 });
    expect(b).toEqual(a);
    expect(await stock.confirm({ key: input.key, uid, qty: 1, now: input.now })).toEqual({
      ok: true,
      state: "SOLD",
      couponCodes: a.ok ? a.order.couponCodes : [],
    });
    expect(await stock.status({ rules })).toMatchObject({ sold: 1 });
    await settleAll([itemId], [uid], input.now);
    await expectInvariants([itemId], [uid], input.now);
  });
});

// ---- issue 14: a key means one (member, item, qty) forever ------------------------------------------------

/** Resolves when `n` callers have reached it: two redemptions past their standing before either reserves. */
function barrier(n: number): () => Promise<void> {
  let count = 0;
  let open!: () => void;
  const all = new Promise<void>((r) => (open = r));
  return async () => {
    if (++count >= n) open();
    await all;
  };
}

describe("a key reused on another item, another quantity or by another member", () => {
  it("the stock object refuses a replay with another member or quantity (reserve, confirm, release): KEY_REUSED, nothing written", async () => {
    const { rules, uid, stock } = await setup("coupon");
    const key = newKey();
    const reserve = (u: string, qty: number) =>
      stock.reserve({ key, uid: u, memberTier: "standard", qty, now: Date.now(), rules });
    expect(await reserve(uid, 1)).toMatchObject({ ok: true, state: "HELD" });
    const writes = (await stock.audit()).writes;
    expect(await reserve("someone-else", 1)).toMatchObject({ ok: false, code: "KEY_REUSED" });
    expect(await reserve(uid, 2)).toMatchObject({ ok: false, code: "KEY_REUSED" });
    expect(await stock.release({ key, uid: "someone-else", qty: 1, now: Date.now() })).toMatchObject({
      ok: false,
      code: "KEY_REUSED",
    });
    expect(await stock.confirm({ key, uid: "someone-else", qty: 1, now: Date.now() })).toMatchObject({
      ok: false,
      code: "KEY_REUSED",
    });
    expect(await stock.confirm({ key, uid, qty: 3, now: Date.now() })).toMatchObject({ ok: false, code: "KEY_REUSED" });
    expect((await stock.audit()).writes).toBe(writes);
    expect((await stock.holds()).map((h) => [h.uid, h.qty, h.state])).toEqual([[uid, 1, "HELD"]]);
    // the hold's own member and quantity still confirm it
    expect(await stock.confirm({ key, uid, qty: 1, now: Date.now() })).toMatchObject({ ok: true, state: "SOLD" });
    await stock.release({ key, uid, qty: 1, now: Date.now() });
  });

  it("the wallet refuses a committed key for another item or quantity (spend, standing, resolve): KEY_REUSED, nothing written", async () => {
    const { itemId, uid, input, wallet } = await setup();
    const other = await createItem({ points: 100 });
    expect(await runRedeem(redeemDeps(env), db(), input)).toMatchObject({ ok: true });
    const rules = await mallRules();
    const before = await wallet.audit(input.now);
    const order = (id: number, qty: number) => ({
      id: "PM-x",
      itemId: id,
      itemName: "x",
      itemType: "virtual" as const,
      qty,
      points: 100 * qty,
      cashFen: 0,
      address: null,
      createdAt: input.now,
    });
    expect(
      await wallet.spend({ uid, key: input.key, points: 100, order: order(other.itemId, 1), now: input.now, rules }),
    ).toMatchObject({ ok: false, code: "KEY_REUSED" });
    expect(
      await wallet.spend({ uid, key: input.key, points: 500, order: order(itemId, 5), now: input.now, rules }),
    ).toMatchObject({ ok: false, code: "KEY_REUSED" });
    expect(
      (await wallet.standing({ uid, key: input.key, itemId: other.itemId, qty: 1, now: input.now, rules })).decision,
    ).toEqual({ state: "ABORTED", code: "KEY_REUSED" });
    expect(await wallet.resolve({ key: input.key, itemId: other.itemId, qty: 1, now: input.now })).toEqual({
      state: "ABORTED",
      code: "KEY_REUSED",
    });
    expect(await wallet.resolve({ key: input.key, itemId, qty: 1, now: input.now })).toEqual({ state: "COMMITTED" });
    expect(await wallet.audit(input.now)).toEqual(before);
    // the genuine retry still replays the order
    expect(
      await wallet.spend({ uid, key: input.key, points: 100, order: order(itemId, 1), now: input.now, rules }),
    ).toMatchObject({ ok: true, order: { itemId, qty: 1 } });
  });

  it("the same member's key on another item before Turso has the order: the wallet (standing) refuses it and nothing is held", async () => {
    const { itemId, uid, input } = await setup("coupon");
    const other = await createItem({ type: "coupon", points: 10, stock: 5 });
    const first = await runRedeem(redeemDeps(env), db(), input);
    expect(first.ok).toBe(true);
    // Turso without the order row and the key's claim (a pre-check there cannot see it): the objects decide.
    // The order's message goes too: the messages triggers write it in the order row's own statement, so a Turso
    // that never had the row never had it (left behind, the re-insert below met its unique (uid, dedupe_key)).
    await db().run(
      sql`delete from messages where dedupe_key in (select 'order:' || id || ':coupon' from orders where key = ${input.key})`,
    );
    await db().delete(orders).where(eq(orders.key, input.key));
    await db()
      .run(sql`delete from redeem_keys where key = ${input.key}`)
      .catch(() => undefined);
    for (const qty of [1, 5]) {
      const again = await runRedeem(redeemDeps(env), db(), { ...input, itemId: other.itemId, qty });
      expect(again).toMatchObject({ ok: false, code: "KEY_REUSED" });
    }
    expect(await stockFor(env, other.itemId).holds()).toEqual([]);
    expect(await balanceOf(uid)).toBe(900);
    if (first.ok) await recordOrder(db(), first.order);
    await settleAll([itemId, other.itemId], [uid], input.now);
    await expectInvariants([itemId, other.itemId], [uid], input.now);
  });

  it("two items at once with one key (both past standing before either reserves): one order; the other KEY_REUSED, its units back", async () => {
    const { itemId, uid, input } = await setup("coupon");
    const other = await createItem({ type: "coupon", points: 100, stock: 3 });
    const wait = barrier(2);
    const deps: RedeemDeps = { ...redeemDeps(env), after: async (s) => (s === "standing" ? wait() : undefined) };
    const [a, b] = await Promise.all([
      runRedeem(deps, db(), input),
      runRedeem(deps, db(), { ...input, itemId: other.itemId }),
    ]);
    const oks = [a, b].filter((r) => r.ok);
    expect(oks).toHaveLength(1);
    expect([a, b].find((r) => !r.ok)).toMatchObject({ ok: false, code: "KEY_REUSED" });
    await settleAll([itemId, other.itemId], [uid], input.now);
    await expectInvariants([itemId, other.itemId], [uid], input.now);
    expect(await balanceOf(uid)).toBe(900);
    const sold = (await stockFor(env, itemId).audit()).sold + (await stockFor(env, other.itemId).audit()).sold;
    expect(sold).toBe(1);
  });

  it("a reused key that crashed after its reserve on another item: the alarm asks the wallet with the item and releases (never sells)", async () => {
    const { itemId, uid, input } = await setup("coupon");
    const other = await createItem({ type: "coupon", points: 100, stock: 3 });
    const wait = barrier(2);
    const reusedCrashes: RedeemDeps = {
      ...redeemDeps(env),
      after: async (s) => {
        if (s === "standing") await wait();
        if (s === "reserve") throw new Crash();
      },
    };
    const firstWins: RedeemDeps = { ...redeemDeps(env), after: async (s) => (s === "standing" ? wait() : undefined) };
    const [a, b] = await Promise.allSettled([
      runRedeem(firstWins, db(), input),
      runRedeem(reusedCrashes, db(), { ...input, itemId: other.itemId }),
    ]);
    expect(a).toMatchObject({ status: "fulfilled", value: { ok: true } });
    expect(b.status).toBe("rejected");
    const otherStock = stockFor(env, other.itemId);
    expect((await otherStock.holds()).map((h) => h.state)).toEqual(["HELD"]);
    expect(await otherStock.resolveExpiredHolds(input.now + 30_000)).toEqual({ confirmed: 0, released: 1, failed: 0 });
    await settleAll([itemId, other.itemId], [uid], input.now);
    await expectInvariants([itemId, other.itemId], [uid], input.now);
    expect((await otherStock.audit()).sold).toBe(0);
  });

  it("another member with the key on the same item, at the same time: one order, for the member whose hold came first", async () => {
    const { itemId, uid, input } = await setup("coupon");
    const thief = await memberWith(1000);
    const wait = barrier(2);
    const deps: RedeemDeps = { ...redeemDeps(env), after: async (s) => (s === "standing" ? wait() : undefined) };
    const [a, b] = await Promise.all([runRedeem(deps, db(), input), runRedeem(deps, db(), { ...input, uid: thief })]);
    expect([a, b].filter((r) => r.ok)).toHaveLength(1);
    expect([a, b].find((r) => !r.ok)).toMatchObject({ ok: false, code: "KEY_REUSED" });
    await settleAll([itemId], [uid, thief], input.now);
    await expectInvariants([itemId], [uid, thief], input.now);
    expect((await balanceOf(uid)) + (await balanceOf(thief))).toBe(1900);
  });

  it("another member with the key on another item at the same time: one order in all (the key is claimed once, in Turso)", async () => {
    const { itemId, uid, input } = await setup("coupon");
    const other = await createItem({ type: "coupon", points: 100, stock: 3 });
    const thief = await memberWith(1000);
    const wait = barrier(2);
    const deps: RedeemDeps = { ...redeemDeps(env), after: async (s) => (s === "standing" ? wait() : undefined) };
    const [a, b] = await Promise.all([
      runRedeem(deps, db(), input),
      runRedeem(deps, db(), { ...input, uid: thief, itemId: other.itemId }),
    ]);
    expect([a, b].filter((r) => r.ok)).toHaveLength(1);
    expect([a, b].find((r) => !r.ok)).toMatchObject({ ok: false, code: "KEY_REUSED" });
    await settleAll([itemId, other.itemId], [uid, thief], input.now);
    await expectInvariants([itemId, other.itemId], [uid, thief], input.now);
    expect((await balanceOf(uid)) + (await balanceOf(thief))).toBe(1900);
  });
});
