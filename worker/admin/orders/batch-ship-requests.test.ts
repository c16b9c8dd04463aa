// 批量发货 at scale and under a race, through batchShip (what the route runs) over a Db that counts its HTTP
// requests to Turso: a 120-row file costs a constant few requests (the Workers free plan allows 50 per
// request), and an order cancelled between the batch's read and its write is reported as it is, unshipped,
// without an audit row.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { orders } from "../../../db/schema";
import { ADDRESS, createItem, db, memberWith } from "../../redeem/test-support";
import { batchRecords, batchShip } from "./batch-ship";
import { countingDb } from "./test-counting-db";
import { auditOf, stored } from "./test-orders";

const ACTOR = "owner@example.com";

let itemId: number;
let uid: string;

beforeAll(async () => {
  itemId = (await createItem({ type: "physical", name: "批量发货压测杯", points: 100 })).itemId;
  uid = await memberWith(0);
});

/** `n` placed physical orders written straight into Turso (the ship path under test is the real one). */
async function placedOrders(n: number): Promise<string[]> {
  const tag = crypto.randomUUID().replaceAll("-", "").slice(0, 12).toUpperCase();
  const now = Date.now();
  const rows = Array.from({ length: n }, (_, i) => ({
    id: `PMB${tag}${String(i).padStart(4, "0")}`,
    key: `batch-${tag}-${i}`,
    uid,
    itemId,
    itemName: "批量发货压测杯",
    itemType: "physical" as const,
    qty: 1,
    points: 100,
    status: "placed" as const,
    address: ADDRESS,
    createdAt: now,
    updatedAt: now,
  }));
  await db().insert(orders).values(rows);
  return rows.map((r) => r.id);
}

const records = (csv: string) => {
  const r = batchRecords(csv);
  if (!r.ok) throw new Error(r.message);
  return r.records;
};

describe("batch shipping at scale", () => {
  it("ships a 120-row file in a constant few Turso requests; the same file again writes nothing", async () => {
    const ids = await placedOrders(120);
    const csv = [
      "orderId,carrier,trackingNo",
      ...ids.map((id, i) => `${id},顺丰速运,SF${String(i).padStart(10, "0")}`),
    ].join("\n");
    const counting = countingDb();
    const results = await batchShip(counting.db, ACTOR, records(csv));
    console.log(`batch ship of 120 rows: ${counting.requests()} Turso requests`);
    expect(results).toHaveLength(120);
    expect(results.every((r) => r.outcome === "shipped")).toBe(true);
    expect(counting.requests()).toBeLessThanOrEqual(3);
    expect(await stored(ids[0]!)).toMatchObject({ status: "shipped", carrier: "顺丰速运", trackingNo: "SF0000000000" });
    expect(await stored(ids[119]!)).toMatchObject({
      status: "shipped",
      carrier: "顺丰速运",
      trackingNo: "SF0000000119",
    });
    for (const id of [ids[0]!, ids[57]!, ids[119]!]) expect(await auditOf(id, "order.ship")).toHaveLength(1);

    const again = countingDb();
    const second = await batchShip(again.db, ACTOR, records(csv));
    console.log(`batch ship of the same 120 rows again: ${again.requests()} Turso requests`);
    expect(second.every((r) => r.outcome === "unchanged")).toBe(true);
    expect(again.requests()).toBeLessThanOrEqual(3);
    for (const id of [ids[0]!, ids[57]!, ids[119]!]) expect(await auditOf(id, "order.ship")).toHaveLength(1);
  });

  it("judges a repeated order against the earlier row of the same file", async () => {
    const [a, b] = await placedOrders(2);
    const csv = [`${a},圆通,YT00000001`, `${a},圆通,YT00000001`, `${a},圆通,YT00000002`, `${b},圆通,YT00000003`].join(
      "\n",
    );
    const results = await batchShip(db(), ACTOR, records(csv));
    expect(results.map((r) => r.outcome)).toEqual(["shipped", "unchanged", "not_shippable", "shipped"]);
    expect(results[2]!.message).toBe("订单已发货（圆通 YT00000001），运单号不同");
    expect(await stored(a!)).toMatchObject({ status: "shipped", trackingNo: "YT00000001" });
    expect(await auditOf(a!, "order.ship")).toHaveLength(1);
  });

  it("reports an order cancelled between the read and the write as not shippable, ships nothing, audits nothing", async () => {
    const [a, b] = await placedOrders(2);
    let cancelled = false;
    let sentBefore = -1;
    const counting = countingDb(async (body) => {
      // The write goes as one Hrana batch: cancel `a` just before it is sent, as a concurrent cancel would.
      if (cancelled || !body.includes('"type":"batch"')) return;
      cancelled = true;
      sentBefore = counting.requests() - 1;
      await db()
        .update(orders)
        .set({ status: "cancelled", cancelReason: "并发取消", updatedAt: Date.now() })
        .where(eq(orders.id, a!));
    });
    const results = await batchShip(counting.db, ACTOR, records(`${a},中通快递,ZT00000001\n${b},中通快递,ZT00000002`));
    expect(cancelled).toBe(true);
    expect(sentBefore, "the read went before the cancel").toBe(1);
    expect(results.map((r) => r.outcome)).toEqual(["not_shippable", "shipped"]);
    expect(results[0]!.message).toBe("订单已取消，只有待发货的订单可以发货");
    expect(await stored(a!)).toMatchObject({ status: "cancelled", carrier: null, trackingNo: null });
    expect(await auditOf(a!, "order.ship")).toEqual([]);
    expect(await stored(b!)).toMatchObject({ status: "shipped", trackingNo: "ZT00000002" });
    expect(await auditOf(b!, "order.ship")).toHaveLength(1);
  });
});
