// The event source: facts made through the real flows (Merchant API, the redemption protocol, the order routes)
// and projected by the objects' own outboxes leave exactly one event each in Turso's `events`, written by the
// triggers of migration 0006 with the fact; replaying an outbox batch adds none.
import { env } from "cloudflare:workers";
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { events } from "../../db/schema";
import { call, newRef, newUid } from "../api/test-client";
import { createItem, db, drainAll, memberWith } from "../redeem/test-support";
import { order } from "../admin/orders/test-orders";
import { walletFor } from "../wallet/wallet-stub";
import { runInDurableObject } from "cloudflare:test";

const eventsOf = async (uid: string) =>
  (await db().select().from(events).where(eq(events.uid, uid)).orderBy(asc(events.seq))).map((e) => ({
    ...e,
    body: JSON.parse(e.payload) as { type: string; timestamp: string; data: Record<string, unknown> },
  }));

describe("events from facts", () => {
  it("a member created and points earned: one event each, with the Standard Webhooks body; a replayed projection adds none", async () => {
    const uid = newUid();
    expect((await call("PUT", `/api/v1/members/${uid}`, { nickname: "小王" })).status).toBe(201);
    expect((await call("PUT", `/api/v1/members/${uid}`, { nickname: "小王二" })).status).toBe(200);
    const r = await call("POST", `/api/v1/members/${uid}/points/earn`, {
      ref: newRef(),
      reason: "消费",
      amountFen: 12_300,
    });
    expect(r.status).toBe(200);
    const wallet = walletFor(env, uid);
    await wallet.drainOutbox();
    // forget the watermark: the whole ledger is sent again, and no event is invented
    await runInDurableObject(env.WALLET.getByName(uid), (_, s) =>
      s.storage.sql.exec("update outbox_state set projected_seq = 0, projected_tier = null"),
    );
    expect((await wallet.drainOutbox()).ok).toBe(true);
    const evs = await eventsOf(uid);
    expect(evs.map((e) => e.type)).toEqual(["member.created", "points.earned", "points.earned"]);
    expect(new Set(evs.map((e) => e.id)).size).toBe(3);
    expect(evs.every((e) => /^evt_[0-9a-f]{32}$/.test(e.id))).toBe(true);
    expect(evs[0]!.body).toMatchObject({ type: "member.created", data: { uid, nickname: "小王" } });
    const purchase = evs.find((e) => e.body.data.source === "purchase")!;
    expect(purchase.body).toMatchObject({ type: "points.earned", data: { uid, points: 123, kind: "earned" } });
    expect(purchase.body.data.entryId).toBe(`${uid}:${purchase.body.data.seq}`);
    expect(new Date(purchase.body.timestamp).toISOString()).toBe(purchase.body.timestamp);
  });

  it("orders placed, shipped, cancelled; a coupon order placed and completed; points spent and refunded", async () => {
    const uid = await memberWith(1_000, "ev");
    const physical = await createItem({ type: "physical", points: 100 });
    const coupon = await createItem({ type: "coupon", points: 50 });
    const o1 = await order(uid, physical.itemId, true);
    const o2 = await order(uid, coupon.itemId, false);
    const o3 = await order(uid, physical.itemId, true);
    await drainAll([physical.itemId, coupon.itemId], [uid]);
    expect(
      (
        await call("POST", `/api/v1/orders/${o1.id}/ship`, {
          ref: newRef("ship"),
          carrier: "顺丰",
          trackingNo: "SF1234567",
        })
      ).status,
    ).toBe(200);
    expect(
      (await call("POST", `/api/v1/orders/${o3.id}/cancel`, { ref: newRef("cancel"), reason: "缺货" })).status,
    ).toBe(200);
    await drainAll([physical.itemId, coupon.itemId], [uid]);
    const evs = await eventsOf(uid);
    const ofOrder = (id: string) => evs.filter((e) => e.body.data.orderId === id).map((e) => e.type);
    expect(ofOrder(o1.id)).toEqual(["order.placed", "order.shipped"]);
    expect(ofOrder(o3.id)).toEqual(["order.placed", "order.cancelled"]);
    expect(evs.find((e) => e.type === "order.cancelled")!.body.data).toMatchObject({ cancelReason: "缺货" });
    expect(ofOrder(o2.id)).toEqual(["order.placed", "order.completed"]);
    const shipped = evs.find((e) => e.type === "order.shipped")!;
    expect(shipped.body.data).toMatchObject({ carrier: "顺丰", trackingNo: "SF1234567", previousStatus: "placed" });
    const points = evs.filter((e) => e.type.startsWith("points.")).map((e) => [e.type, e.body.data.points]);
    expect(points).toEqual([
      ["points.earned", 1_000],
      ["points.spent", -100],
      ["points.spent", -50],
      ["points.spent", -100],
      ["points.refunded", 100],
    ]);
    // reasons the ledger holds as catalogue keys travel as keys (migration 0012): the redemption's spend and
    // the cancellation's refund, with their parameters
    const spent = evs.find((e) => e.type === "points.spent")!.body.data;
    expect(spent).toMatchObject({ reason: "", reasonKey: "wallet.reason.spend" });
    const refunded = evs.find((e) => e.type === "points.refunded")!.body.data;
    expect(refunded).toMatchObject({ reason: "", reasonKey: "wallet.reason.refund", reasonParams: { order: o3.id } });
  });
});
