// /api/v1/webhooks through the real Worker: create (secret once, idempotent on ref), list, get, delete, rotate;
// bad input answers a clear 4xx and writes nothing; the OpenAPI document lists the routes.
import { describe, expect, it } from "vitest";
import { call, newRef } from "../api/test-client";
import { receiver } from "./test-webhooks";

const url = () => `${receiver.url}/hooks/api-${crypto.randomUUID()}`;

describe("/api/v1/webhooks", () => {
  it("POST answers the endpoint with its secret once; the same ref answers it again without the secret", async () => {
    const body = { ref: newRef("wh"), url: url(), events: ["points.earned", "order.placed"], description: "CRM" };
    const a = await call("POST", "/api/v1/webhooks", body);
    expect(a.status).toBe(201);
    expect(a.json).toMatchObject({ url: body.url, events: ["order.placed", "points.earned"], enabled: true });
    expect(a.json.id).toMatch(/^we_[0-9a-f]{20}$/);
    expect(a.json.secret).toMatch(/^whsec_/);
    expect(a.headers.get("cache-control")).toBe("no-store");
    const again = await call("POST", "/api/v1/webhooks", { ...body, events: ["order.placed", "points.earned"] });
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(a.json.id);
    expect(again.json.secret).toBeUndefined();
    const other = await call("POST", "/api/v1/webhooks", { ...body, url: url() });
    expect(other.status).toBe(409);
    expect(other.json.error.code).toBe("REF_CONFLICT");
    const got = await call("GET", `/api/v1/webhooks/${a.json.id}`);
    expect(got.status).toBe(200);
    expect(got.json.secret).toBeUndefined();
    const list = await call("GET", "/api/v1/webhooks");
    expect(list.json.webhooks.map((w: { id: string }) => w.id)).toContain(a.json.id);
    expect(JSON.stringify(list.json)).not.toContain("whsec_");
    expect((await call("DELETE", `/api/v1/webhooks/${a.json.id}`)).status).toBe(200);
    expect((await call("DELETE", `/api/v1/webhooks/${a.json.id}`)).status).toBe(404);
    // the ref stays taken: a late retry of the POST does not bring the endpoint back
    expect((await call("POST", "/api/v1/webhooks", body)).status).toBe(409);
    const after = await call("GET", "/api/v1/webhooks");
    expect(after.json.webhooks.map((w: { id: string }) => w.id)).not.toContain(a.json.id);
  });

  it("refuses bad input with a clear 4xx and makes nothing", async () => {
    const before = (await call("GET", "/api/v1/webhooks")).json.webhooks.length;
    const cases: [unknown, number, string][] = [
      [{ ref: newRef(), url: "not a url", events: ["points.earned"] }, 422, "VALIDATION_FAILED"],
      [{ ref: newRef(), url: url(), events: [] }, 422, "VALIDATION_FAILED"],
      [{ ref: newRef(), url: url(), events: ["points.stolen"] }, 422, "VALIDATION_FAILED"],
      [{ ref: newRef(), url: url() }, 422, "VALIDATION_FAILED"],
      [{ url: url(), events: ["points.earned"] }, 422, "VALIDATION_FAILED"],
      [{ ref: newRef(), url: url(), events: ["points.earned"], extra: 1 }, 422, "VALIDATION_FAILED"],
      [{ ref: newRef(), url: "ftp://127.0.0.1/hooks/x", events: ["points.earned"] }, 422, "WEBHOOK_URL_NOT_ALLOWED"],
      ["{not json", 400, "BAD_REQUEST"],
    ];
    for (const [body, status, code] of cases) {
      const r = await call("POST", "/api/v1/webhooks", body);
      expect([JSON.stringify(body), r.status, r.json.error?.code]).toEqual([JSON.stringify(body), status, code]);
      expect(r.json.error.message).not.toBe("");
    }
    expect((await call("GET", "/api/v1/webhooks")).json.webhooks.length).toBeGreaterThanOrEqual(before);
    expect((await call("GET", "/api/v1/webhooks/nope")).status).toBe(422);
    expect((await call("GET", `/api/v1/webhooks/we_${"0".repeat(20)}`)).status).toBe(404);
    const rot = await call("POST", `/api/v1/webhooks/we_${"0".repeat(20)}/rotate`, { graceHours: 5 });
    expect(rot.status).toBe(422);
    expect((await call("GET", "/api/v1/webhooks", undefined, { Authorization: "Bearer wrong" })).status).toBe(401);
  });

  it("is in the OpenAPI document", async () => {
    const doc = (await call("GET", "/api/v1/openapi.json")).json;
    expect(Object.keys(doc.paths["/api/v1/webhooks"])).toEqual(["post", "get"]);
    expect(Object.keys(doc.paths["/api/v1/webhooks/{id}"])).toEqual(["get", "delete"]);
    expect(doc.paths["/api/v1/webhooks/{id}/rotate"].post).toBeDefined();
    expect(doc.paths["/api/v1/webhooks/{id}/deliveries/{eventId}/redeliver"].post).toBeDefined();
    expect(doc.components.schemas.CreateWebhookBody.properties.events.items.enum).toContain("member.tier_changed");
  });
});
