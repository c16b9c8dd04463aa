// GET /api/v1/openapi.json: generated from the schemas that validate, so it documents what the API does.
import { describe, expect, it } from "vitest";
import { BASE } from "./test-client";
import { SELF } from "cloudflare:test";

type Doc = {
  openapi: string;
  security: unknown[];
  paths: Record<string, Record<string, any>>;
  components: { securitySchemes: Record<string, any>; schemas: Record<string, any> };
};

async function doc(): Promise<Doc> {
  const res = await SELF.fetch(`${BASE}/api/v1/openapi.json`);
  expect(res.status).toBe(200);
  return (await res.json()) as Doc;
}

function resolve(d: Doc, schema: any): any {
  const ref = schema?.$ref as string | undefined;
  return ref ? d.components.schemas[ref.replace("#/components/schemas/", "")] : schema;
}

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 with a bearer security scheme applied to every member operation", async () => {
    const d = await doc();
    expect(d.openapi).toBe("3.1.0");
    expect(d.components.securitySchemes.bearer).toEqual(expect.objectContaining({ type: "http", scheme: "bearer" }));
    expect(d.security).toEqual([{ bearer: [] }]);
    expect(d.paths["/api/v1/openapi.json"]!.get.security).toEqual([]);
  });

  it("has every endpoint with its parameters, request body and responses", async () => {
    const d = await doc();
    const ops: [string, string][] = [
      ["/api/v1/members/{uid}", "put"],
      ["/api/v1/members/{uid}", "get"],
      ["/api/v1/members/{uid}/points/earn", "post"],
      ["/api/v1/members/{uid}/points/deduct", "post"],
      ["/api/v1/members/{uid}/points/reverse", "post"],
      ["/api/v1/members/{uid}/ledger", "get"],
    ];
    for (const [path, method] of ops) {
      const op = d.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op.operationId).toBeTruthy();
      const uid = op.parameters.find((p: any) => p.name === "uid");
      expect(uid).toMatchObject({
        in: "path",
        required: true,
        schema: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,63}$" },
      });
      expect(op.responses["401"].content["application/json"].schema.properties.error.properties.code.enum).toEqual([
        "UNAUTHORIZED",
      ]);
      expect(op.responses["422"].content["application/json"].schema.properties.error.properties.code.enum).toContain(
        "VALIDATION_FAILED",
      );
      const ok = op.responses["200"] ?? op.responses["201"];
      expect(resolve(d, ok.content["application/json"].schema).type).toBe("object");
    }
  });

  it("describes request bodies with the validating schemas' fields and rules", async () => {
    const d = await doc();
    const body = (path: string, method = "post") =>
      resolve(d, d.paths[path]![method].requestBody.content["application/json"].schema);

    const earn = body("/api/v1/members/{uid}/points/earn");
    expect(earn.required).toEqual(["ref", "reason"]);
    expect(earn.additionalProperties).toBe(false);
    expect(earn.oneOf).toEqual([{ required: ["points"] }, { required: ["amountFen"] }]);
    expect(earn.properties.ref).toMatchObject({
      type: "string",
      minLength: 1,
      maxLength: 100,
      pattern: "^[A-Za-z0-9_.:-]+$",
    });
    expect(earn.properties.reason).toMatchObject({ type: "string", minLength: 1, maxLength: 200 });
    expect(earn.properties.points).toMatchObject({ type: "integer", exclusiveMinimum: 0 });
    expect(earn.properties.source.enum).toEqual(["purchase", "task", "referral", "code", "other"]);

    expect(body("/api/v1/members/{uid}/points/deduct").required).toEqual(["ref", "reason", "points"]);
    expect(body("/api/v1/members/{uid}/points/reverse").required).toEqual(["ref", "reason", "earnRef"]);
    const put = body("/api/v1/members/{uid}", "put");
    expect(put.required ?? []).toEqual([]);
    expect(put.properties.nickname.maxLength).toBe(32);

    const ledger = d.paths["/api/v1/members/{uid}/ledger"]!.get;
    const limit = ledger.parameters.find((p: any) => p.name === "limit");
    expect(limit).toMatchObject({
      in: "query",
      required: false,
      schema: { type: "integer", minimum: 1, maximum: 100, default: 20 },
    });
  });

  it("lists each endpoint's error codes under their statuses", async () => {
    const d = await doc();
    const codes = (path: string, status: string) =>
      d.paths[path]!.post.responses[status].content["application/json"].schema.properties.error.properties.code.enum;
    expect(codes("/api/v1/members/{uid}/points/deduct", "409")).toEqual([
      "INSUFFICIENT_POINTS",
      "REF_CONFLICT",
      "REF_IN_PROGRESS",
    ]);
    expect(codes("/api/v1/members/{uid}/points/deduct", "404")).toEqual(["MEMBER_NOT_FOUND"]);
    expect(codes("/api/v1/members/{uid}/points/earn", "409")).toEqual([
      "DAILY_CAP_REACHED",
      "EARN_LIMIT_REACHED",
      "REF_CONFLICT",
      "REF_IN_PROGRESS",
    ]);
    expect(codes("/api/v1/members/{uid}/points/earn", "422")).toEqual([
      "VALIDATION_FAILED",
      "INVALID_AMOUNT",
      "EARN_TOO_LARGE",
      "REF_REUSED",
    ]);
    expect(codes("/api/v1/members/{uid}/points/reverse", "404")).toEqual(["MEMBER_NOT_FOUND", "EARN_NOT_FOUND"]);
    expect(d.components.schemas.Error.properties.error.required).toEqual(["code", "message"]);
  });

  it("has the item and order endpoints, with their bodies, parameters and codes", async () => {
    const d = await doc();
    const ops: [string, string, string[]][] = [
      ["/api/v1/items", "post", []],
      ["/api/v1/items/{id}", "get", ["id"]],
      ["/api/v1/items/{id}/shards", "get", ["id"]],
      ["/api/v1/items/{id}", "patch", ["id"]],
      ["/api/v1/items/{id}/stock", "post", ["id"]],
      ["/api/v1/items/{id}/codes", "post", ["id"]],
      ["/api/v1/orders", "get", []],
      ["/api/v1/orders/{id}", "get", ["id"]],
      ["/api/v1/orders/{id}/ship", "post", ["id"]],
      ["/api/v1/orders/{id}/cancel", "post", ["id"]],
    ];
    const operationIds = new Set<string>();
    for (const [path, method, pathParams] of ops) {
      const op = d.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      operationIds.add(op.operationId);
      expect(op.parameters.filter((p: any) => p.in === "path").map((p: any) => p.name)).toEqual(pathParams);
      expect(op.responses["401"].content["application/json"].schema.properties.error.properties.code.enum).toEqual([
        "UNAUTHORIZED",
      ]);
      const ok = op.responses["200"] ?? op.responses["201"];
      expect(resolve(d, ok.content["application/json"].schema).type).toBe("object");
    }
    expect(operationIds.size).toBe(ops.length);

    const body = (path: string, method = "post") =>
      resolve(d, d.paths[path]![method].requestBody.content["application/json"].schema);
    const create = body("/api/v1/items");
    expect(create.required).toEqual(["sku", "name", "type", "points", "stock"]);
    expect(create.additionalProperties).toBe(false);
    expect(create.properties.type.enum).toEqual(["physical", "coupon", "virtual"]);
    expect(create.properties.saleStartsAt).toMatchObject({ type: "string", format: "date-time" });
    expect(create.properties.images.items).toBeDefined();
    const patch = body("/api/v1/items/{id}", "patch");
    expect(patch.required ?? []).toEqual(["ref"]);
    expect(patch.properties.onShelf.type).toBe("boolean");
    expect(patch.properties.stock).toBeUndefined();
    expect(patch.properties.sku).toBeUndefined();
    expect(body("/api/v1/items/{id}/stock").required).toEqual(["ref", "delta"]);
    expect(body("/api/v1/items/{id}/codes").properties.codes).toMatchObject({
      type: "array",
      minItems: 1,
      maxItems: 5000,
    });
    expect(body("/api/v1/orders/{id}/ship").required).toEqual(["ref", "carrier", "trackingNo"]);
    expect(body("/api/v1/orders/{id}/cancel").required).toEqual(["ref", "reason"]);

    const list = d.paths["/api/v1/orders"]!.get;
    expect(list.parameters.map((p: any) => p.name).sort()).toEqual([
      "cursor",
      "itemId",
      "limit",
      "since",
      "status",
      "uid",
    ]);
    expect(list.parameters.find((p: any) => p.name === "status").schema.enum).toEqual([
      "awaiting_payment",
      "placed",
      "shipped",
      "completed",
      "fulfilled",
      "cancelled",
    ]);
    const item = resolve(d, d.paths["/api/v1/items/{id}"]!.get.responses["200"].content["application/json"].schema);
    expect(item.properties.stock.$ref ?? item.properties.stock.type).toBeTruthy();

    const codes = (path: string, method: string, status: string) =>
      d.paths[path]![method].responses[status].content["application/json"].schema.properties.error.properties.code.enum;
    expect(codes("/api/v1/items", "post", "409")).toEqual(["SKU_TAKEN", "REF_IN_PROGRESS"]);
    expect(codes("/api/v1/items/{id}/stock", "post", "409")).toEqual([
      "STOCK_BELOW_ZERO",
      "REF_CONFLICT",
      "REF_IN_PROGRESS",
    ]);
    expect(codes("/api/v1/items/{id}/codes", "post", "409")).toEqual(["NOT_COUPON_ITEM", "REF_IN_PROGRESS"]);
    expect(codes("/api/v1/orders/{id}/ship", "post", "404")).toEqual(["ORDER_NOT_FOUND"]);
    expect(codes("/api/v1/orders/{id}/ship", "post", "409")).toEqual(["NOT_SHIPPABLE", "REF_IN_PROGRESS"]);
    expect(codes("/api/v1/orders/{id}/cancel", "post", "409")).toEqual(["NOT_CANCELLABLE", "REF_IN_PROGRESS"]);
  });

  it("has the redeem-code batch endpoints", async () => {
    const d = await doc();
    const create = d.paths["/api/v1/code-batches"]?.post;
    expect(create).toBeDefined();
    const body = resolve(d, create.requestBody.content["application/json"].schema);
    expect(body.required).toEqual(expect.arrayContaining(["ref", "name", "points", "count"]));
    expect(Object.keys(body.properties)).toEqual(
      expect.arrayContaining(["ref", "name", "points", "count", "expiresAt", "perMemberLimit"]),
    );
    expect(body.properties.count).toMatchObject({ minimum: 1, maximum: 10000 });
    expect(create.responses["201"]).toBeDefined();
    expect(create.responses["409"].content["application/json"].schema.properties.error.properties.code.enum).toContain(
      "REF_CONFLICT",
    );
    const get = d.paths["/api/v1/code-batches/{id}"]?.get;
    expect(get.responses["404"].content["application/json"].schema.properties.error.properties.code.enum).toEqual([
      "CODE_BATCH_NOT_FOUND",
    ]);
  });
});
