// Hrana-over-HTTP JSON message shapes (protocol versions 2 and 3), as sent by
// `@libsql/hrana-client` (http/json_encode.js, shared/json_encode.js) and read back by its decoders
// (http/json_decode.js, shared/json_decode.js), plus strict decoders for the requests.
//
// Field names are snake_case on the wire. 64-bit integers travel as decimal strings.

import { ProtocolError } from "./errors";

export type ProtoValue =
  | { type: "null" }
  | { type: "integer"; value: string }
  | { type: "float"; value: number }
  | { type: "text"; value: string }
  | { type: "blob"; base64: string };

export interface ProtoNamedArg {
  name: string;
  value: ProtoValue;
}

export interface ProtoStmt {
  sql?: string;
  sql_id?: number;
  args: ProtoValue[];
  named_args: ProtoNamedArg[];
  want_rows: boolean;
}

export type ProtoBatchCond =
  | { type: "ok"; step: number }
  | { type: "error"; step: number }
  | { type: "not"; cond: ProtoBatchCond }
  | { type: "and"; conds: ProtoBatchCond[] }
  | { type: "or"; conds: ProtoBatchCond[] }
  | { type: "is_autocommit" };

export interface ProtoBatchStep {
  condition?: ProtoBatchCond;
  stmt: ProtoStmt;
}

export interface ProtoBatch {
  steps: ProtoBatchStep[];
}

export type StreamRequest =
  | { type: "close" }
  | { type: "execute"; stmt: ProtoStmt }
  | { type: "batch"; batch: ProtoBatch }
  | { type: "sequence"; sql?: string; sql_id?: number }
  | { type: "describe"; sql?: string; sql_id?: number }
  | { type: "store_sql"; sql_id: number; sql: string }
  | { type: "close_sql"; sql_id: number }
  | { type: "get_autocommit" };

export interface PipelineReqBody {
  baton: string | null;
  requests: StreamRequest[];
}

export interface CursorReqBody {
  baton: string | null;
  batch: ProtoBatch;
}

// ---- responses ----

/** A Hrana error. `code` is what `@libsql/client` exposes as `LibsqlError.code`. */
export interface ProtoError {
  message: string;
  code: string;
  /** Not part of Hrana (clients ignore it); the SQLite extended result code, for humans reading logs. */
  extended_code?: string;
}

export interface ProtoCol {
  name: string | null;
  decltype: string | null;
}

export interface StmtResult {
  cols: ProtoCol[];
  rows: ProtoValue[][];
  affected_row_count: number;
  last_insert_rowid: string | null;
  rows_read: number;
  rows_written: number;
  query_duration_ms: number;
}

export interface BatchResult {
  step_results: (StmtResult | null)[];
  step_errors: (ProtoError | null)[];
}

export interface DescribeResult {
  params: { name: string | null }[];
  cols: { name: string; decltype: string | null }[];
  is_explain: boolean;
  is_readonly: boolean;
}

export type StreamResponse =
  | { type: "close" }
  | { type: "execute"; result: StmtResult }
  | { type: "batch"; result: BatchResult }
  | { type: "sequence" }
  | { type: "describe"; result: DescribeResult }
  | { type: "store_sql" }
  | { type: "close_sql" }
  | { type: "get_autocommit"; is_autocommit: boolean };

export type StreamResult = { type: "ok"; response: StreamResponse } | { type: "error"; error: ProtoError };

export interface PipelineRespBody {
  baton: string | null;
  base_url: string | null;
  results: StreamResult[];
}

export interface CursorRespBody {
  baton: string | null;
  base_url: string | null;
}

export type CursorEntry =
  | { type: "step_begin"; step: number; cols: ProtoCol[] }
  | { type: "step_end"; affected_row_count: number; last_insert_rowid: string | null }
  | { type: "step_error"; step: number; error: ProtoError }
  | { type: "row"; row: ProtoValue[] }
  | { type: "error"; error: ProtoError };

// ---- request decoding ----
// Malformed requests are protocol errors (HTTP 400), as in sqld: a correct client never sends them.

type Json = Record<string, unknown>;

function fail(path: string, expected: string): never {
  throw new ProtocolError(`Invalid request: expected ${expected} at ${path}`, "JSON_DESERIALIZE");
}

function obj(v: unknown, path: string): Json {
  if (typeof v !== "object" || v === null || Array.isArray(v)) fail(path, "an object");
  return v as Json;
}

function arr(v: unknown, path: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) fail(path, "an array");
  return v;
}

function str(v: unknown, path: string): string {
  if (typeof v !== "string") fail(path, "a string");
  return v;
}

function optStr(v: unknown, path: string): string | undefined {
  return v === undefined || v === null ? undefined : str(v, path);
}

function int(v: unknown, path: string): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v)) fail(path, "an integer");
  return v;
}

function optInt(v: unknown, path: string): number | undefined {
  return v === undefined || v === null ? undefined : int(v, path);
}

function decodeValue(v: unknown, path: string): ProtoValue {
  const o = obj(v, path);
  switch (o["type"]) {
    case "null":
      return { type: "null" };
    case "integer": {
      // Decimal string (the client's encoding); accept a JSON integer too, for hand-written requests.
      const raw = typeof o["value"] === "number" && Number.isSafeInteger(o["value"]) ? String(o["value"]) : o["value"];
      const value = str(raw, `${path}.value`);
      if (!/^[+-]?\d{1,19}$/.test(value)) fail(`${path}.value`, "a 64-bit decimal integer string");
      const big = BigInt(value);
      if (big < -(2n ** 63n) || big >= 2n ** 63n) fail(`${path}.value`, "a 64-bit decimal integer string");
      return { type: "integer", value: big.toString() };
    }
    case "float": {
      const value = o["value"];
      if (typeof value !== "number") fail(`${path}.value`, "a number");
      return { type: "float", value };
    }
    case "text":
      return { type: "text", value: str(o["value"], `${path}.value`) };
    case "blob":
      return { type: "blob", base64: str(o["base64"], `${path}.base64`) };
    default:
      return fail(`${path}.type`, '"null", "integer", "float", "text" or "blob"');
  }
}

function decodeStmt(v: unknown, path: string): ProtoStmt {
  const o = obj(v, path);
  const stmt: ProtoStmt = {
    args: arr(o["args"], `${path}.args`).map((a, i) => decodeValue(a, `${path}.args[${i}]`)),
    named_args: arr(o["named_args"], `${path}.named_args`).map((a, i) => {
      const na = obj(a, `${path}.named_args[${i}]`);
      return {
        name: str(na["name"], `${path}.named_args[${i}].name`),
        value: decodeValue(na["value"], `${path}.named_args[${i}].value`),
      };
    }),
    // sqld defaults `want_rows` to true when absent.
    want_rows: o["want_rows"] === undefined || o["want_rows"] === null ? true : o["want_rows"] === true,
  };
  const sql = optStr(o["sql"], `${path}.sql`);
  const sqlId = optInt(o["sql_id"], `${path}.sql_id`);
  if (sql !== undefined) stmt.sql = sql;
  if (sqlId !== undefined) stmt.sql_id = sqlId;
  return stmt;
}

function decodeCond(v: unknown, path: string): ProtoBatchCond {
  const o = obj(v, path);
  switch (o["type"]) {
    case "ok":
    case "error":
      return { type: o["type"], step: int(o["step"], `${path}.step`) };
    case "not":
      return { type: "not", cond: decodeCond(o["cond"], `${path}.cond`) };
    case "and":
    case "or":
      return {
        type: o["type"],
        conds: arr(o["conds"], `${path}.conds`).map((c, i) => decodeCond(c, `${path}.conds[${i}]`)),
      };
    case "is_autocommit":
      return { type: "is_autocommit" };
    default:
      return fail(`${path}.type`, "a batch condition type");
  }
}

export function decodeBatch(v: unknown, path: string): ProtoBatch {
  const o = obj(v, path);
  return {
    steps: arr(o["steps"], `${path}.steps`).map((s, i) => {
      const so = obj(s, `${path}.steps[${i}]`);
      const step: ProtoBatchStep = { stmt: decodeStmt(so["stmt"], `${path}.steps[${i}].stmt`) };
      if (so["condition"] !== undefined && so["condition"] !== null) {
        step.condition = decodeCond(so["condition"], `${path}.steps[${i}].condition`);
      }
      return step;
    }),
  };
}

function decodeSqlRef(o: Json, path: string): { sql?: string; sql_id?: number } {
  const out: { sql?: string; sql_id?: number } = {};
  const sql = optStr(o["sql"], `${path}.sql`);
  const sqlId = optInt(o["sql_id"], `${path}.sql_id`);
  if (sql !== undefined) out.sql = sql;
  if (sqlId !== undefined) out.sql_id = sqlId;
  return out;
}

function decodeRequest(v: unknown, path: string): StreamRequest {
  const o = obj(v, path);
  switch (o["type"]) {
    case "close":
      return { type: "close" };
    case "execute":
      return { type: "execute", stmt: decodeStmt(o["stmt"], `${path}.stmt`) };
    case "batch":
      return { type: "batch", batch: decodeBatch(o["batch"], `${path}.batch`) };
    case "sequence":
      return { type: "sequence", ...decodeSqlRef(o, path) };
    case "describe":
      return { type: "describe", ...decodeSqlRef(o, path) };
    case "store_sql":
      return { type: "store_sql", sql_id: int(o["sql_id"], `${path}.sql_id`), sql: str(o["sql"], `${path}.sql`) };
    case "close_sql":
      return { type: "close_sql", sql_id: int(o["sql_id"], `${path}.sql_id`) };
    case "get_autocommit":
      return { type: "get_autocommit" };
    default:
      return fail(`${path}.type`, "a stream request type");
  }
}

export function decodePipelineReq(v: unknown): PipelineReqBody {
  const o = obj(v, "body");
  return {
    baton: optStr(o["baton"], "body.baton") ?? null,
    requests: arr(o["requests"], "body.requests").map((r, i) => decodeRequest(r, `body.requests[${i}]`)),
  };
}

export function decodeCursorReq(v: unknown): CursorReqBody {
  const o = obj(v, "body");
  return {
    baton: optStr(o["baton"], "body.baton") ?? null,
    batch: decodeBatch(o["batch"], "body.batch"),
  };
}
