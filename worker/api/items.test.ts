// /api/v1/items through the real Worker, the items' stock objects and local libSQL.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { itemImages, items, stockProjection, stockShardProjection } from "../../db/schema";
import { AddCodesResult, ItemView, StockStatusView } from "./schemas";
import { call, newRef, withRef } from "./test-client";
import { stockFor } from "../stock/stock-stub";
import { shardRules } from "../stock/shards";
import { loadSaleRules } from "../redeem/sale-rules";
import { hash32 } from "../stock/shards";
import { redeem } from "../redeem/redeem";
import { expectInvariants, memberWith, newKey, settleAll } from "../redeem/test-support";

const db = () => getDb(env.TURSO_DATABASE_URL);
/** Each stock shard's own available count, read from the shard object itself. */
const liveShards = async (id: number, n: number) => {
  const rules = (await loadSaleRules(db(), id))!;
  return Promise.all(
    Array.from(
      { length: n },
      async (_, k) => (await stockFor(env, id, k).status({ rules: shardRules(rules, k) })).available,
    ),
  );
};
const newSku = (prefix = "T") => `${prefix}-${crypto.randomUUID().slice(0, 8).toUpperCase()}`;
const hour = 3600_000;

const createItem = (body: unknown) => call("POST", "/api/v1/items", body);
const getItem = (id: number | string) => call("GET", `/api/v1/items/${id}`);
const patchItem = (id: number, body: unknown) => call("PATCH", `/api/v1/items/${id}`, withRef(body));
const adjust = (id: number, body: unknown) => call("POST", `/api/v1/items/${id}/stock`, body);
const addCodes = (id: number, body: unknown) => call("POST", `/api/v1/items/${id}/codes`, withRef(body));

function flashBody(sku: string) {
  const now = Date.now();
  return {
    sku,
    name: "保温随行杯（秒杀）",
    type: "coupon",
    points: 990,
    stock: 20,
    categoryId: 3,
    perMemberLimit: 1,
    saleStartsAt: new Date(now - hour).toISOString(),
    saleEndsAt: new Date(now + hour).toISOString(),
    visibleFrom: new Date(now - 2 * hour).toISOString(),
    tiers: ["gold", "diamond"],
    images: [
      { url: "/images/items/thermal-tumbler.svg", width: 400, height: 400, alt: "杯子" },
      { url: `/media/img/${"ab".repeat(32)}.jpg`, width: 800, height: 600 },
    ],
    description: "316 不锈钢内胆",
    cashFen: 500,
    originalPoints: 2000,
  };
}

async function newItem(overrides: Record<string, unknown> = {}): Promise<number> {
  const res = await createItem({
    sku: newSku(),
    name: "测试商品",
    type: "virtual",
    points: 100,
    stock: 10,
    ...overrides,
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.id;
}

describe("POST /api/v1/items", () => {
  it("creates the item with its images and stock; the same sku and body again answers the same id", async () => {
    const sku = newSku("Flash_Cup");
    const body = flashBody(sku);
    const created = await createItem(body);
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ id: expect.any(Number) });
    const id = created.json.id as number;

    const again = await createItem(body);
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ id });
    // Same body with the times in another offset is the same body.
    const shifted = {
      ...body,
      saleStartsAt: new Date(Date.parse(body.saleStartsAt)).toISOString().replace("Z", "+00:00"),
    };
    expect((await createItem(shifted)).json).toEqual({ id });

    const [row] = await db().select().from(items).where(eq(items.id, id));
    expect(row).toMatchObject({
      sku,
      slug: sku.toLowerCase().replace(/_/g, "-"),
      initialStock: 20,
      points: 990,
      type: "coupon",
    });
    expect(await db().select().from(itemImages).where(eq(itemImages.itemId, id))).toHaveLength(2);
    expect((await db().select().from(stockProjection).where(eq(stockProjection.itemId, id)))[0]).toMatchObject({
      onHand: 20,
    });

    const item = await getItem(id);
    expect(item.status).toBe(200);
    expect(ItemView.parse(item.json)).toEqual(item.json);
    expect(item.json).toMatchObject({
      id,
      sku,
      name: "保温随行杯（秒杀）",
      type: "coupon",
      points: 990,
      cashFen: 500,
      originalPoints: 2000,
      categoryId: 3,
      perMemberLimit: 1,
      saleStartsAt: new Date(body.saleStartsAt).toISOString(),
      visibleUntil: null,
      tiers: ["gold", "diamond"],
      onShelf: true,
      initialStock: 20,
      images: [
        { url: "/images/items/thermal-tumbler.svg", width: 400, height: 400, alt: "杯子" },
        { url: `/media/img/${"ab".repeat(32)}.jpg`, width: 800, height: 600, alt: "保温随行杯（秒杀）" },
      ],
      stock: { available: 20, held: 0, sold: 0, codesLeft: 0 },
      stockShards: 4, // a flash sale's stock is split across 4 stock objects unless the body says otherwise
    });
    const shards = await db().select().from(stockShardProjection).where(eq(stockShardProjection.itemId, id));
    expect(shards.map((r) => [r.shard, r.onHand]).sort()).toEqual([
      [0, 5],
      [1, 5],
      [2, 5],
      [3, 5],
    ]);
  });

  it("splits the stock across stockShards objects: reads sum them, a change is split the same way, codes follow units", async () => {
    const id = await newItem({ type: "coupon", stock: 10, stockShards: 3 });
    expect((await getItem(id)).json).toMatchObject({ stockShards: 3, stock: { available: 10, held: 0, sold: 0 } });
    const shardOf = async () =>
      (await db().select().from(stockShardProjection).where(eq(stockShardProjection.itemId, id)))
        .sort((a, b) => a.shard - b.shard)
        .map((r) => r.onHand);
    expect(await shardOf()).toEqual([4, 3, 3]); // the remainder to the first shards
    const ref = newRef("stock");
    const added = await adjust(id, { ref, delta: 5 });
    expect(added.json).toMatchObject({ itemId: id, available: 15 });
    expect((await adjust(id, { ref, delta: 5 })).json).toEqual(added.json); // idempotent on ref, every shard
    // A removal is split the same way; more than the shards have together is refused and changes nothing.
    const tooMany = await adjust(id, { ref: newRef("stock"), delta: -16 });
    expect(tooMany.status).toBe(409);
    expect(tooMany.json.error.code).toBe("STOCK_BELOW_ZERO");
    expect((await getItem(id)).json.stock.available).toBe(15);
    expect(await liveShards(id, 3)).toEqual([6, 5, 4]);
    expect((await adjust(id, { ref: newRef("stock"), delta: -12 })).json).toMatchObject({ available: 3 });
    expect(await liveShards(id, 3)).toEqual([2, 1, 0]); // 4, 4, 4 taken
    // A coupon shard sells no more units than it has codes: each code goes where units lack codes most
    // (2, 1, 0 here), whatever shard its hash names, and a code imported twice is a duplicate on every shard.
    const codes = Array.from({ length: 8 }, () => `SHARD-${crypto.randomUUID().slice(0, 8)}`);
    const added2 = await addCodes(id, { codes: [...codes, codes[0]] });
    expect(added2.json).toMatchObject({ added: 8, duplicates: 1, codesLeft: 8 });
    expect((await addCodes(id, { codes })).json).toMatchObject({ added: 0, duplicates: 8 });
    expect((await getItem(id)).json.stock).toMatchObject({ available: 3, codesLeft: 8 });
    for (const stockShards of [0, 17, 1.5, "4"]) {
      const r = await createItem({ sku: newSku(), name: "x", type: "virtual", points: 1, stock: 1, stockShards });
      expect(r.status, JSON.stringify(stockShards)).toBe(422);
    }
  });

  it("keeps stockShards fixed: a patch naming it is 422, a create of the sku with another count is SKU_TAKEN", async () => {
    const sku = newSku();
    const body = { sku, name: "分片", type: "virtual", points: 1, stock: 4, stockShards: 2 };
    const made = await createItem(body);
    expect(made.status).toBe(201);
    const id: number = made.json.id;
    expect((await createItem(body)).json).toEqual({ id }); // the same create: the same item
    const other = await createItem({ ...body, stockShards: 3 });
    expect(other.status).toBe(409);
    expect(other.json.error.code).toBe("SKU_TAKEN");
    const patched = await patchItem(id, { stockShards: 4 });
    expect(patched.status).toBe(422);
    expect((await getItem(id)).json).toMatchObject({ stockShards: 2, stock: { available: 4 } });
  });

  it("a removal one shard cannot give takes the rest from the other shards; one answer per ref", async () => {
    const id = await newItem({ stock: 10, stockShards: 3 }); // shards 4, 3, 3
    const r1 = newRef("stock");
    expect((await adjust(id, { ref: r1, delta: -8 })).json).toMatchObject({ available: 2 });
    expect(await liveShards(id, 3)).toEqual([1, 0, 1]); // 3, 3, 2: every shard had its share
    // 2 → shares 1, 1, 0: shard 1 has none, so its unit comes from shard 2 (before: refused whole).
    const r2 = newRef("stock");
    const taken = await adjust(id, { ref: r2, delta: -2 });
    expect(taken.status, JSON.stringify(taken.json)).toBe(200);
    expect(taken.json).toMatchObject({ available: 0 });
    expect(await liveShards(id, 3)).toEqual([0, 0, 0]);
    // Retries of both refs answer as before (though the shards now hold less than either asks) and change nothing.
    expect((await adjust(id, { ref: r2, delta: -2 })).json).toEqual(taken.json);
    expect((await adjust(id, { ref: r1, delta: -8 })).status).toBe(200);
    expect(await liveShards(id, 3)).toEqual([0, 0, 0]);
    const none = await adjust(id, { ref: newRef("stock"), delta: -1 });
    expect(none.status).toBe(409);
    expect(none.json.error.code).toBe("STOCK_BELOW_ZERO");
    expect(await liveShards(id, 3)).toEqual([0, 0, 0]);
  });

  it("refuses another item with a taken sku (409 SKU_TAKEN) and writes nothing", async () => {
    const sku = newSku();
    const id = await newItem({ sku });
    const other = await createItem({ sku, name: "另一个", type: "virtual", points: 100, stock: 10 });
    expect(other.status).toBe(409);
    expect(other.json.error.code).toBe("SKU_TAKEN");
    expect(other.json.error.message).toContain(String(id));
    expect((await getItem(id)).json.name).toBe("测试商品");
  });

  it("gives skus that slug alike different slugs", async () => {
    const stem = crypto.randomUUID().slice(0, 8);
    const a = await newItem({ sku: `S_${stem}` });
    const b = await newItem({ sku: `S-${stem}` });
    const [ra, rb] = [(await getItem(a)).json, (await getItem(b)).json];
    expect(ra.slug).toBe(`s-${stem}`);
    expect(rb.slug).toMatch(new RegExp(`^s-${stem}-[0-9a-f]{8}$`));
  });

  it("creates once when the same create races with itself", async () => {
    const body = {
      sku: newSku(),
      name: "并发创建",
      type: "physical",
      points: 10,
      stock: 3,
      images: [{ url: "/images/items/a.png", width: 1, height: 1 }],
    };
    const answers = await Promise.all(Array.from({ length: 6 }, () => createItem(body)));
    const ids = new Set(answers.map((a) => a.json.id));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.every((a) => a.status === 201 || a.status === 200)).toBe(true);
    const [id] = [...ids] as number[];
    expect(await db().select().from(itemImages).where(eq(itemImages.itemId, id!))).toHaveLength(1);
  });

  it("refuses bad input with 422 naming the field, and writes nothing", async () => {
    const sku = newSku();
    const good = { sku, name: "好商品", type: "virtual", points: 100, stock: 5 };
    const now = Date.now();
    const bad: [unknown, string][] = [
      [{ ...good, sku: "has space" }, "sku"],
      [{ ...good, sku: "-lead" }, "sku"],
      [{ ...good, name: "" }, "name"],
      [{ ...good, name: "x".repeat(61) }, "name"],
      [{ ...good, type: "service" }, "type"],
      [{ ...good, points: 0 }, "points"],
      [{ ...good, points: 1.5 }, "points"],
      [{ ...good, stock: -1 }, "stock"],
      [{ ...good, stock: undefined }, "stock"],
      [{ ...good, perMemberLimit: 0 }, "perMemberLimit"],
      [{ ...good, saleStartsAt: new Date(now).toISOString() }, "saleEndsAt"],
      [
        { ...good, saleStartsAt: new Date(now + hour).toISOString(), saleEndsAt: new Date(now).toISOString() },
        "saleEndsAt",
      ],
      [{ ...good, visibleFrom: "tomorrow" }, "visibleFrom"],
      [{ ...good, tiers: [] }, "tiers"],
      [{ ...good, tiers: ["gold", "gold"] }, "tiers"],
      [{ ...good, tiers: ["platinum"] }, "tiers"],
      [{ ...good, categoryId: 999_999 }, "categoryId"],
      [{ ...good, images: [{ url: "http://img.example/a.png", width: 1, height: 1 }] }, "images.0.url"],
      [{ ...good, images: [{ url: "//evil.example/a.png", width: 1, height: 1 }] }, "images.0.url"],
      [{ ...good, images: [{ url: "/images/items/a.png", width: 0, height: 1 }] }, "images.0.width"],
      [{ ...good, cashFen: -1 }, "cashFen"],
      [{ ...good, onShelf: false }, "onShelf"],
      [{ ...good, slug: "mine" }, "slug"],
    ];
    for (const [body, field] of bad) {
      const res = await createItem(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json.error.code).toBe("VALIDATION_FAILED");
      expect(res.json.error.message, JSON.stringify(body)).toContain(field);
    }
    expect((await createItem("{nope")).status).toBe(400);
    expect(await db().select().from(items).where(eq(items.sku, sku))).toEqual([]);
  });

  it("needs the bearer token", async () => {
    const res = await call("POST", "/api/v1/items", { sku: newSku() }, { Authorization: "Bearer wrong" });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("UNAUTHORIZED");
  });
});

describe("GET /api/v1/items/{id}", () => {
  it("answers 404 ITEM_NOT_FOUND for an unknown item and 422 for a bad id", async () => {
    expect((await getItem(999_999_999)).json.error.code).toBe("ITEM_NOT_FOUND");
    expect((await getItem(999_999_999)).status).toBe(404);
    const bad = await getItem("abc");
    expect(bad.status).toBe(422);
    expect(bad.json.error.message).toContain("id");
  });
});

describe("POST /api/v1/items/{id}/stock", () => {
  it("adds and removes stock through the stock object, idempotent on ref, never below zero", async () => {
    const id = await newItem({ stock: 10 });
    const ref = newRef("stock");
    const added = await adjust(id, { ref, delta: 5 });
    expect(added.status).toBe(200);
    expect(StockStatusView.parse(added.json)).toEqual(added.json);
    expect(added.json).toMatchObject({ itemId: id, available: 15, held: 0, sold: 0 });

    const repeated = await adjust(id, { ref, delta: 5 });
    expect(repeated.status).toBe(200);
    expect(repeated.json).toEqual(added.json);
    expect((await getItem(id)).json.stock.available).toBe(15);

    const removed = await adjust(id, { ref: newRef("stock"), delta: -12 });
    expect(removed.json).toMatchObject({ available: 3 });

    const tooMany = await adjust(id, { ref: newRef("stock"), delta: -4 });
    expect(tooMany.status).toBe(409);
    expect(tooMany.json.error.code).toBe("STOCK_BELOW_ZERO");
    expect((await getItem(id)).json.stock).toMatchObject({ available: 3, sold: 0 });
    // Stock is not a patchable field.
    expect((await patchItem(id, { stock: 100 })).status).toBe(422);
  });

  it("refuses a bad body (422) and an unknown item (404)", async () => {
    const id = await newItem();
    for (const body of [
      { ref: newRef(), delta: 0 },
      { ref: newRef(), delta: 1.5 },
      { delta: 1 },
      { ref: "has space", delta: 1 },
      { ref: newRef(), delta: 2_000_000 },
    ]) {
      const res = await adjust(id, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
    }
    expect((await getItem(id)).json.stock.available).toBe(10);
    const unknown = await adjust(999_999_998, { ref: newRef(), delta: 1 });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe("ITEM_NOT_FOUND");
  });
});

describe("POST /api/v1/items/{id}/codes", () => {
  it("imports codes into a coupon item's pool, counting duplicates", async () => {
    const id = await newItem({ type: "coupon" });
    const tag = crypto.randomUUID().slice(0, 6);
    const first = await addCodes(id, { codes: [`A-${tag}-1`, `A-${tag}-2`, `A-${tag}-3`, `A-${tag}-1`] });
    expect(first.status).toBe(200);
    expect(AddCodesResult.parse(first.json)).toEqual(first.json);
    expect(first.json).toEqual({ added: 3, duplicates: 1, codesLeft: 3 });

    const second = await addCodes(id, { codes: [`A-${tag}-2`, `A-${tag}-4`] });
    expect(second.json).toEqual({ added: 1, duplicates: 1, codesLeft: 4 });
    // Codes are not stock, but an item with a pool sells no more units than it has free codes.
    expect((await getItem(id)).json.stock).toEqual({ available: 4, held: 0, sold: 0, codesLeft: 4 });
    expect((await adjust(id, { ref: newRef(), delta: -7 })).json).toMatchObject({ available: 3, codesLeft: 4 });
  });

  it("takes up to 5000 codes of 4–64 printable characters, for coupon items only", async () => {
    const id = await newItem({ type: "coupon" });
    const tag = crypto.randomUUID().slice(0, 6);
    const many = Array.from({ length: 5000 }, (_, i) => `B${tag}${i}`);
    expect((await addCodes(id, { codes: many })).json).toEqual({ added: 5000, duplicates: 0, codesLeft: 5000 });
    for (const codes of [
      [],
      [...many, "one-more"],
      ["abc"],
      ["x".repeat(65)],
      ["has space"],
      ["中文券码券码"],
      [12345],
    ]) {
      const res = await addCodes(id, { codes });
      expect(res.status, JSON.stringify(codes).slice(0, 60)).toBe(422);
      expect(res.json.error.message).toContain("codes");
    }
    expect((await getItem(id)).json.stock.codesLeft).toBe(5000);

    const virtual = await newItem({ type: "virtual" });
    const refused = await addCodes(virtual, { codes: [`C-${tag}-1`] });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe("NOT_COUPON_ITEM");
    expect((await addCodes(999_999_997, { codes: [`C-${tag}-1`] })).status).toBe(404);
  });
});

describe("a sharded coupon item's codes (issue 13)", () => {
  /** `n` fresh codes whose hash all names the same shard (what the old per-hash placement put on one shard). */
  const codesHashingTo = (shard: number, of: number, n: number) => {
    const out: string[] = [];
    while (out.length < n) {
      const code = `CP-${crypto.randomUUID().slice(0, 13).toUpperCase()}`;
      if (hash32(code) % of === shard) out.push(code);
    }
    return out;
  };

  it("sells every unit when as many codes as units are imported, whatever shards their hashes name; then SOLD_OUT", {
    timeout: 60_000,
  }, async () => {
    const N = 4;
    const UNITS = 12;
    const id = await newItem({ type: "coupon", stock: UNITS, stockShards: N }); // 3, 3, 3, 3
    const codes = codesHashingTo(1, N, UNITS);
    const imported = await addCodes(id, { codes });
    expect(imported.json).toMatchObject({ added: UNITS, duplicates: 0, codesLeft: UNITS });
    // The same file again (another ref, or the console's form twice) adds nothing: a code is unique per item.
    expect((await addCodes(id, { codes })).json).toMatchObject({ added: 0, duplicates: UNITS, codesLeft: UNITS });
    expect((await getItem(id)).json.stock).toMatchObject({ available: UNITS, codesLeft: UNITS });
    const rules = (await loadSaleRules(db(), id))!;
    const perShard = await Promise.all(
      Array.from({ length: N }, (_, k) => stockFor(env, id, k).status({ rules: shardRules(rules, k) })),
    );
    expect(perShard.map((s) => [s.available, s.codesLeft])).toEqual(Array.from({ length: N }, () => [3, 3]));

    const uid = await memberWith(100 * (UNITS + 1), "codes");
    const now = Date.now();
    const given: string[] = [];
    for (let i = 0; i < UNITS; i++) {
      const r = await redeem(env, db(), { uid, key: newKey(), itemId: id, qty: 1, address: null, now });
      expect(r.ok, `unit ${i + 1}: ${JSON.stringify(r)}`).toBe(true);
      if (r.ok) given.push(...r.order.couponCodes);
    }
    expect([...given].sort()).toEqual([...codes].sort()); // every order its own code, every code given once
    const more = await redeem(env, db(), { uid, key: newKey(), itemId: id, qty: 1, address: null, now });
    expect(more).toEqual({ ok: false, code: "SOLD_OUT" });
    expect((await getItem(id)).json.stock).toMatchObject({ available: 0, sold: UNITS, codesLeft: 0 });
    await settleAll([id], [uid], now);
    await expectInvariants([id], [uid], now);
  });

  it("fewer codes than shards: a shard that got none is sold out (it never gives a generated code instead)", {
    timeout: 60_000,
  }, async () => {
    const N = 4;
    const id = await newItem({ type: "coupon", stock: 12, stockShards: N });
    const codes = codesHashingTo(3, N, 2);
    expect((await addCodes(id, { codes })).json).toMatchObject({ added: 2, codesLeft: 2 });
    expect((await getItem(id)).json.stock).toMatchObject({ available: 2, codesLeft: 2 });
    const uid = await memberWith(1_000, "codes");
    const now = Date.now();
    const orders = [];
    for (let i = 0; i < 3; i++)
      orders.push(await redeem(env, db(), { uid, key: newKey(), itemId: id, qty: 1, address: null, now }));
    expect(orders[2]).toEqual({ ok: false, code: "SOLD_OUT" });
    const given = orders.flatMap((o) => (o.ok ? o.order.couponCodes : []));
    expect(given.sort()).toEqual([...codes].sort());
    await settleAll([id], [uid], now);
    await expectInvariants([id], [uid], now);
    const projected = await db().select().from(stockShardProjection).where(eq(stockShardProjection.itemId, id));
    expect(projected.reduce((n, r) => n + r.onHand, 0)).toBe(0); // every shard's row says sold out
  });

  it("sells min(units, codes): more codes than units leave codes, fewer leave units, each shard's deficit filled first", {
    timeout: 60_000,
  }, async () => {
    const N = 3;
    const id = await newItem({ type: "coupon", stock: 10, stockShards: N }); // 4, 3, 3
    const rules = (await loadSaleRules(db(), id))!;
    const live = () =>
      Promise.all(
        Array.from({ length: N }, async (_, k) => {
          const s = await stockFor(env, id, k).status({ rules: shardRules(rules, k) });
          return [s.available, s.codesLeft];
        }),
      );
    // 6 codes for 10 units: each goes where units lack codes most (ties to the first shards).
    expect((await addCodes(id, { codes: codesHashingTo(2, N, 6) })).json).toMatchObject({ added: 6, codesLeft: 6 });
    expect(await live()).toEqual([
      [3, 3],
      [2, 2],
      [1, 1],
    ]);
    // 7 more: 4 fill the deficits (1, 1, 2), the 3 spare go one per shard.
    expect((await addCodes(id, { codes: codesHashingTo(0, N, 7) })).json).toMatchObject({ added: 7, codesLeft: 13 });
    expect(await live()).toEqual([
      [4, 5],
      [3, 4],
      [3, 4],
    ]);
    // Units added later are split as ever (1, 1, 1) and find the spare codes there.
    expect((await adjust(id, { ref: newRef("stock"), delta: 3 })).json).toMatchObject({ available: 13 });
    expect((await getItem(id)).json.stock).toMatchObject({ available: 13, codesLeft: 13 });
  });
});

describe("a sharded coupon item's codes: one shard per code, whatever races or is cut off", () => {
  it("the same file imported twice at once (two refs) adds each code once, on one shard", async () => {
    const N = 4;
    const id = await newItem({ type: "coupon", stock: 40, stockShards: N });
    const codes = Array.from({ length: 40 }, () => `RACE-${crypto.randomUUID().slice(0, 12)}`);
    const [a, b] = await Promise.all([addCodes(id, { codes }), addCodes(id, { codes: [...codes].reverse() })]);
    expect(a.json.added + b.json.added).toBe(40);
    expect(a.json.duplicates + b.json.duplicates).toBe(40);
    const audits = await Promise.all(Array.from({ length: N }, (_, k) => stockFor(env, id, k).audit()));
    // 40 codes in the pools together, each in one (two pools holding a code would count it twice). Two imports
    // planned at once may both send codes to the shard lacking most, so the split is not asserted here.
    expect(audits.reduce((n, x) => n + x.codesLeft, 0)).toBe(40);
    expect(audits.map((x) => x.codeMismatches)).toEqual([0, 0, 0, 0]);
    expect((await getItem(id)).json.stock).toMatchObject({ codesLeft: 40 });
  });

  it("a code claimed by an import cut off before it reached its shard is added by the next import of it", async () => {
    const N = 3;
    const id = await newItem({ type: "coupon", stock: 3, stockShards: N }); // 1, 1, 1
    const rules = (await loadSaleRules(db(), id))!;
    const code = `CUT-${crypto.randomUUID().slice(0, 12)}`;
    const h = hash32(code) % N;
    const target = 2; // not where a new code would go (the shards lack one code each: ties to shard 0)
    // Step 3 of an import done, step 4 never: the code's hash shard says it is on `target`, no pool has it.
    const claimed = await stockFor(env, id, h).claimCodes({
      claims: [{ code, shard: target }],
      now: Date.now(),
      rules: shardRules(rules, h),
    });
    expect(claimed).toEqual({ ok: true, shards: [target] });
    expect((await getItem(id)).json.stock).toMatchObject({ codesLeft: 0 });
    expect((await addCodes(id, { codes: [code] })).json).toMatchObject({ added: 1, duplicates: 0, codesLeft: 1 });
    const left = await Promise.all(
      Array.from(
        { length: N },
        async (_, k) => (await stockFor(env, id, k).status({ rules: shardRules(rules, k) })).codesLeft,
      ),
    );
    expect(left[target]).toBe(1); // on the shard its claim names, though another shard lacks codes as much
    expect((await addCodes(id, { codes: [code] })).json).toMatchObject({ added: 0, duplicates: 1, codesLeft: 1 });
  });

  it("a code in its hash shard's pool from before the registry (imported by hash) is a duplicate", async () => {
    const N = 2;
    const id = await newItem({ type: "coupon", stock: 2, stockShards: N });
    const rules = (await loadSaleRules(db(), id))!;
    const code = `OLD-${crypto.randomUUID().slice(0, 12)}`;
    const h = hash32(code) % N;
    const old = await stockFor(env, id, h).addCodes({ codes: [code], now: Date.now(), rules: shardRules(rules, h) });
    expect(old).toMatchObject({ ok: true, added: 1 });
    expect((await addCodes(id, { codes: [code, `NEW-${crypto.randomUUID()}`] })).json).toMatchObject({
      added: 1,
      duplicates: 1,
      codesLeft: 2,
    });
  });
});

describe("PATCH /api/v1/items/{id}", () => {
  it("changes the given fields, replaces images, and answers the item with live stock", async () => {
    const id = await newItem({ images: [{ url: "/images/items/old.png", width: 10, height: 10 }], perMemberLimit: 2 });
    await adjust(id, { ref: newRef(), delta: 2 });
    const now = Date.now();
    const res = await patchItem(id, {
      name: "新名字",
      points: 150,
      onShelf: false,
      perMemberLimit: null,
      saleStartsAt: new Date(now).toISOString(),
      saleEndsAt: new Date(now + hour).toISOString(),
      images: [
        { url: "/images/items/new-1.png", width: 20, height: 20, alt: "新图" },
        { url: "/images/items/new-2.png", width: 20, height: 20 },
      ],
      tiers: ["diamond"],
    });
    expect(res.status).toBe(200);
    expect(ItemView.parse(res.json)).toEqual(res.json);
    expect(res.json).toMatchObject({
      id,
      name: "新名字",
      points: 150,
      onShelf: false,
      perMemberLimit: null,
      tiers: ["diamond"],
      saleStartsAt: new Date(now).toISOString(),
      images: [
        { url: "/images/items/new-1.png", width: 20, height: 20, alt: "新图" },
        { url: "/images/items/new-2.png", width: 20, height: 20, alt: "新名字" },
      ],
      initialStock: 10,
      stock: { available: 12, held: 0, sold: 0, codesLeft: 0 },
    });
    expect(Date.parse(res.json.updatedAt)).toBeGreaterThanOrEqual(Date.parse(res.json.createdAt));

    // Clearing the window takes both ends; an empty images list removes them; the patch is idempotent.
    const cleared = await patchItem(id, {
      saleStartsAt: null,
      saleEndsAt: null,
      images: [],
      tiers: null,
      onShelf: true,
    });
    expect(cleared.json).toMatchObject({
      saleStartsAt: null,
      saleEndsAt: null,
      images: [],
      tiers: null,
      onShelf: true,
      name: "新名字",
    });
    const again = await patchItem(id, { saleStartsAt: null, saleEndsAt: null, images: [], tiers: null, onShelf: true });
    expect({ ...again.json, updatedAt: null }).toEqual({ ...cleared.json, updatedAt: null });
  });

  it("refuses bad patches with 422 and changes nothing", async () => {
    const now = Date.now();
    const id = await newItem({
      saleStartsAt: new Date(now).toISOString(),
      saleEndsAt: new Date(now + hour).toISOString(),
    });
    const before = (await getItem(id)).json;
    const bad: [unknown, string][] = [
      [{}, ""],
      [{ sku: "NEW" }, "sku"],
      [{ stock: 3 }, "stock"],
      [{ saleEndsAt: null }, "saleEndsAt"],
      [{ saleEndsAt: new Date(now - hour).toISOString() }, "saleEndsAt"],
      [{ visibleFrom: new Date(now + hour).toISOString(), visibleUntil: new Date(now).toISOString() }, "visibleUntil"],
      [{ onShelf: "no" }, "onShelf"],
      [{ categoryId: 999_999 }, "categoryId"],
      [{ tiers: ["platinum"] }, "tiers"],
      [{ name: "改了", points: -5 }, "points"],
    ];
    for (const [body, field] of bad) {
      const res = await patchItem(id, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json.error.code).toBe("VALIDATION_FAILED");
      expect(res.json.error.message, JSON.stringify(body)).toContain(field);
    }
    expect((await getItem(id)).json).toEqual(before);
    expect((await patchItem(999_999_996, { name: "x" })).status).toBe(404);
  });
});

describe("item images (issue 14)", () => {
  it("accept only what the pages can show (our /media/img and /images paths); an https or odd URL is 422 and writes nothing", async () => {
    const media = `/media/img/${"0f".repeat(32)}.webp`;
    const id = await newItem({
      images: [
        { url: media, width: 400, height: 300 },
        { url: "/images/items/latte.svg", width: 400, height: 400 },
      ],
    });
    expect((await getItem(id)).json.images.map((i: { url: string }) => i.url)).toEqual([
      media,
      "/images/items/latte.svg",
    ]);
    for (const url of [
      "https://img.example/cup.jpg",
      "http://img.example/cup.jpg",
      "//img.example/cup.jpg",
      "/media/../admin",
      "/media/img/x.jpg",
      "/images/../admin/items",
      "/admin/items",
      "/images/items/a b.svg",
      "data:image/png;base64,AAAA",
    ]) {
      const sku = newSku();
      const res = await createItem({
        sku,
        name: "图",
        type: "virtual",
        points: 1,
        stock: 1,
        images: [{ url, width: 10, height: 10 }],
      });
      expect(res.status, url).toBe(422);
      expect(res.json.error.message).toContain("images.0.url");
      expect(await db().select().from(items).where(eq(items.sku, sku))).toEqual([]);
      expect((await patchItem(id, { images: [{ url, width: 10, height: 10 }] })).status, url).toBe(422);
    }
    expect((await getItem(id)).json.images).toHaveLength(2);
  });
});
