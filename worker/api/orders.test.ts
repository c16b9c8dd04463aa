// /api/v1/orders through the real Worker: orders made by the redemption protocol (redeem(): stock object,
// wallet object, local libSQL), then listed, shipped and cancelled through the API.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { redeem } from "../redeem/redeem";
import type { DeliveryAddress, Order } from "../../domain";
import { OrderApiView, OrderPage } from "./schemas";
import { call, earn, getMember, newRef, newUid, putMember, withRef } from "./test-client";

const db = () => getDb(env.TURSO_DATABASE_URL);
const newSku = () => `O-${crypto.randomUUID().slice(0, 8).toUpperCase()}`;
const ADDRESS: DeliveryAddress = {
  recipient: "张三",
  phone: "13800138000",
  region: "上海市 徐汇区",
  detail: "漕溪北路 1 号 101 室",
};

async function createItem(body: Record<string, unknown>): Promise<number> {
  const res = await call("POST", "/api/v1/items", {
    sku: newSku(),
    name: "订单测试商品",
    points: 100,
    stock: 10,
    ...body,
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.id;
}

/** A member with `points` on top of the new-member bonus; answers the uid and the starting balance. */
async function memberWith(points: number): Promise<{ uid: string; balance: number }> {
  const uid = newUid();
  await putMember(uid, { nickname: "下单" });
  const r = await earn(uid, { ref: newRef("seed"), reason: "测试充值", points, source: "purchase" });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return { uid, balance: r.json.balance };
}

async function order(uid: string, itemId: number, address: DeliveryAddress | null = null): Promise<Order> {
  const r = await redeem(env, db(), { uid, itemId, qty: 1, key: crypto.randomUUID(), address, now: Date.now() });
  if (!r.ok) throw new Error(`redeem refused: ${r.code}`);
  return r.order;
}

const list = (q: string) => call("GET", `/api/v1/orders?${q}`);
const getOrder = (id: string) => call("GET", `/api/v1/orders/${encodeURIComponent(id)}`);
const ship = (id: string, body: unknown) =>
  call("POST", `/api/v1/orders/${encodeURIComponent(id)}/ship`, withRef(body));
const cancel = (id: string, body: unknown) =>
  call("POST", `/api/v1/orders/${encodeURIComponent(id)}/cancel`, withRef(body));
const liveStock = async (itemId: number) => (await call("GET", `/api/v1/items/${itemId}`)).json.stock;

/** Every order of a query, paging with `limit`. */
async function allPages(q: string, limit: number): Promise<any[]> {
  const out: any[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const res = await list(`${q}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.orders.length).toBeLessThanOrEqual(limit);
    out.push(...res.json.orders);
    cursor = res.json.nextCursor;
    if (!cursor) break;
  }
  return out;
}

describe("orders API", () => {
  let physical: number;
  let virtual: number;
  let coupon: number;
  let alice: { uid: string; balance: number };
  let bob: { uid: string; balance: number };
  const made: Order[] = [];

  beforeAll(async () => {
    physical = await createItem({ type: "physical", name: "马克杯", points: 300 });
    virtual = await createItem({ type: "virtual", name: "可颂", points: 150 });
    coupon = await createItem({ type: "coupon", name: "拿铁券", points: 200, stock: 5 });
    const codes = await call("POST", `/api/v1/items/${coupon}/codes`, {
      ref: newRef("codes"),
      codes: ["LATTE-0001", "LATTE-0002", "LATTE-0003"].map((c) => `${c}-${coupon}`),
    });
    expect(codes.status).toBe(200);
    alice = await memberWith(5000);
    bob = await memberWith(5000);
    made.push(await order(alice.uid, physical, ADDRESS));
    made.push(await order(alice.uid, virtual));
    made.push(await order(bob.uid, virtual));
    made.push(await order(bob.uid, coupon));
    made.push(await order(alice.uid, physical, ADDRESS));
  });

  it("answers one order with its item, codes and address", async () => {
    const [first, , , couponOrder] = made;
    const res = await getOrder(first!.id);
    expect(res.status).toBe(200);
    expect(OrderApiView.parse(res.json)).toEqual(res.json);
    expect(res.json).toMatchObject({
      id: first!.id,
      uid: alice.uid,
      itemId: physical,
      itemName: "马克杯",
      itemType: "physical",
      qty: 1,
      points: 300,
      cashFen: 0,
      status: "placed",
      couponCodes: [],
      address: ADDRESS,
      carrier: null,
      trackingNo: null,
    });
    expect(Date.parse(res.json.createdAt)).toBe(first!.createdAt);
    const c = (await getOrder(couponOrder!.id)).json;
    expect(c.couponCodes).toHaveLength(1);
    expect(c.couponCodes[0]).toMatch(new RegExp(`^LATTE-000[123]-${coupon}$`));

    const missing = await getOrder("NO-SUCH-ORDER");
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe("ORDER_NOT_FOUND");
    expect((await getOrder("bad id!")).status).toBe(422);
  });

  it("lists newest first, filtered by member, item, status and time", async () => {
    const byAlice = await list(`uid=${alice.uid}`);
    expect(byAlice.status).toBe(200);
    expect(OrderPage.parse(byAlice.json)).toEqual(byAlice.json);
    const aliceIds = made.filter((o) => o.uid === alice.uid).map((o) => o.id);
    expect(byAlice.json.orders.map((o: any) => o.id).sort()).toEqual([...aliceIds].sort());
    const times = byAlice.json.orders.map((o: any) => Date.parse(o.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(byAlice.json.nextCursor).toBeNull();

    const ofVirtual = (await list(`itemId=${virtual}`)).json.orders;
    expect(ofVirtual.map((o: any) => o.uid).sort()).toEqual([alice.uid, bob.uid].sort());
    const bobVirtual = (await list(`itemId=${virtual}&uid=${bob.uid}`)).json.orders;
    expect(bobVirtual).toHaveLength(1);
    expect((await list(`itemId=${physical}&status=shipped&uid=${alice.uid}`)).json.orders).toEqual([]);
    expect((await list(`itemId=${physical}&status=placed`)).json.orders).toHaveLength(2);

    const last = made.at(-1)!;
    const since = (await list(`uid=${alice.uid}&since=${encodeURIComponent(new Date(last.createdAt).toISOString())}`))
      .json.orders;
    expect(since.map((o: any) => o.id)).toContain(last.id);
    expect(since.every((o: any) => Date.parse(o.createdAt) >= last.createdAt)).toBe(true);
    expect(
      (await list(`uid=${alice.uid}&since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).json
        .orders,
    ).toEqual([]);
  });

  it("pages with an opaque cursor, with no gaps and no duplicates", async () => {
    const everything = await allPages(`uid=${alice.uid}`, 100);
    for (const limit of [1, 2]) {
      const paged = await allPages(`uid=${alice.uid}`, limit);
      expect(paged.map((o) => o.id)).toEqual(everything.map((o) => o.id));
    }
    // Across every member too (other tests' orders included): pages of 2 cover the first 40 exactly.
    const first40 = (await list("limit=40")).json.orders.map((o: any) => o.id);
    const paged: string[] = [];
    let cursor: string | null = null;
    while (paged.length < first40.length) {
      const res: any = await list(`limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      paged.push(...res.json.orders.map((o: any) => o.id));
      cursor = res.json.nextCursor;
      if (!cursor) break;
    }
    expect(paged.slice(0, first40.length)).toEqual(first40);
    expect(new Set(paged).size).toBe(paged.length);
  });

  it("refuses bad filters with 422", async () => {
    for (const q of [
      "status=lost",
      "itemId=abc",
      "itemId=0",
      "uid=has%20space",
      "since=yesterday",
      "limit=0",
      "limit=101",
      "cursor=%21%21",
      "cursor=bm90LW91cnM",
    ]) {
      const res = await list(q);
      expect(res.status, q).toBe(422);
      expect(res.json.error.code).toBe("VALIDATION_FAILED");
      expect(res.json.error.message, q).toContain(q.split("=")[0]!);
    }
    expect((await call("GET", "/api/v1/orders", undefined, { Authorization: "Bearer nope" })).status).toBe(401);
  });

  it("ships a placed physical order once; the same tracking again is idempotent", async () => {
    const target = made[0]!;
    const shipped = await ship(target.id, { carrier: "顺丰速运", trackingNo: "SF1234567890" });
    expect(shipped.status).toBe(200);
    expect(OrderApiView.parse(shipped.json)).toEqual(shipped.json);
    expect(shipped.json).toMatchObject({
      id: target.id,
      status: "shipped",
      carrier: "顺丰速运",
      trackingNo: "SF1234567890",
    });

    const again = await ship(target.id, { carrier: "顺丰速运", trackingNo: "SF1234567890" });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(shipped.json);

    const other = await ship(target.id, { carrier: "中通快递", trackingNo: "ZT999999" });
    expect(other.status).toBe(409);
    expect(other.json.error.code).toBe("NOT_SHIPPABLE");
    expect((await getOrder(target.id)).json).toMatchObject({ carrier: "顺丰速运", trackingNo: "SF1234567890" });
    expect((await list(`itemId=${physical}&status=shipped`)).json.orders.map((o: any) => o.id)).toEqual([target.id]);

    const notPhysical = await ship(made[1]!.id, { carrier: "顺丰速运", trackingNo: "SF0000000001" });
    expect(notPhysical.status).toBe(409);
    expect(notPhysical.json.error.code).toBe("NOT_SHIPPABLE");
    expect((await getOrder(made[1]!.id)).json.status).not.toBe("shipped");

    expect((await ship("NO-SUCH-ORDER", { carrier: "顺丰速运", trackingNo: "SF0000000002" })).status).toBe(404);
    for (const body of [
      {},
      { carrier: "", trackingNo: "SF1" },
      { carrier: "顺丰", trackingNo: "有 空格" },
      { carrier: "顺丰", trackingNo: "SF0000000003", extra: 1 },
    ]) {
      const res = await ship(made[4]!.id, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
    }
    expect((await getOrder(made[4]!.id)).json.status).toBe("placed");
  });

  it("ships concurrently exactly once", async () => {
    const target = made[4]!;
    const answers = await Promise.all(
      ["YT0000000001", "YT0000000002", "YT0000000003", "YT0000000004"].map((trackingNo) =>
        ship(target.id, { carrier: "圆通速递", trackingNo }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(3);
    const winner = answers.find((a) => a.status === 200)!.json.trackingNo;
    expect((await getOrder(target.id)).json).toMatchObject({ status: "shipped", trackingNo: winner });
  });

  it("cancels as the merchant: the points go back to the member and the unit back to stock", async () => {
    const m = await memberWith(1000);
    const itemId = await createItem({ type: "virtual", name: "取消测试", points: 400, stock: 3 });
    const o = await order(m.uid, itemId);
    expect((await getMember(m.uid)).json.balance).toBe(m.balance - 400);
    expect(await liveStock(itemId)).toMatchObject({ available: 2, sold: 1 });

    const res = await cancel(o.id, { reason: "商品缺货，已为您取消" });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(OrderApiView.parse(res.json)).toEqual(res.json);
    expect(res.json).toMatchObject({ id: o.id, status: "cancelled" });
    expect((await getMember(m.uid)).json.balance).toBe(m.balance);
    expect(await liveStock(itemId)).toMatchObject({ available: 3, sold: 0 });
    expect((await getOrder(o.id)).json.status).toBe("cancelled");
    expect((await list(`itemId=${itemId}&status=cancelled`)).json.orders.map((x: any) => x.id)).toEqual([o.id]);

    // Cancelling again answers the cancelled order (idempotent): nothing is refunded or restocked twice.
    const again = await cancel(o.id, { reason: "再取消一次" });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ id: o.id, status: "cancelled" });
    expect((await getMember(m.uid)).json.balance).toBe(m.balance);
    expect(await liveStock(itemId)).toMatchObject({ available: 3, sold: 0 });
    expect((await ship(o.id, { carrier: "顺丰速运", trackingNo: "SF7777777777" })).json.error.code).toBe(
      "NOT_SHIPPABLE",
    );

    expect((await cancel("NO-SUCH-ORDER", { reason: "x" })).status).toBe(404);
    expect((await cancel(o.id, {})).status).toBe(422);
    expect((await cancel(o.id, { reason: "x".repeat(201) })).status).toBe(422);
  });

  it("a ship racing a cancel: exactly one wins, and the points come back only if the cancel won", async () => {
    const m = await memberWith(1000);
    const itemId = await createItem({ type: "physical", name: "竞速", points: 250, stock: 2 });
    const o = await order(m.uid, itemId, ADDRESS);
    const [shipped, cancelled] = await Promise.all([
      ship(o.id, { carrier: "顺丰速运", trackingNo: "SF5555555555" }),
      cancel(o.id, { reason: "竞速取消" }),
    ]);
    expect([shipped.status, cancelled.status].sort()).toEqual([200, 409]);
    const final = (await getOrder(o.id)).json;
    const balance = (await getMember(m.uid)).json.balance;
    if (shipped.status === 200) {
      expect(final.status).toBe("shipped");
      expect(balance).toBe(m.balance - 250);
      expect(await liveStock(itemId)).toMatchObject({ available: 1, sold: 1 });
    } else {
      expect(final.status).toBe("cancelled");
      expect(balance).toBe(m.balance);
      expect(await liveStock(itemId)).toMatchObject({ available: 2, sold: 0 });
    }
  });

  it("cannot cancel a shipped order or a coupon order (its code is out)", async () => {
    for (const o of [made[0]!, made[3]!]) {
      const before = (await getOrder(o.id)).json;
      const res = await cancel(o.id, { reason: "晚了" });
      expect(res.status).toBe(409);
      expect(res.json.error.code).toBe("NOT_CANCELLABLE");
      expect((await getOrder(o.id)).json).toEqual(before);
    }
    expect((await getOrder(made[0]!.id)).json.status).toBe("shipped");
  });

  it("locks an item's type once it has orders", async () => {
    const res = await call("PATCH", `/api/v1/items/${virtual}`, withRef({ type: "physical" }));
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("TYPE_LOCKED");
    expect((await call("GET", `/api/v1/items/${virtual}`)).json).toMatchObject({ type: "virtual", stock: { sold: 2 } });
  });
});
