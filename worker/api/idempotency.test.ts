// One ref, one answer (worker/api/idempotency.ts) through the real Worker and Turso: for the mutations that had
// no ref (PATCH /items, /codes, /ship, /complete, /cancel) and the ones that did, the same ref with the same
// body answers the first success and writes nothing; the same ref with another body is 422 REF_REUSED and
// writes nothing; concurrent calls with one ref run once and all get that one answer; a refused call leaves
// its ref free; a claim still running makes a second call wait (409 REF_IN_PROGRESS when it never ends); a
// claim left by a Worker that died is taken over.
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { apiIdempotency } from "../../db/schema";
import { auditsOf } from "../audit/test-audit";
import type { DeliveryAddress } from "../../domain";
import { redeem } from "../redeem/redeem";
import { fingerprintOf, REPLAYED_HEADER, STALE_MS } from "./idempotency";
import { ONCE_PER_REF } from "./openapi";
import { call, deduct, earn, getMember, newRef, newUid, putMember } from "./test-client";

const db = () => getDb(env.TURSO_DATABASE_URL);
const newSku = () => `I-${crypto.randomUUID().slice(0, 8).toUpperCase()}`;
const ADDRESS: DeliveryAddress = { recipient: "李四", phone: "13800138001", region: "上海市", detail: "人民路 2 号" };

async function createItem(body: Record<string, unknown>): Promise<number> {
  const res = await call("POST", "/api/v1/items", { sku: newSku(), name: "幂等测试", points: 10, stock: 20, ...body });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.id;
}

async function physicalOrder(itemId: number): Promise<{ id: string; uid: string }> {
  const uid = newUid();
  await putMember(uid, { nickname: "幂等" });
  expect((await earn(uid, { ref: newRef(), reason: "充值", points: 500, source: "purchase" })).status).toBe(200);
  const r = await redeem(env, db(), {
    uid,
    itemId,
    qty: 1,
    key: crypto.randomUUID(),
    address: ADDRESS,
    now: Date.now(),
  });
  if (!r.ok) throw new Error(`redeem refused: ${r.code}`);
  return { id: r.order.id, uid };
}

const orderPath = (id: string, action: string) => `/api/v1/orders/${encodeURIComponent(id)}/${action}`;
const balanceOf = async (uid: string) => (await getMember(uid)).json.balance as number;

let physical: number;
let coupon: number;
beforeAll(async () => {
  physical = await createItem({ type: "physical", points: 100 });
  coupon = await createItem({ type: "coupon", stock: 0 });
});

describe("the same ref again answers the first success and writes nothing", () => {
  it("PATCH /items/{id}: a replay answers the first patch's item even after a later patch", async () => {
    const id = await createItem({ type: "virtual" });
    const ref = newRef("patch");
    const first = await call("PATCH", `/api/v1/items/${id}`, { ref, name: "第一次" });
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    expect(first.json.name).toBe("第一次");
    expect((await call("PATCH", `/api/v1/items/${id}`, { ref: newRef(), name: "第二次" })).json.name).toBe("第二次");
    const again = await call("PATCH", `/api/v1/items/${id}`, { ref, name: "第一次" });
    expect(again.status).toBe(200);
    expect(again.headers.get(REPLAYED_HEADER)).toBe("true");
    expect(again.json).toEqual(first.json);
    expect((await call("GET", `/api/v1/items/${id}`)).json.name).toBe("第二次"); // the replay wrote nothing
    expect(await auditsOf(`item:${id}`, "item.update")).toHaveLength(2);
  });

  it("POST /items/{id}/codes: a replay answers the first import's counts, adding nothing", async () => {
    const ref = newRef("codes");
    const codes = [`A-${crypto.randomUUID()}`, `B-${crypto.randomUUID()}`];
    const first = await call("POST", `/api/v1/items/${coupon}/codes`, { ref, codes });
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    expect(first.json.added).toBe(2);
    const again = await call("POST", `/api/v1/items/${coupon}/codes`, { ref, codes });
    expect(again.json).toEqual(first.json); // added 2 (the first answer), not "0 added, 2 duplicates"
    expect(again.headers.get(REPLAYED_HEADER)).toBe("true");
    expect((await call("GET", `/api/v1/items/${coupon}`)).json.stock.codesLeft).toBe(first.json.codesLeft);
  });

  it("ship, complete and cancel: each replay is the first answer; a cancel's replay refunds nothing more", async () => {
    const shipped = await physicalOrder(physical);
    const shipRef = newRef("ship");
    const ship = { ref: shipRef, carrier: "顺丰速运", trackingNo: "SF100200300" };
    const s1 = await call("POST", orderPath(shipped.id, "ship"), ship);
    expect(s1.status, JSON.stringify(s1.json)).toBe(200);
    const s2 = await call("POST", orderPath(shipped.id, "ship"), ship);
    expect([s2.status, s2.headers.get(REPLAYED_HEADER)]).toEqual([200, "true"]);
    expect(s2.json).toEqual(s1.json);

    const completeRef = newRef("complete");
    const c1 = await call("POST", orderPath(shipped.id, "complete"), { ref: completeRef });
    expect([c1.status, c1.json.status]).toEqual([200, "completed"]);
    const c2 = await call("POST", orderPath(shipped.id, "complete"), { ref: completeRef });
    expect([c2.status, c2.headers.get(REPLAYED_HEADER)]).toEqual([200, "true"]);
    expect(c2.json).toEqual(c1.json);
    expect(await auditsOf(`order:${shipped.id}`, "order.complete")).toHaveLength(1);

    const placed = await physicalOrder(physical);
    const before = await balanceOf(placed.uid);
    const cancel = { ref: newRef("cancel"), reason: "缺货" };
    const x1 = await call("POST", orderPath(placed.id, "cancel"), cancel);
    expect([x1.status, x1.json.status]).toEqual([200, "cancelled"]);
    const x2 = await call("POST", orderPath(placed.id, "cancel"), cancel);
    expect([x2.status, x2.headers.get(REPLAYED_HEADER)]).toEqual([200, "true"]);
    expect(x2.json).toEqual(x1.json);
    expect(await balanceOf(placed.uid)).toBe(before + 100);
  });

  it("the ref is required where nothing else makes the call idempotent (422 naming it)", async () => {
    const o = await physicalOrder(physical);
    for (const [method, path, body] of [
      ["PATCH", `/api/v1/items/${physical}`, { name: "无编号" }],
      ["POST", `/api/v1/items/${coupon}/codes`, { codes: ["NOREF-0001"] }],
      ["POST", orderPath(o.id, "ship"), { carrier: "顺丰速运", trackingNo: "SF1234" }],
      ["POST", orderPath(o.id, "complete"), undefined],
      ["POST", orderPath(o.id, "cancel"), { reason: "无编号" }],
    ] as const) {
      const res = await call(method, path, body);
      expect(res.status, path).toBe(422);
      expect(res.json.error.message, path).toContain("ref: ");
    }
    expect((await call("GET", `/api/v1/orders/${o.id}`)).json.status).toBe("placed");
  });
});

describe("the same ref with another body is REF_REUSED (422) and writes nothing", () => {
  it("on every kind of mutation", async () => {
    const uid = newUid();
    const earnRef = newRef("earn");
    expect((await earn(uid, { ref: earnRef, reason: "消费", points: 30, source: "purchase" })).status).toBe(200);
    const balance = await balanceOf(uid);
    const o = await physicalOrder(physical);
    const shipRef = newRef("ship");
    expect(
      (await call("POST", orderPath(o.id, "ship"), { ref: shipRef, carrier: "顺丰速运", trackingNo: "SF0001" })).status,
    ).toBe(200);
    const patchRef = newRef("patch");
    expect((await call("PATCH", `/api/v1/items/${physical}`, { ref: patchRef, points: 100 })).status).toBe(200);
    const createRef = newRef("create");
    const sku = newSku();
    const created = await call("POST", "/api/v1/items", {
      ref: createRef,
      sku,
      name: "编号",
      type: "virtual",
      points: 1,
      stock: 1,
    });
    expect(created.status).toBe(201);

    for (const [method, path, body] of [
      ["POST", `/api/v1/members/${uid}/points/earn`, { ref: earnRef, reason: "消费", points: 31, source: "purchase" }],
      ["POST", orderPath(o.id, "ship"), { ref: shipRef, carrier: "中通快递", trackingNo: "ZT0001" }],
      ["PATCH", `/api/v1/items/${physical}`, { ref: patchRef, points: 101 }],
      ["POST", "/api/v1/items", { ref: createRef, sku: newSku(), name: "编号", type: "virtual", points: 1, stock: 1 }],
    ] as const) {
      const res = await call(method, path, body);
      expect(res.status, path).toBe(422);
      expect(res.json.error.code, path).toBe("REF_REUSED");
    }
    expect(await balanceOf(uid)).toBe(balance);
    expect((await call("GET", `/api/v1/orders/${o.id}`)).json.carrier).toBe("顺丰速运");
    expect((await call("GET", `/api/v1/items/${physical}`)).json.points).toBe(100);
  });

  it("a ref belongs to one method and path: on another resource it is another request", async () => {
    const ref = newRef("scope");
    const [a, b] = [await physicalOrder(physical), await physicalOrder(physical)];
    const ship = { ref, carrier: "顺丰速运", trackingNo: "SF7777" };
    expect((await call("POST", orderPath(a.id, "ship"), ship)).json.status).toBe("shipped");
    const other = await call("POST", orderPath(b.id, "ship"), ship);
    expect([other.status, other.json.id, other.headers.get(REPLAYED_HEADER)]).toEqual([200, b.id, null]);
  });
});

describe("concurrent calls with one ref", () => {
  it("run once: eight imports of the same codes at once all answer the one import", async () => {
    const ref = newRef("codes");
    const codes = Array.from({ length: 5 }, (_, i) => `C${i}-${crypto.randomUUID()}`);
    const before = (await call("GET", `/api/v1/items/${coupon}`)).json.stock.codesLeft as number;
    const imports = (await auditsOf(`item:${coupon}`, "item.codes_import")).length;
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => call("POST", `/api/v1/items/${coupon}/codes`, { ref, codes })),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    for (const a of answers) expect(a.json).toEqual({ added: 5, duplicates: 0, codesLeft: before + 5 });
    expect(answers.filter((a) => a.headers.get(REPLAYED_HEADER) === null)).toHaveLength(1);
    expect(await auditsOf(`item:${coupon}`, "item.codes_import")).toHaveLength(imports + 1);
  });

  it("run once: six cancels of one order at once answer the same order and refund once", async () => {
    const o = await physicalOrder(physical);
    const before = await balanceOf(o.uid);
    const cancel = { ref: newRef("cancel"), reason: "并发取消" };
    const answers = await Promise.all(Array.from({ length: 6 }, () => call("POST", orderPath(o.id, "cancel"), cancel)));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    for (const a of answers) expect(a.json).toEqual(answers[0]!.json);
    expect(answers.filter((a) => a.headers.get(REPLAYED_HEADER) === null)).toHaveLength(1);
    expect(await balanceOf(o.uid)).toBe(before + 100);
    expect(await auditsOf(`order:${o.id}`, "order.cancel")).toHaveLength(1);
  });

  it("a call that finds the ref's first call still running waits, then is REF_IN_PROGRESS; a dead claim is taken over", async () => {
    const path = `/api/v1/items/${physical}`;
    const body = { ref: newRef("busy"), points: 100 };
    const scope = `PATCH ${path}`;
    const fingerprint = await fingerprintOf(body);
    // a first call that is still running (its claim has no answer yet)
    await db().insert(apiIdempotency).values({ scope, ref: body.ref, fingerprint, claimedAt: Date.now() });
    const busy = await call("PATCH", path, body);
    expect([busy.status, busy.json.error.code]).toEqual([409, "REF_IN_PROGRESS"]);
    // a claim older than STALE_MS: its Worker died; the same body takes it over and runs
    await db()
      .update(apiIdempotency)
      .set({ claimedAt: Date.now() - STALE_MS - 1000 })
      .where(and(eq(apiIdempotency.scope, scope), eq(apiIdempotency.ref, body.ref)));
    const taken = await call("PATCH", path, body);
    expect([taken.status, taken.headers.get(REPLAYED_HEADER)]).toEqual([200, null]);
    expect((await call("PATCH", path, body)).headers.get(REPLAYED_HEADER)).toBe("true");
  }, 20_000);
});

describe("a refused call leaves its ref free", () => {
  it("a deduct refused for a short balance can be sent again with the same ref once the points are there", async () => {
    const uid = newUid();
    await putMember(uid);
    const ref = newRef("deduct");
    const short = await deduct(uid, { ref, reason: "兑换", points: 80 });
    expect([short.status, short.json.error.code]).toEqual([409, "INSUFFICIENT_POINTS"]);
    const rows = await db().select().from(apiIdempotency).where(eq(apiIdempotency.ref, ref));
    expect(rows).toEqual([]);
    await earn(uid, { ref: newRef(), reason: "充值", points: 100, source: "purchase" });
    const ok = await deduct(uid, { ref, reason: "兑换", points: 80 });
    expect([ok.status, ok.json.deducted]).toEqual([200, 80]);
  });
});

describe("the OpenAPI document", () => {
  it("gives every member, points, item and order mutation a ref (required but on PUT /members, PUT …/birthday and POST /items) and the ref errors", async () => {
    const d = (await call("GET", "/api/v1/openapi.json")).json;
    const schemaOf = (s: any) => (s.$ref ? d.components.schemas[s.$ref.split("/").pop()] : s);
    const optional = new Set([
      "put /api/v1/members/{uid}",
      "post /api/v1/items",
      "put /api/v1/members/{uid}/birthday", // a put, idempotent by its body
    ]);
    let mutations = 0;
    for (const [path, ops] of Object.entries<any>(d.paths)) {
      for (const [method, op] of Object.entries<any>(ops)) {
        if (!ONCE_PER_REF.has(`${method} ${path}`)) continue;
        mutations++;
        const body = schemaOf(op.requestBody.content["application/json"].schema);
        const name = `${method} ${path}`;
        expect(body.properties.ref, name).toBeDefined();
        expect((body.required ?? []).includes("ref"), name).toBe(!optional.has(name));
        expect(op.responses["422"].content["application/json"].schema.properties.error.properties.code.enum).toContain(
          "REF_REUSED",
        );
        expect(op.responses["409"].content["application/json"].schema.properties.error.properties.code.enum).toContain(
          "REF_IN_PROGRESS",
        );
      }
    }
    expect(mutations).toBe(15);
  });
});
