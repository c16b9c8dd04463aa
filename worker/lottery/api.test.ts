// POST /api/v1/lotteries, GET /api/v1/lotteries/{id}, GET /api/v1/lotteries/{id}/draws through the real Worker,
// with draws made in the lottery's object (an item prize placed as a zero-point order through the redemption
// path) and read back, and the OpenAPI document describing the three.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, newRef } from "../api/test-client";
import { createItem, mallRules, memberWith } from "../redeem/test-support";
import { walletFor } from "../wallet/wallet-stub";
import { lotteryFor } from "./lottery-stub";
import { readLottery, versionedOf } from "./rows";
import { db } from "../redeem/test-support";

const body = (over: Record<string, unknown> = {}) => ({
  ref: newRef("lot"),
  name: "周末大转盘",
  kind: "wheel",
  costPoints: 20,
  dailyLimit: 3,
  prizes: [
    { name: "88 积分", kind: "points", points: 88, weight: 1, stock: 2 },
    { name: "谢谢参与", kind: "none", weight: 3 },
  ],
  ...over,
});

describe("lotteries API", () => {
  it("creates idempotently on ref, answers prizes with stock and odds, and pages the draws", async () => {
    const b = body();
    const created = await call("POST", "/api/v1/lotteries", b);
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect(id).toMatch(/^L[0-9a-f]{12}$/);
    const again = await call("POST", "/api/v1/lotteries", b);
    expect(again).toMatchObject({ status: 200, json: { id } });
    const conflict = await call("POST", "/api/v1/lotteries", { ...b, costPoints: 5 });
    expect(conflict.status).toBe(409);
    expect(conflict.json.error.code).toBe("REF_CONFLICT");

    const got = await call("GET", `/api/v1/lotteries/${id}`);
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({ id, name: "周末大转盘", kind: "wheel", costPoints: 20, dailyLimit: 3, draws: 0 });
    expect(got.json.prizes).toEqual([
      expect.objectContaining({ id: "p1", kind: "points", points: 88, stock: 2, awarded: 0, left: 2, odds: 0.25 }),
      expect.objectContaining({ id: "p2", kind: "none", stock: null, left: null, odds: 0.75 }),
    ]);

    const row = (await readLottery(db(), id))!;
    const uid = await memberWith(500, "lapi");
    const rules = await mallRules();
    for (let i = 0; i < 3; i++)
      await lotteryFor(env, id).draw({
        ...versionedOf(row),
        uid,
        key: crypto.randomUUID(),
        now: Date.now(),
        rules,
        address: null,
      });
    const page1 = await call("GET", `/api/v1/lotteries/${id}/draws?limit=2`);
    expect(page1.status).toBe(200);
    expect(page1.json.draws).toHaveLength(2);
    expect(page1.json.draws[0]).toMatchObject({ uid, state: "DONE", cost: 20 });
    const page2 = await call("GET", `/api/v1/lotteries/${id}/draws?limit=2&cursor=${page1.json.nextCursor}`);
    expect(page2.json.draws).toHaveLength(1);
    expect(page2.json.nextCursor).toBeNull();
    expect(page2.json.draws[0].seq).toBeLessThan(page1.json.draws[1].seq);
    expect((await call("GET", `/api/v1/lotteries/${id}`)).json.draws).toBe(3);
  });

  it("refuses bad bodies with 422 and writes nothing; unknown ids are 404", async () => {
    for (const bad of [
      body({ kind: "slot" }),
      body({ prizes: [] }),
      body({ prizes: [{ name: "积分", kind: "points", weight: 1 }] }),
      body({ prizes: [{ name: "商品", kind: "item", weight: 1, itemId: 999_999_999 }] }),
      body({ freeDrawsPerDay: 5 }),
      body({ startsAt: "2030-01-02T00:00:00Z", endsAt: "2030-01-01T00:00:00Z" }),
      body({ prizes: [{ name: "x", kind: "none", weight: 0 }] }),
    ]) {
      const r = await call("POST", "/api/v1/lotteries", bad);
      expect(r.status, JSON.stringify(bad)).toBe(422);
      expect(r.json.error.code).toBe("VALIDATION_FAILED");
    }
    expect((await call("GET", "/api/v1/lotteries/L000000000000")).status).toBe(404);
    expect((await call("GET", "/api/v1/lotteries/nope")).status).toBe(422);
  });

  it("an item prize is placed as a zero-point order through the redemption path; a sold-out item is refunded, never won", async () => {
    const { itemId } = await createItem({ type: "coupon", points: 300, stock: 1, name: "咖啡券" });
    const created = await call(
      "POST",
      "/api/v1/lotteries",
      body({ costPoints: 10, dailyLimit: 10, prizes: [{ name: "咖啡券", kind: "item", itemId, weight: 1, stock: 5 }] }),
    );
    const id = created.json.id as string;
    const v = versionedOf((await readLottery(db(), id))!);
    const uid = await memberWith(100, "lapi");
    const rules = await mallRules();
    const first = await lotteryFor(env, id).draw({
      ...v,
      uid,
      key: crypto.randomUUID(),
      now: Date.now(),
      rules,
      address: null,
    });
    expect(first.ok && first.draw.state).toBe("DONE");
    const orderId = first.ok ? first.draw.orderId : null;
    expect(orderId).toMatch(/^PM/);
    const order = await call("GET", `/api/v1/orders/${orderId}`);
    expect(order.json).toMatchObject({ uid, itemId, points: 0, status: "completed" });
    expect(order.json.couponCodes).toHaveLength(1);
    // The item's one unit is gone: the next draw cannot deliver it — the cost comes back, the prize is out.
    const second = await lotteryFor(env, id).draw({
      ...v,
      uid,
      key: crypto.randomUUID(),
      now: Date.now(),
      rules,
      address: null,
    });
    expect(second.ok && second.draw.state).toBe("REFUNDED");
    expect(second.ok && second.draw.code).toBe("PRIZE_UNAVAILABLE");
    const balance = (await walletFor(env, uid).summary({ uid, now: Date.now(), rules })).balance;
    expect(balance).toBe(100 - 10);
    const got = await call("GET", `/api/v1/lotteries/${id}`);
    expect(got.json.prizes[0]).toMatchObject({ awarded: 1, left: 0, odds: 0 });
  });

  it("is in the OpenAPI document", async () => {
    const d = (await call("GET", "/api/v1/openapi.json")).json;
    expect(Object.keys(d.paths)).toEqual(
      expect.arrayContaining(["/api/v1/lotteries", "/api/v1/lotteries/{id}", "/api/v1/lotteries/{id}/draws"]),
    );
    expect(d.paths["/api/v1/lotteries"].post.responses["201"]).toBeDefined();
  });
});
