// The cancellation sweeper: a cancel that died after its claim (or after the refund, or the restock) is settled
// by the next cron run — points back in the wallet, the unit back on the shelf, `cancel_settled_at` stamped —
// and a second run leaves it alone; a cancellation younger than a minute is left to the request making it.
// Claims are backdated (the input's `now`) rather than the sweeper's clock moved forward, so the sweeper never
// reaches the half-done cancels other test files are looking at in the shared database.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { orders } from "../../db/schema";
import worker from "../index";
import { stockFor } from "../stock/stock-stub";
import { walletFor } from "../wallet/wallet-stub";
import { cancelDeps, runCancel, type CancelStep } from "./cancel-order";
import { redeem } from "./redeem";
import { runSettleCancellations, settleCancellations } from "./settle-cancellations";
import { createItem, db, expectInvariants, mallRules, memberWith, newKey, settleAll } from "./test-support";

class Crash extends Error {}

const MINUTES = 60_000;
const balanceOf = async (uid: string) =>
  (await walletFor(env, uid).standing({ uid, now: Date.now(), rules: await mallRules() })).balance;
const stored = async (id: string) => (await db().select().from(orders).where(eq(orders.id, id)))[0]!;

async function ordered() {
  const { itemId, rules } = await createItem({ points: 100, stock: 3 });
  const uid = await memberWith(1000);
  const now = Date.now();
  const r = await redeem(env, db(), { uid, itemId, qty: 1, key: newKey(), address: null, now });
  if (!r.ok) throw new Error(r.code);
  return { itemId, rules, uid, now, order: r.order, stock: stockFor(env, itemId) };
}

/** A merchant cancel claimed `ago` ms back whose Worker dies right after `step`. */
async function halfCancelled(step: CancelStep, ago = 2 * MINUTES) {
  const o = await ordered();
  const after = (s: CancelStep) => {
    if (s === step) throw new Crash(step);
  };
  const input = { orderId: o.order.id, by: "merchant" as const, reason: "缺货", now: Date.now() - ago };
  await expect(runCancel({ ...cancelDeps(env), after }, db(), input)).rejects.toBeInstanceOf(Crash);
  expect(await stored(o.order.id)).toMatchObject({ status: "cancelled", cancelReason: "缺货", cancelSettledAt: null });
  expect(await balanceOf(o.uid)).toBe(step === "claim" ? 900 : 1000);
  expect((await o.stock.status({ rules: o.rules })).sold).toBe(step === "restock" ? 0 : 1);
  return o;
}

async function expectSettled(o: Awaited<ReturnType<typeof ordered>>) {
  expect(await balanceOf(o.uid)).toBe(1000);
  expect(await o.stock.status({ rules: o.rules })).toMatchObject({ available: 3, held: 0, sold: 0 });
  const row = await stored(o.order.id);
  expect(row).toMatchObject({ status: "cancelled", cancelReason: "缺货" });
  expect(row.cancelSettledAt).toBeGreaterThan(0);
  await settleAll([o.itemId], [o.uid], o.now);
  await expectInvariants([o.itemId], [o.uid], o.now);
}

/** One cron invocation through the Worker's own `scheduled` export. */
async function cron() {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: "*/5 * * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
}

const sweep = () => settleCancellations(env, db(), { now: Date.now(), maxBatches: 50 });

describe("settleCancellations", () => {
  it.each(["claim", "refund", "restock"] as const)(
    "settles a cancel that died after %s; a second run does nothing",
    async (step) => {
      const o = await halfCancelled(step);
      const first = await sweep();
      expect(first.repaired).toContain(o.order.id);
      expect(first.failed.map((f) => f.orderId)).not.toContain(o.order.id);
      await expectSettled(o);
      const settledAt = (await stored(o.order.id)).cancelSettledAt;
      const second = await sweep();
      expect(second.repaired).not.toContain(o.order.id);
      expect(second.failed.map((f) => f.orderId)).not.toContain(o.order.id);
      expect((await stored(o.order.id)).cancelSettledAt).toBe(settledAt);
      await expectSettled(o);
      const refunds = (await walletFor(env, o.uid).ledger({ limit: 50 })).entries.filter((e) => e.kind === "refunded");
      expect(refunds).toHaveLength(1);
    },
  );

  it("runs from the Worker's cron trigger (the real scheduled handler)", async () => {
    const o = await halfCancelled("claim");
    const settledAt = (await cron(), (await stored(o.order.id)).cancelSettledAt);
    await expectSettled(o);
    await cron();
    expect((await stored(o.order.id)).cancelSettledAt).toBe(settledAt);
    await expectSettled(o);
  });

  it("leaves a cancellation claimed less than a minute ago to the request making it", async () => {
    const o = await halfCancelled("claim", 0);
    const r = await sweep();
    expect(r.repaired).not.toContain(o.order.id);
    expect(await balanceOf(o.uid)).toBe(900);
    expect((await stored(o.order.id)).cancelSettledAt).toBeNull();
    // The request's retry settles it (and stamps it).
    expect(
      await runCancel(cancelDeps(env), db(), { orderId: o.order.id, by: "merchant", reason: "缺货", now: Date.now() }),
    ).toMatchObject({ ok: true, refunded: 100, balance: 1000 });
    await expectSettled(o);
  });

  it("a cancel that finished stamps the order itself, and the sweeper never picks it", async () => {
    const o = await ordered();
    const at = Date.now() - 2 * MINUTES;
    const r = await runCancel(cancelDeps(env), db(), {
      orderId: o.order.id,
      by: "member",
      uid: o.uid,
      reason: "缺货",
      now: at,
    });
    expect(r).toMatchObject({ ok: true, refunded: 100 });
    expect((await stored(o.order.id)).cancelSettledAt).toBe(at);
    await expectSettled(o);
    expect((await sweep()).repaired).not.toContain(o.order.id);
  });

  it("logs a failure and leaves the order for the next run", async () => {
    const o = await halfCancelled("claim");
    const down = {
      ...cancelDeps(env),
      wallet: () => ({ refund: () => Promise.reject(new Error("wallet unreachable")) }),
    };
    const failing = await runSettleCancellations(down, db(), { now: Date.now(), maxBatches: 50 });
    expect(failing.failed).toContainEqual({ orderId: o.order.id, error: "wallet unreachable" });
    expect(failing.repaired).not.toContain(o.order.id);
    expect(await balanceOf(o.uid)).toBe(900);
    expect((await stored(o.order.id)).cancelSettledAt).toBeNull();
    expect((await sweep()).repaired).toContain(o.order.id);
    await expectSettled(o);
  });
});
