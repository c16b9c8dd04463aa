// The audit rows of the Merchant API's order actions, through the real Worker: ship, complete (shipped →
// completed: order.complete; placed virtual → fulfilled: order.fulfil, as the console names it) and cancel,
// one row each with the calling token as actor; repeating any of them writes no second row.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { redeem } from "../redeem/redeem";
import type { DeliveryAddress } from "../../domain";
import { allAuditsOf, auditsOf, consoleToken } from "../audit/test-audit";
import { call, earn, newRef, newUid, putMember, withRef } from "./test-client";

const ADDRESS: DeliveryAddress = {
  recipient: "王五",
  phone: "13700137000",
  region: "北京市 海淀区",
  detail: "中关村大街 1 号",
};
const db = () => getDb(env.TURSO_DATABASE_URL);

async function itemOf(type: "physical" | "virtual"): Promise<number> {
  const res = await call("POST", "/api/v1/items", {
    sku: `OA-${crypto.randomUUID().slice(0, 8).toUpperCase()}`,
    name: "订单审计",
    type,
    points: 10,
    stock: 5,
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.id;
}

async function orderOf(type: "physical" | "virtual"): Promise<string> {
  const uid = newUid();
  await putMember(uid, {});
  await earn(uid, { ref: newRef("seed"), reason: "测试", points: 100, source: "purchase" });
  const r = await redeem(env, db(), {
    uid,
    itemId: await itemOf(type),
    qty: 1,
    key: crypto.randomUUID(),
    address: type === "physical" ? ADDRESS : null,
    now: Date.now(),
  });
  if (!r.ok) throw new Error(r.code);
  return r.order.id;
}

const act = (id: string, what: "ship" | "complete" | "cancel", body?: unknown, headers?: Record<string, string>) =>
  call("POST", `/api/v1/orders/${encodeURIComponent(id)}/${what}`, withRef(body ?? {}), headers);

describe("Merchant API audit: orders", () => {
  it("audits ship and complete once each, with before/after status", async () => {
    const id = await orderOf("physical");
    const target = `order:${id}`;
    const parcel = { carrier: "顺丰速运", trackingNo: "SF7770001" };
    expect((await act(id, "ship", parcel)).status).toBe(200);
    expect((await act(id, "ship", parcel)).status).toBe(200); // same parcel again: answered, nothing changed
    const shipped = await auditsOf(target, "order.ship");
    expect(shipped).toHaveLength(1);
    expect(shipped[0]).toMatchObject({
      actor: "api:bootstrap",
      before: { status: "placed" },
      after: { status: "shipped", ...parcel },
    });

    expect((await act(id, "complete")).json.status).toBe("completed");
    expect((await act(id, "complete")).status).toBe(200);
    const completed = await auditsOf(target, "order.complete");
    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({
      actor: "api:bootstrap",
      before: { status: "shipped" },
      after: { status: "completed" },
    });
    expect((await allAuditsOf(target)).map((r) => r.action).sort()).toEqual(["order.complete", "order.ship"]);
  });

  it("audits a virtual order served as order.fulfil, and a refused action not at all", async () => {
    const id = await orderOf("virtual");
    expect((await act(id, "ship", { carrier: "顺丰速运", trackingNo: "SF7770002" })).json.error.code).toBe(
      "NOT_SHIPPABLE",
    );
    expect((await act(id, "complete")).json.status).toBe("fulfilled");
    expect((await act(id, "complete")).status).toBe(200);
    expect((await act(id, "cancel", { reason: "太晚了" })).json.error.code).toBe("NOT_CANCELLABLE");
    const rows = await allAuditsOf(`order:${id}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor: "api:bootstrap",
      action: "order.fulfil",
      before: { status: "placed" },
      after: { status: "fulfilled" },
    });
  });

  it("audits a cancel once however often it is retried, naming a console-created token", async () => {
    const { name, auth } = await consoleToken();
    const id = await orderOf("physical");
    const first = await act(id, "cancel", { reason: "缺货" }, auth);
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    expect((await act(id, "cancel", { reason: "缺货" }, auth)).status).toBe(200);
    expect((await act(id, "cancel", { reason: "缺货" })).status).toBe(200);
    const rows = await auditsOf(`order:${id}`, "order.cancel");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor: `api:${name}`,
      before: { status: "placed" },
      after: { status: "cancelled", reason: "缺货", pointsReturned: 10, unitsRestocked: 1 },
    });
  });
});
