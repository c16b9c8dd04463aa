// The items write model and order fulfilment answer codes and facts (no text); the edge words them. Driven
// through the domain functions against the real local libSQL, then worded as the API and console show them.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { orders } from "../db/schema";
import { CreateItemBody } from "./api/schemas";
import { createItem, patchItem } from "./items";
import { finishOrder, shipOrder } from "./orders";
import { itemRefusalText, orderRefusalText } from "./outcome-text";

const db = () => getDb(env.TURSO_DATABASE_URL);
const tag = () => crypto.randomUUID().slice(0, 8).toUpperCase();

async function newItem(sku: string, name = "文案测试杯") {
  const r = await createItem(db(), CreateItemBody.parse({ sku, name, type: "physical", points: 10, stock: 5 }), 1);
  if (!r.ok) throw new Error(r.code);
  return r.id;
}

describe("domain refusals as the edge words them", () => {
  it("words an item's create and patch refusals from their facts", async () => {
    const sku = `OT-${tag()}`;
    const id = await newItem(sku);

    const taken = await createItem(
      db(),
      CreateItemBody.parse({ sku, name: "另一个", type: "physical", points: 10, stock: 5 }),
      2,
    );
    expect(taken).toEqual({ ok: false, code: "SKU_TAKEN", sku, takenBy: id });
    if (taken.ok) return;
    expect(itemRefusalText(taken)).toBe(`sku ${sku} 已用于商品 ${id}（内容不同）`);

    const late = await patchItem(
      db(),
      id,
      { saleStartsAt: "2026-06-02T00:00:00Z", saleEndsAt: "2026-06-01T00:00:00Z" },
      3,
    );
    expect(late).toMatchObject({ ok: false, code: "VALIDATION_FAILED", field: "saleEndsAt", why: "not_after" });
    if (late.ok) return;
    expect(itemRefusalText(late)).toBe("saleEndsAt: 须晚于 saleStartsAt");

    const half = await patchItem(db(), id, { saleStartsAt: "2026-06-02T00:00:00Z" }, 3);
    if (half.ok) throw new Error("a sale window needs both ends");
    expect(itemRefusalText(half)).toBe("saleEndsAt: saleStartsAt 与 saleEndsAt 须同时设置或同时清除");

    const noCategory = await patchItem(db(), id, { categoryId: 987_654_321 }, 3);
    if (noCategory.ok) throw new Error("no such category");
    expect(itemRefusalText(noCategory)).toBe("categoryId: 没有编号为 987654321 的分类");

    const noTier = await patchItem(db(), id, { tiers: ["gold", "platinum"] }, 3);
    if (noTier.ok) throw new Error("no such tier");
    expect(itemRefusalText(noTier)).toMatch(/^tiers: 没有「platinum」这个会员等级（可用：standard、gold、diamond/);

    const missing = await patchItem(db(), 987_654_321, { name: "x" }, 3);
    if (missing.ok) throw new Error("no such item");
    expect(itemRefusalText(missing)).toBe("没有编号为 987654321 的商品");
  });

  it("words why an order cannot be shipped or finished", async () => {
    const itemId = await newItem(`OT-${tag()}`);
    const [parcel, service, cancelled] = [`PMOT${tag()}`, `PMOT${tag()}`, `PMOT${tag()}`];
    const base = { uid: `ot-${tag()}`, itemId, itemName: "文案测试杯", qty: 1, points: 10, createdAt: 1, updatedAt: 1 };
    await db()
      .insert(orders)
      .values([
        { ...base, id: parcel, key: crypto.randomUUID(), itemType: "physical", status: "placed" },
        { ...base, id: service, key: crypto.randomUUID(), itemType: "virtual", status: "placed" },
        { ...base, id: cancelled, key: crypto.randomUUID(), itemType: "virtual", status: "cancelled" },
      ]);
    const ship = (orderId: string, trackingNo: string) =>
      shipOrder(db(), { orderId, carrier: "圆通", trackingNo, now: 2 });

    const notFound = await ship("PMNOSUCHORDER", "YT1");
    if (notFound.ok) throw new Error("no such order");
    expect(orderRefusalText(notFound)).toBe("没有订单 PMNOSUCHORDER");

    const virtual = await ship(service, "YT1");
    if (virtual.ok) throw new Error("a service does not ship");
    expect(virtual).toEqual({ ok: false, code: "NOT_SHIPPABLE", why: "not_physical" });
    expect(orderRefusalText(virtual)).toBe("只有实物商品的订单需要发货");

    expect((await ship(parcel, "YT00000001")).ok).toBe(true);
    const again = await ship(parcel, "YT00000002");
    if (again.ok) throw new Error("shipped with another number");
    expect(orderRefusalText(again)).toBe("订单已发货（圆通 YT00000001），运单号不同");

    expect((await finishOrder(db(), { orderId: service, now: 3 })).ok).toBe(true);
    const gone = await finishOrder(db(), { orderId: cancelled, now: 3 });
    expect(gone).toEqual({ ok: false, code: "NOT_FINISHABLE", status: "cancelled" });
    if (gone.ok) return;
    expect(orderRefusalText(gone)).toBe("订单已取消，不能标记为完成");
    const notTheirs = await finishOrder(db(), { orderId: parcel, now: 3, uid: "someone-else" });
    if (notTheirs.ok) throw new Error("not theirs");
    expect(orderRefusalText(notTheirs)).toBe("订单不存在");
    expect(orderRefusalText({ ok: false, code: "NOT_CANCELLABLE" })).toBe("该订单已不能取消");
  });
});
