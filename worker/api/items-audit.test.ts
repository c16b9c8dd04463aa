// The audit rows of the Merchant API's catalogue and member changes, through the real Worker: one row per
// change with the calling token as actor (`api:bootstrap`, or `api:<name>` of a console-created token), the
// changed fields before/after, code imports as counts only; a replay that changes nothing writes none.
import { describe, expect, it } from "vitest";
import { call, newUid, putMember, withRef } from "./test-client";
import { allAuditsOf, auditsOf, consoleToken } from "../audit/test-audit";

const newSku = () => `AU-${crypto.randomUUID().slice(0, 8).toUpperCase()}`;

describe("Merchant API audit: items", () => {
  it("audits create, update (changed fields only), stock adjust once per ref and code imports by count", async () => {
    const create = { sku: newSku(), name: "审计券", type: "coupon", points: 50, stock: 5 };
    const made = await call("POST", "/api/v1/items", create);
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    const id: number = made.json.id;
    const target = `item:${id}`;
    expect((await call("POST", "/api/v1/items", create)).status).toBe(200); // replay: same id, nothing new
    const created = await auditsOf(target, "item.create");
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      actor: "api:bootstrap",
      before: null,
      after: { sku: create.sku, points: 50, stock: 5 },
    });

    const patch = { name: "审计券（新）", points: 60, description: "" };
    expect((await call("PATCH", `/api/v1/items/${id}`, withRef(patch))).status).toBe(200);
    expect((await call("PATCH", `/api/v1/items/${id}`, withRef(patch))).status).toBe(200); // changes nothing
    const updated = await auditsOf(target, "item.update");
    expect(updated).toHaveLength(1);
    // description was already "": not a change, so not in the row
    expect(updated[0]).toMatchObject({
      actor: "api:bootstrap",
      before: { name: "审计券", points: 50 },
      after: { name: "审计券（新）", points: 60 },
    });
    expect(Object.keys(updated[0]!.after as object).sort()).toEqual(["name", "points"]);
    const images = [{ url: "/images/items/audit.svg", width: 400, height: 400 }];
    expect((await call("PATCH", `/api/v1/items/${id}`, withRef({ images }))).status).toBe(200);
    expect((await call("PATCH", `/api/v1/items/${id}`, withRef({ images }))).status).toBe(200);
    const imaged = await auditsOf(target, "item.update");
    expect(imaged).toHaveLength(2);
    expect(imaged[1]).toMatchObject({ before: { images: [] }, after: { images: ["/images/items/audit.svg"] } });

    const ref = `audit-${crypto.randomUUID()}`;
    expect((await call("POST", `/api/v1/items/${id}/stock`, { ref, delta: 3 })).status).toBe(200);
    expect((await call("POST", `/api/v1/items/${id}/stock`, { ref, delta: 3 })).json.available).toBe(8); // retry: one change
    const adjusted = await auditsOf(target, "item.stock_adjust");
    expect(adjusted).toHaveLength(1);
    expect(adjusted[0]).toMatchObject({
      actor: "api:bootstrap",
      before: { available: 5 },
      after: { ref, delta: 3, available: 8 },
    });
    // a refused adjustment (below zero) is no change and no row
    expect((await call("POST", `/api/v1/items/${id}/stock`, { ref: `${ref}-x`, delta: -100 })).status).toBe(409);
    expect(await auditsOf(target, "item.stock_adjust")).toHaveLength(1);

    const codes = [`SECRET-${id}-1`, `SECRET-${id}-2`, `SECRET-${id}-1`];
    expect((await call("POST", `/api/v1/items/${id}/codes`, withRef({ codes }))).json).toMatchObject({
      added: 2,
      duplicates: 1,
    });
    expect((await call("POST", `/api/v1/items/${id}/codes`, withRef({ codes }))).json).toMatchObject({
      added: 0,
      duplicates: 3,
    });
    const imported = await auditsOf(target, "item.codes_import");
    expect(imported).toHaveLength(1);
    expect(imported[0]).toMatchObject({
      actor: "api:bootstrap",
      before: null,
      after: { added: 2, duplicates: 1, codesLeft: 2 },
    });
    // never the codes themselves, in any row of the item
    expect(JSON.stringify(await allAuditsOf(target))).not.toContain("SECRET-");
  });

  it("names a console-created token as the actor", async () => {
    const { name, auth } = await consoleToken();
    const made = await call(
      "POST",
      "/api/v1/items",
      { sku: newSku(), name: "令牌审计", type: "physical", points: 10, stock: 1 },
      auth,
    );
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    expect((await call("PATCH", `/api/v1/items/${made.json.id}`, withRef({ onShelf: false }), auth)).status).toBe(200);
    const rows = await allAuditsOf(`item:${made.json.id}`);
    expect(rows.map((r) => [r.action, r.actor]).sort()).toEqual([
      ["item.create", `api:${name}`],
      ["item.update", `api:${name}`],
    ]);
    expect(rows.find((r) => r.action === "item.update")).toMatchObject({
      before: { onShelf: true },
      after: { onShelf: false },
    });
  });
});

describe("Merchant API audit: members", () => {
  it("audits a profile put that creates or changes the member, not one that changes nothing", async () => {
    const uid = newUid();
    const target = `member:${uid}`;
    expect((await putMember(uid, { nickname: "初见" })).status).toBe(201);
    expect((await putMember(uid, { nickname: "初见" })).status).toBe(200); // same again: no change
    expect((await putMember(uid, {})).status).toBe(200);
    let rows = await auditsOf(target, "member.update");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: "api:bootstrap", before: null, after: { nickname: "初见", avatar: null } });

    const avatar = "https://cdn.example.com/a.png";
    expect((await putMember(uid, { nickname: "初见", avatar })).status).toBe(200);
    rows = await auditsOf(target, "member.update");
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ before: { nickname: "初见", avatar: null }, after: { nickname: "初见", avatar } });
  });

  it("does not audit points operations (the ledger entry with its ref is their record)", async () => {
    const uid = newUid();
    await putMember(uid, {});
    const earned = await call("POST", `/api/v1/members/${uid}/points/earn`, {
      ref: `e-${uid}`,
      reason: "测试",
      points: 30,
      source: "purchase",
    });
    expect(earned.status).toBe(200);
    const rows = await allAuditsOf(`member:${uid}`);
    expect(rows.map((r) => r.action)).toEqual(["member.update"]);
  });
});
