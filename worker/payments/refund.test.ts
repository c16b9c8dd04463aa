// Cancel/refund of a paid order: points and unit back once, the money back under one idempotent refund number
// (RF + the order number) however often it is asked, the refund notification handled once; a crash after the
// points came back, or an order cancelled through the ordinary cancel path, is refunded by the sweeper.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { cancelOrder } from "../redeem/cancel-order";
import { db, expectInvariants, settleAll } from "../redeem/test-support";
import { stockFor } from "../stock/stock-stub";
import { closeDeps } from "./close-unpaid";
import { refundNo, refundPayment } from "./refund-payment";
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

async function paidOrder() {
  const o = await cashOrder();
  const s = await startPayment(await provider(), db(), {
    orderId: o.order.id,
    uid: o.uid,
    channel: "h5",
    clientIp: "127.0.0.1",
    origin: "http://mall.test",
    now: Date.now(),
  });
  expect(s.ok).toBe(true);
  expect((await fake("POST", `/orders/${o.order.id}/pay`, {})).status).toBe(200);
  expect((await deliver(await lastNotice(o.order.id))).status).toBe(204);
  expect((await orderRow(o.order.id)).status).toBe("placed");
  return o;
}

const refunds = async (uid: string) => (await allLedger(uid)).filter((e) => e.kind === "refunded");

describe("refunding a paid order", () => {
  it("gives points, unit and money back once; the refund notification completes it; asking again changes nothing", async () => {
    const { order, uid, itemId } = await paidOrder();
    const { provider: p, cancel } = closeDeps(env, await provider());
    const deps = { provider: p, cancel };
    const input = { orderId: order.id, reason: "不想要了", origin: "http://mall.test", now: Date.now() };
    const first = await refundPayment(deps, db(), input);
    expect(first).toMatchObject({ ok: true, refundNo: refundNo(order.id) });
    expect((await orderRow(order.id)).status).toBe("cancelled");
    expect((await stockFor(env, itemId).audit()).sold).toBe(0);
    const again = await refundPayment(deps, db(), { ...input, now: Date.now() });
    expect(again).toMatchObject({ ok: true, refundNo: refundNo(order.id) });
    // the refund notification (REFUND.SUCCESS), delivered twice
    const n = await lastNotice(refundNo(order.id));
    expect((await deliver(n)).status).toBe(204);
    const done = await paymentRow(order.id);
    expect(done).toMatchObject({ state: "refunded", refundNo: refundNo(order.id), refundStatus: "succeeded" });
    expect((await deliver(n)).status).toBe(204);
    expect(await paymentRow(order.id)).toEqual(done);
    expect(await refundPayment(deps, db(), { ...input, now: Date.now() })).toEqual({
      ok: true,
      state: "refunded",
      refundNo: refundNo(order.id),
    });
    // one refund at the provider, one points refund in the wallet
    const f = (await (await fake("GET", `/orders/${order.id}`)).json()) as { transaction: { trade_state: string } };
    expect(f.transaction.trade_state).toBe("REFUND");
    expect((await refunds(uid)).map((e) => e.amount)).toEqual([300]);
    await settleAll([itemId], [uid], Date.now());
    await expectInvariants([itemId], [uid], Date.now());
  });

  it("a crash after the points came back, and a cancel through the ordinary path: the sweeper refunds the money", async () => {
    const crashed = await paidOrder();
    const plain = await paidOrder();
    const base = closeDeps(env, await provider());
    await expect(
      refundPayment(
        {
          ...base,
          after: (s) => {
            if (s === "cancel") throw new Error("crash");
          },
        },
        db(),
        { orderId: crashed.order.id, reason: "缺货", origin: "http://mall.test", now: Date.now() },
      ),
    ).rejects.toThrow("crash");
    expect((await paymentRow(crashed.order.id))?.state).toBe("paid");
    const c = await cancelOrder(env, db(), {
      orderId: plain.order.id,
      by: "merchant",
      reason: "缺货",
      now: Date.now(),
    });
    expect(c.ok).toBe(true);
    const r = await sweepPayments(base, db(), { now: Date.now() });
    expect(r.refunded).toEqual(expect.arrayContaining([crashed.order.id, plain.order.id]));
    for (const o of [crashed, plain]) {
      expect((await paymentRow(o.order.id))?.state).toMatch(/^refund(ing|ed)$/);
      expect((await paymentRow(o.order.id))?.refundNo).toBe(refundNo(o.order.id));
      expect((await refunds(o.uid)).map((e) => e.amount)).toEqual([300]);
    }
    const items = [crashed.itemId, plain.itemId];
    await settleAll(items, [crashed.uid, plain.uid], Date.now());
    await expectInvariants(items, [crashed.uid, plain.uid], Date.now());
  });
});
