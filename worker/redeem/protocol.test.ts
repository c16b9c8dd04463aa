// The redemption protocol under crashes and failures (docs/architecture.md §3): the Worker dies after each step (a
// throw from the test hook that no recovery code catches), or an RPC fails on the way there or back; then
// the stock object's alarm (resolveExpiredHolds past the deadline) and the outboxes run, and the four
// invariants hold: one order with its unit and its points, or nothing at all.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { orders } from "../../db/schema";
import { stockFor } from "../stock/stock-stub";
import { walletFor } from "../wallet/wallet-stub";
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

const balanceOf = async (uid: string) => (await walletFor(env, uid).standing({ uid, now: Date.now(), rules: await mallRules() })).balance;

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
    expect(retry).toMatchObject({ ok: true, order: { id: order!.id, status: order!.status, couponCodes: order!.couponCodes } });
    expect(await balanceOf(uid)).toBe(900);
  });
});

describe("failures between the steps", () => {
  it("the wallet resolves the key (the alarm racing) before the spend arrives: the late spend is refused, the hold released", async () => {
    const { itemId, rules, uid, input, stock, wallet } = await setup();
    const deps: RedeemDeps = {
      ...redeemDeps(env),
      after: async (s) => {
        if (s === "reserve") expect(await wallet.resolve({ key: input.key, now: input.now })).toEqual({ state: "ABORTED", code: "ABORTED" });
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
      if (s === "reserve") await wallet.deduct({ uid, ref: `d-${input.key}`, reason: "扣减", points: 100, now: input.now, rules: await mallRules() });
    };
    expect(await runRedeem({ ...redeemDeps(env), after: drainPoints }, db(), input)).toMatchObject({ ok: false, code: "INSUFFICIENT_POINTS" });
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
        if (s === "reserve") await wallet.deduct({ uid, ref: `d-${input.key}`, reason: "扣减", points: 100, now: input.now, rules: await mallRules() });
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
        return { standing: (i) => w.standing(i), resolve: (i) => w.resolve(i), spend: async () => Promise.reject(new Error("network")) };
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
      stock: (id) => {
        const s = real.stock(id);
        return { reserve: (i) => s.reserve(i), release: (i) => s.release(i), confirm: async () => Promise.reject(new Error("overloaded")) };
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
      stock: (id) => {
        const s = real.stock(id);
        return { reserve: async () => Promise.reject(new Error("overloaded")), release: (i) => s.release(i), confirm: (i) => s.confirm(i) };
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
    expect(await stock.confirm({ key: input.key, now: input.now })).toEqual({ ok: true, state: "SOLD", couponCodes: a.ok ? a.order.couponCodes : [] });
    expect(await stock.status({ rules })).toMatchObject({ sold: 1 });
    await settleAll([itemId], [uid], input.now);
    await expectInvariants([itemId], [uid], input.now);
  });
});
