// The provider's payment notification through the Worker's notify route, with notifications the fake WeChat
// Pay signed and encrypted: good (paid exactly once, however often delivered), tampered, wrong serial, old
// timestamp (all 401, nothing changed), and an amount other than the order's (flagged, never fulfilled).
import { sql } from "drizzle-orm";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { expectInvariants, settleAll, db } from "../redeem/test-support";
import { startPayment } from "./start-payment";
import { sweepPayments } from "./sweep";
import { closeDeps } from "./close-unpaid";
import { PAYMENT_WINDOW_MS } from "./order-status";
import {
  cashOrder,
  configurePayments,
  deliver,
  type Delivery,
  fake,
  lastNotice,
  orderRow,
  paymentRow,
  provider,
} from "./test-support";

beforeAll(() => configurePayments());

async function startAndPay(orderId: string, uid: string, reportedTotal?: number) {
  const r = await startPayment(await provider(), db(), {
    orderId,
    uid,
    channel: "h5",
    clientIp: "127.0.0.1",
    origin: "http://mall.test",
    now: Date.now(),
  });
  expect(r).toMatchObject({ ok: true, start: { kind: "redirect" } });
  if (r.ok && "start" in r && r.start.kind === "redirect") expect(r.start.url).toContain("redirect_url=");
  const paid = await fake("POST", `/orders/${orderId}/pay`, reportedTotal ? { reportedTotal } : {});
  expect(paid.status).toBe(200);
}

async function forged(orderId: string, forge: "signature" | "serial" | "stale"): Promise<Delivery> {
  const res = await fake("POST", `/orders/${orderId}/notify`, { forge });
  expect(res.status).toBe(200);
  return (await res.json()) as Delivery;
}

describe("the payment notification", () => {
  it("refuses a tampered body, an unknown serial and an old timestamp (401, nothing changes)", async () => {
    const { order, uid } = await cashOrder();
    await startAndPay(order.id, uid);
    for (const forge of ["signature", "serial", "stale"] as const) {
      const res = await deliver(await forged(order.id, forge));
      expect(res.status, forge).toBe(401);
      expect(await res.json()).toEqual({ code: "FAIL", message: "失败" });
    }
    expect((await orderRow(order.id)).status).toBe("awaiting_payment");
    expect((await paymentRow(order.id))?.state).toBe("pending");
  });

  it("marks the order paid exactly once, however many times it is delivered", async () => {
    const { order, uid, itemId } = await cashOrder();
    await startAndPay(order.id, uid);
    const good = await lastNotice(order.id);
    expect((await deliver(good)).status).toBe(204);
    const first = { order: await orderRow(order.id), pay: await paymentRow(order.id) };
    expect(first.order.status).toBe("placed");
    expect(first.pay).toMatchObject({ state: "paid", amountFen: 1000, reportedFen: 1000 });
    expect(first.pay?.transactionId).toBeTruthy();
    // the same notification again (WeChat Pay's retry), and the fake's duplicate delivery
    expect((await deliver(good)).status).toBe(204);
    const dup = await fake("POST", `/orders/${order.id}/notify`, {});
    expect(dup.status).toBe(200);
    expect((await deliver((await dup.json()) as Delivery)).status).toBe(204);
    expect(await orderRow(order.id)).toEqual(first.order);
    expect(await paymentRow(order.id)).toEqual(first.pay);
    // merchants' webhooks learn it once: one order.paid event, with the amount and WeChat Pay's id
    const paid = (await db().all(sql`select payload from events where type = 'order.paid'
      and json_extract(payload, '$.data.orderId') = ${order.id}`)) as { payload: string }[];
    expect(paid).toHaveLength(1);
    expect(JSON.parse(paid[0]!.payload)).toMatchObject({
      type: "order.paid",
      data: { orderId: order.id, uid, amountFen: 1000, transactionId: first.pay!.transactionId, provider: "wechatpay" },
    });
    await settleAll([itemId], [uid], Date.now());
    await expectInvariants([itemId], [uid], Date.now());
  });

  it("flags an amount other than the order's: not fulfilled, and not closed by the sweeper", async () => {
    const { order, uid, itemId } = await cashOrder({ now: Date.now() - PAYMENT_WINDOW_MS + 60_000 });
    await startAndPay(order.id, uid, 1);
    expect((await deliver(await lastNotice(order.id))).status).toBe(204);
    expect(await paymentRow(order.id)).toMatchObject({ state: "flagged", flag: "AMOUNT_MISMATCH", reportedFen: 1 });
    expect((await orderRow(order.id)).status).toBe("awaiting_payment");
    const r = await sweepPayments(closeDeps(env, await provider()), db(), { now: Date.now() + PAYMENT_WINDOW_MS });
    expect(r.closed).not.toContain(order.id);
    expect((await orderRow(order.id)).status).toBe("awaiting_payment");
    await settleAll([itemId], [uid], Date.now());
    await expectInvariants([itemId], [uid], Date.now());
  });
});
