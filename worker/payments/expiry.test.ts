// Unpaid by the deadline: the unit goes back to stock and the points to their lots exactly once — also after the
// Worker dies at any step of closing (after the provider query, after the close, after the claim, after the
// points came back, after the unit came back), the next sweeper run finishing the job. Invariants 1–4 hold with
// these cash orders in the mix (a paid one and a points-only one beside them).
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { redeem } from "../redeem/redeem";
import { ADDRESS, createItem, db, expectInvariants, newKey, settleAll } from "../redeem/test-support";
import { stockFor } from "../stock/stock-stub";
import { closeDeps, closeUnpaid, type CloseDeps } from "./close-unpaid";
import { PAYMENT_WINDOW_MS } from "./order-status";
import { startPayment } from "./start-payment";
import { sweepPayments } from "./sweep";
import {
  allLedger,
  cashOrder,
  configurePayments,
  deliver,
  fake,
  lastNotice,
  orderRow,
  paymentRow,
  provider,
} from "./test-support";

beforeAll(() => configurePayments());

class Crash extends Error {}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const STEPS = ["query", "close", "claim", "cancel:claim", "cancel:refund", "cancel:restock"] as const;

function crashingAt(base: CloseDeps, step: (typeof STEPS)[number]): CloseDeps {
  const [scope, name] = step.includes(":") ? step.split(":") : ["close", step];
  const boom = (s: string) => {
    if (s === name) throw new Crash(step);
  };
  return scope === "cancel" ? { ...base, cancel: { ...base.cancel, after: boom } } : { ...base, after: boom };
}

describe("an order left unpaid", () => {
  it("goes back exactly once after a crash at every step, and the sweeper finishes it", async () => {
    // Orders whose deadline passes 2 s from now, each with a payment started at the provider.
    const made = [];
    for (const step of STEPS) {
      const o = await cashOrder({ now: Date.now() - PAYMENT_WINDOW_MS + 2_000 });
      const s = await startPayment(await provider(), db(), {
        orderId: o.order.id,
        uid: o.uid,
        channel: "h5",
        clientIp: "127.0.0.1",
        origin: "http://mall.test",
        now: Date.now(),
      });
      expect(s.ok).toBe(true);
      made.push({ step, ...o });
    }
    await sleep(2_500);
    const base = closeDeps(env, await provider());
    for (const m of made) {
      await expect(
        closeUnpaid(crashingAt(base, m.step), db(), {
          orderId: m.order.id,
          reason: "payment_expired",
          now: Date.now(),
        }),
      ).rejects.toThrow(Crash);
    }
    // the next cron run
    const r = await sweepPayments(base, db(), { now: Date.now() });
    for (const m of made) expect(r.closed, m.step).toContain(m.order.id);
    // and one more changes nothing
    await sweepPayments(base, db(), { now: Date.now() });
    for (const m of made) {
      expect((await orderRow(m.order.id)).status, m.step).toBe("cancelled");
      expect((await orderRow(m.order.id)).cancelSettledAt, m.step).not.toBeNull();
      expect(await paymentRow(m.order.id), m.step).toMatchObject({ state: "closed" });
      const ledger = await allLedger(m.uid);
      expect(
        ledger.filter((e) => e.kind === "refunded").map((e) => e.amount),
        m.step,
      ).toEqual([300]);
      expect(ledger.at(-1)?.balanceAfter, m.step).toBe(1000);
      expect((await stockFor(env, m.itemId).audit()).sold, m.step).toBe(0);
      // the provider's order is closed: it can no longer be paid
      const f = (await (await fake("GET", `/orders/${m.order.id}`)).json()) as { transaction: { trade_state: string } };
      expect(f.transaction.trade_state, m.step).toBe("CLOSED");
    }
    await settleAll(
      made.map((m) => m.itemId),
      made.map((m) => m.uid),
      Date.now(),
    );
    await expectInvariants(
      made.map((m) => m.itemId),
      made.map((m) => m.uid),
      Date.now(),
    );
  });

  it("never started: closed without the provider; paid at the last moment: kept; points-only orders untouched", async () => {
    const never = await cashOrder({ now: Date.now() - PAYMENT_WINDOW_MS - 60_000 });
    const late = await cashOrder({ now: Date.now() - PAYMENT_WINDOW_MS + 1_500 });
    const s = await startPayment(await provider(), db(), {
      orderId: late.order.id,
      uid: late.uid,
      channel: "h5",
      clientIp: "127.0.0.1",
      origin: "http://mall.test",
      now: Date.now(),
    });
    expect(s.ok).toBe(true);
    expect((await fake("POST", `/orders/${late.order.id}/pay`, {})).status).toBe(200);
    // points only, beside them
    const { itemId: plainItem } = await createItem({ type: "physical", points: 100, stock: 2 });
    const plain = await redeem(env, db(), {
      uid: late.uid,
      itemId: plainItem,
      qty: 1,
      key: newKey(),
      address: ADDRESS,
      now: Date.now() - PAYMENT_WINDOW_MS - 60_000,
    });
    expect(plain).toMatchObject({ ok: true, order: { status: "placed", cashFen: 0 } });
    await sleep(2_000);
    const r = await sweepPayments(closeDeps(env, await provider()), db(), { now: Date.now() });
    expect(r.closed).toContain(never.order.id);
    expect(r.paid).toContain(late.order.id); // the notification was lost; the query found the money
    expect((await orderRow(never.order.id)).status).toBe("cancelled");
    expect((await orderRow(late.order.id)).status).toBe("placed");
    expect((await paymentRow(late.order.id))?.state).toBe("paid");
    // the lost notification arriving after all: no change
    const before = await orderRow(late.order.id);
    expect((await deliver(await lastNotice(late.order.id))).status).toBe(204);
    expect(await orderRow(late.order.id)).toEqual(before);
    if (plain.ok) expect((await orderRow(plain.order.id)).status).toBe("placed");
    const items = [never.itemId, late.itemId, plainItem];
    await settleAll(items, [never.uid, late.uid], Date.now());
    await expectInvariants(items, [never.uid, late.uid], Date.now());
  });
});

describe("the merchant's payment window", () => {
  it("is fixed at each order's birth: a later change moves no deadline, and the sweeper keeps each order's own", async () => {
    // Both born 16 min − 3 s ago: under a 16-minute window one is due in 3 s, under 15 the other is overdue.
    const born = Date.now() - 16 * 60_000 + 3_000;
    let longer: Awaited<ReturnType<typeof cashOrder>>;
    try {
      await configurePayments({ payWindowMinutes: 16 });
      longer = await cashOrder({ now: born });
    } finally {
      await configurePayments({ payWindowMinutes: 15 });
    }
    const usual = await cashOrder({ now: born });
    expect((await orderRow(longer.order.id)).payDeadlineAt).toBe(born + 16 * 60_000);
    expect((await orderRow(usual.order.id)).payDeadlineAt).toBe(born + 15 * 60_000);
    const sweep = async () =>
      sweepPayments(closeDeps(env, await provider()), db(), { now: Date.now(), batchSize: 100 });
    const first = await sweep();
    expect(first.closed).toContain(usual.order.id);
    expect(first.closed).not.toContain(longer.order.id);
    expect((await orderRow(longer.order.id)).status).toBe("awaiting_payment");
    expect((await orderRow(usual.order.id)).status).toBe("cancelled");
    // past its own deadline, the longer one too
    await sleep(3_500);
    expect((await sweep()).closed).toContain(longer.order.id);
    await settleAll([longer.itemId, usual.itemId], [longer.uid, usual.uid], Date.now());
    await expectInvariants([longer.itemId, usual.itemId], [longer.uid, usual.uid], Date.now());
  });
});
