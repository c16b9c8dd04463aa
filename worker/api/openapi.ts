// The Merchant API's OpenAPI 3.1 document, generated from the same zod schemas that validate the requests
// and type the answers (z.toJSONSchema: JSON Schema 2020-12, which OpenAPI 3.1 uses as is).
import { Hono } from "hono";
import { z } from "zod";
import { t } from "../../views/i18n";
import type { AppEnv } from "../app-env";
import { ERROR_CODES, type ErrorCode } from "../errors";
import {
  DeductBody,
  DeductResult,
  EarnBody,
  EarnResult,
  LedgerPage,
  LedgerQuery,
  MemberView,
  PutMemberBody,
  PutMemberResult,
  ReverseBody,
  ReverseResult,
  UidParams,
} from "./schemas";

type JsonSchema = Record<string, unknown>;
type Method = "get" | "put" | "post";

type Endpoint = {
  method: Method;
  path: string;
  summary: string;
  description?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  ok: { status: 200 | 201; description: string; schema: z.ZodType }[];
  errors: ErrorCode[];
};

const BODY_ERRORS = ["BAD_REQUEST", "VALIDATION_FAILED"] as const satisfies ErrorCode[];

export const ENDPOINTS: Endpoint[] = [
  {
    method: "put",
    path: "/api/v1/members/{uid}",
    summary: "Create or update a member",
    description: "Creates the member (granting the new-member bonus once) or updates the given profile fields.",
    params: UidParams,
    body: PutMemberBody,
    ok: [
      { status: 201, description: "Created.", schema: PutMemberResult },
      { status: 200, description: "Updated.", schema: PutMemberResult },
    ],
    errors: [...BODY_ERRORS, "UNAUTHORIZED"],
  },
  {
    method: "get",
    path: "/api/v1/members/{uid}",
    summary: "A member's balance, tier and expiring points",
    description: "Read from the member's wallet (exact, not a projection).",
    params: UidParams,
    ok: [{ status: 200, description: "The member.", schema: MemberView }],
    errors: ["VALIDATION_FAILED", "UNAUTHORIZED", "MEMBER_NOT_FOUND"],
  },
  {
    method: "post",
    path: "/api/v1/members/{uid}/points/earn",
    summary: "Credit points (a purchase or other earning)",
    description: "Creates the member if unknown. Idempotent on ref: the same ref again answers the first result and writes nothing.",
    params: UidParams,
    body: EarnBody,
    ok: [{ status: 200, description: "Credited (or the first result of this ref).", schema: EarnResult }],
    errors: [...BODY_ERRORS, "UNAUTHORIZED", "DAILY_CAP_REACHED", "REF_CONFLICT", "INVALID_AMOUNT"],
  },
  {
    method: "post",
    path: "/api/v1/members/{uid}/points/deduct",
    summary: "Take points away",
    description: "Earliest-expiring points first; refused (nothing written) if the balance is short. Idempotent on ref.",
    params: UidParams,
    body: DeductBody,
    ok: [{ status: 200, description: "Deducted (or the first result of this ref).", schema: DeductResult }],
    errors: [...BODY_ERRORS, "UNAUTHORIZED", "MEMBER_NOT_FOUND", "INSUFFICIENT_POINTS", "REF_CONFLICT", "INVALID_AMOUNT"],
  },
  {
    method: "post",
    path: "/api/v1/members/{uid}/points/reverse",
    summary: "Take back an earlier earning",
    description: "The earning's remaining points first, then other points, never below zero; the rest is the shortfall. Idempotent on ref.",
    params: UidParams,
    body: ReverseBody,
    ok: [{ status: 200, description: "Reversed (or the first result of this ref).", schema: ReverseResult }],
    errors: [...BODY_ERRORS, "UNAUTHORIZED", "MEMBER_NOT_FOUND", "EARN_NOT_FOUND", "REF_CONFLICT"],
  },
  {
    method: "get",
    path: "/api/v1/members/{uid}/ledger",
    summary: "A member's points history, newest first",
    params: UidParams,
    query: LedgerQuery,
    ok: [{ status: 200, description: "One page of entries.", schema: LedgerPage }],
    errors: ["VALIDATION_FAILED", "UNAUTHORIZED", "MEMBER_NOT_FOUND"],
  },
];

/** The error body with the codes one response can carry. */
function errorBody(codes: readonly [ErrorCode, ...ErrorCode[]]) {
  return z.object({ error: z.object({ code: z.enum(codes), message: z.string().describe("For people, in the mall's language.") }) });
}

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io }) as JsonSchema;
  return rest;
}

export function buildOpenApi(): JsonSchema {
  const components: Record<string, JsonSchema> = {};
  /** Named schemas (with a meta title) go to components and are referenced; others are inlined. */
  const ref = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
    const title = z.globalRegistry.get(schema)?.title;
    const json = jsonSchema(schema, io);
    if (!title) return json;
    components[title] = json;
    return { $ref: `#/components/schemas/${title}` };
  };
  const parameters = (obj: z.ZodObject | undefined, where: "path" | "query") => {
    if (!obj) return [];
    const json = jsonSchema(obj, "input") as { properties: Record<string, JsonSchema>; required?: string[] };
    return Object.entries(json.properties).map(([name, schema]) => {
      const { description, ...rest } = schema;
      return { name, in: where, required: where === "path" || (json.required ?? []).includes(name), description, schema: rest };
    });
  };

  const paths: Record<string, Record<string, unknown>> = {
    "/api/v1/openapi.json": {
      get: {
        operationId: "openapi",
        summary: "This document",
        security: [],
        responses: { "200": { description: "OpenAPI 3.1 document.", content: { "application/json": { schema: { type: "object" } } } } },
      },
    },
  };
  for (const e of ENDPOINTS) {
    const responses: Record<string, unknown> = {};
    for (const ok of e.ok) {
      responses[String(ok.status)] = { description: ok.description, content: { "application/json": { schema: ref(ok.schema, "output") } } };
    }
    const byStatus = new Map<number, ErrorCode[]>();
    for (const code of [...e.errors, "INTERNAL" as const]) {
      const status = ERROR_CODES[code].status;
      byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
    }
    for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
      responses[String(status)] = {
        description: codes.map((code) => `${code}: ${t(ERROR_CODES[code].message)}`).join("; "),
        ...(status === 401 ? { headers: { "WWW-Authenticate": { schema: { type: "string" }, description: "Bearer" } } } : {}),
        content: { "application/json": { schema: jsonSchema(errorBody(codes as [ErrorCode, ...ErrorCode[]]), "output") } },
      };
    }
    paths[e.path] ??= {};
    paths[e.path]![e.method] = {
      operationId: `${e.method}${e.path.replace(/^\/api\/v1/, "").replace(/\{(\w+)\}/g, "By-$1").replace(/[/-](\w)/g, (_, ch: string) => ch.toUpperCase())}`,
      summary: e.summary,
      ...(e.description ? { description: e.description } : {}),
      parameters: [...parameters(e.params, "path"), ...parameters(e.query, "query")],
      ...(e.body ? { requestBody: { required: true, content: { "application/json": { schema: ref(e.body, "input") } } } } : {}),
      responses,
    };
  }

  return {
    openapi: "3.1.0",
    info: {
      title: "Points Mall Merchant API",
      version: "1.0.0",
      description:
        "Members and their points, for the merchant's own servers. Every mutation takes a `ref` that makes it idempotent. " +
        'Errors are `{"error":{"code","message"}}` with status 400/401/404/409/422.',
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "The MERCHANT_API_TOKEN or an API key." } },
      schemas: { ...components, Error: jsonSchema(errorBody(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]), "output") },
    },
  };
}

let cached: string | undefined;

export const openapi = new Hono<AppEnv>().get("/openapi.json", (c) => {
  cached ??= JSON.stringify(buildOpenApi());
  return c.body(cached, 200, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300" });
});
