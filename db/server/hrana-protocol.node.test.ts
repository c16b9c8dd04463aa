// The Hrana-over-HTTP wire protocol of the local libSQL server, spoken directly with fetch: the
// parts @libsql/client relies on (batons, stored SQL, batch conditions, error shapes) and the v3
// features it does not use by default (cursor, get_autocommit, is_autocommit).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLibsqlServer, type LibsqlServer } from "./server";

let dir: string;
let server: LibsqlServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "hrana-protocol-test-"));
  server = await startLibsqlServer({ file: join(dir, "proto.db") });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  contentType: string | null;
  body: any;
}

async function post(path: string, body: unknown): Promise<Reply> {
  const res = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const contentType = res.headers.get("content-type");
  const text = await res.text();
  return { status: res.status, contentType, body: contentType === "application/json" ? JSON.parse(text) : text };
}

const stmt = (sql: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  sql,
  want_rows: true,
  ...extra,
});
const execute = (sql: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: "execute",
  stmt: stmt(sql, extra),
});

/** POSTs a pipeline and expects HTTP 200. */
async function pipeline(
  baton: string | null,
  requests: unknown[],
  version = 2,
): Promise<{ baton: string | null; base_url: string | null; results: any[] }> {
  const reply = await post(`/v${version}/pipeline`, { baton, requests });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  expect(reply.contentType).toBe("application/json");
  return reply.body;
}

describe("Hrana over HTTP (JSON)", () => {
  it("executes a statement and describes the result as sqld does", async () => {
    const resp = await pipeline(null, [
      execute("SELECT 1 AS one, 2.5 AS two, 'x' AS three, NULL AS four, x'00ff10' AS five"),
      { type: "close" },
    ]);
    expect(resp.baton).toBeNull(); // closed by the last request
    expect(resp.base_url).toBeNull();
    expect(resp.results).toHaveLength(2);
    const [exec, close] = resp.results;
    expect(close).toEqual({ type: "ok", response: { type: "close" } });
    expect(exec.type).toBe("ok");
    expect(exec.response.type).toBe("execute");
    const result = exec.response.result;
    expect(result.cols).toEqual(["one", "two", "three", "four", "five"].map((name) => ({ name, decltype: null })));
    expect(result.rows).toEqual([
      [
        { type: "integer", value: "1" },
        { type: "float", value: 2.5 },
        { type: "text", value: "x" },
        { type: "null" },
        { type: "blob", base64: "AP8Q" },
      ],
    ]);
    expect(result.affected_row_count).toBe(0);
    expect(result.last_insert_rowid).toBeNull();
    expect(result.rows_read).toBe(1);
    expect(result.rows_written).toBe(0);
    expect(typeof result.query_duration_ms).toBe("number");
  });

  it("binds positional and named values of every type; integers are decimal strings", async () => {
    const args = [
      { type: "integer", value: "-9223372036854775808" },
      { type: "float", value: 0.25 },
      { type: "text", value: "☃" },
      { type: "blob", base64: "AQID" },
      { type: "null" },
    ];
    const resp = await pipeline(null, [
      execute("SELECT ?, ?, ?, ?, ?, typeof(?1), typeof(?2)", { args }),
      execute("SELECT :a || @b AS ab, $c AS c", {
        named_args: [
          { name: "a", value: { type: "text", value: "A" } },
          { name: "@b", value: { type: "text", value: "B" } },
          { name: "$c", value: { type: "integer", value: "7" } },
        ],
      }),
      execute("SELECT ?", { args: [{ type: "null" }], named_args: [{ name: "a", value: { type: "null" } }] }),
      { type: "close" },
    ]);
    expect(resp.results[0].response.result.rows[0]).toEqual([
      ...args,
      { type: "text", value: "integer" },
      { type: "text", value: "real" },
    ]);
    expect(resp.results[1].response.result.rows[0]).toEqual([
      { type: "text", value: "AB" },
      { type: "integer", value: "7" },
    ]);
    expect(resp.results[2]).toEqual({
      type: "error",
      error: {
        message: "Specifying both positional and named arguments is not supported",
        code: "ARGS_BOTH_POSITIONAL_AND_NAMED",
      },
    });
  });

  it("rotates the baton on every response and rejects reused, invalid and closed batons with 400 JSON", async () => {
    const first = await pipeline(null, [execute("SELECT 1")]);
    const b1 = first.baton as string;
    expect(typeof b1).toBe("string");
    expect(b1.length).toBeGreaterThan(30);
    const second = await pipeline(b1, [execute("SELECT 2")]);
    const b2 = second.baton as string;
    expect(b2).not.toBe(b1);

    const reused = await post("/v2/pipeline", { baton: b1, requests: [execute("SELECT 3")] });
    expect(reused.status).toBe(400);
    expect(reused.contentType).toBe("application/json");
    expect(reused.body).toEqual({ message: "Received a baton that has already been used", code: "BATON_REUSED" });

    // the stream survives a stale baton; the current one still works
    const third = await pipeline(b2, [execute("SELECT 4"), { type: "close" }]);
    expect(third.results[0].response.result.rows[0][0]).toEqual({ type: "integer", value: "4" });
    expect(third.baton).toBeNull();

    const closed = await post("/v2/pipeline", { baton: b2, requests: [execute("SELECT 5")] });
    expect(closed.status).toBe(400);
    expect(closed.body.code).toBe("BATON_INVALID");

    const bogus = await post("/v2/pipeline", { baton: "not-a-baton", requests: [execute("SELECT 1")] });
    expect(bogus.status).toBe(400);
    expect(bogus.body).toEqual({ message: "Received an invalid baton", code: "BATON_INVALID" });
  });

  it("rejects malformed requests with 400 and unknown endpoints with 404/405", async () => {
    const notJson = await post("/v2/pipeline", "{nope");
    expect(notJson.status).toBe(400);
    expect(notJson.body.code).toBe("JSON_DESERIALIZE");
    const badType = await post("/v2/pipeline", { baton: null, requests: [{ type: "frobnicate" }] });
    expect(badType.status).toBe(400);
    expect(badType.body.message).toContain("body.requests[0].type");
    const badInt = await post("/v2/pipeline", {
      baton: null,
      requests: [execute("SELECT ?", { args: [{ type: "integer", value: "9223372036854775808" }] })],
    });
    expect(badInt.status).toBe(400);
    expect((await post("/v2/cursor", { batch: { steps: [] } })).status).toBe(404);
    expect((await fetch(`${server.url}/v2/pipeline`)).status).toBe(405);
    const preflight = await fetch(`${server.url}/v2/pipeline`, { method: "OPTIONS" });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("reports statement errors in-band and keeps the stream", async () => {
    const resp = await pipeline(null, [
      execute("SELEC 1"),
      execute("SELECT 1; SELECT 2"),
      execute("SELECT 'still here'"),
    ]);
    expect(resp.results[0]).toEqual({
      type: "error",
      error: { message: 'SQL input error: near "SELEC": syntax error', code: "SQL_INPUT_ERROR" },
    });
    expect(resp.results[1].error.code).toBe("SQL_MANY_STATEMENTS");
    expect(resp.results[2].type).toBe("ok");
    expect(resp.baton).not.toBeNull();
    // SQLite errors: sqld's primary code, plus the extended code in a field clients ignore
    const constraint = await pipeline(resp.baton, [
      execute("CREATE TABLE uniq(v UNIQUE)"),
      execute("INSERT INTO uniq VALUES (1)"),
      execute("INSERT INTO uniq VALUES (1)"),
      { type: "close" },
    ]);
    expect(constraint.results[2]).toEqual({
      type: "error",
      error: {
        message: "SQLite error: UNIQUE constraint failed: uniq.v",
        code: "SQLITE_CONSTRAINT",
        extended_code: "SQLITE_CONSTRAINT_UNIQUE",
      },
    });
  });

  it("stores SQL texts per stream (store_sql, sql_id, close_sql) within sqld's limits", async () => {
    const one = await pipeline(null, [
      { type: "store_sql", sql_id: 1, sql: "SELECT ? * 2 AS doubled" },
      { type: "execute", stmt: { sql_id: 1, args: [{ type: "integer", value: "21" }], want_rows: true } },
      { type: "close_sql", sql_id: 1 },
    ]);
    expect(one.results.map((r) => r.type)).toEqual(["ok", "ok", "ok"]);
    expect(one.results[1].response.result.rows[0][0]).toEqual({ type: "integer", value: "42" });
    const gone = await post("/v2/pipeline", {
      baton: one.baton,
      requests: [{ type: "execute", stmt: { sql_id: 1, want_rows: true } }],
    });
    expect(gone.status).toBe(400);
    expect(gone.body.code).toBe("SQL_NOT_FOUND");

    const many = await pipeline(null, [
      ...Array.from({ length: 51 }, (_, i) => ({ type: "store_sql", sql_id: i, sql: `SELECT ${i}` })),
      { type: "close" },
    ]);
    expect(many.results[49].type).toBe("ok");
    expect(many.results[50].error.code).toBe("SQL_STORE_TOO_MANY");
    const large = await pipeline(null, [
      { type: "store_sql", sql_id: 1, sql: `SELECT '${"x".repeat(5000)}'` },
      { type: "close" },
    ]);
    expect(large.results[0].error.code).toBe("SQL_STORE_TOO_LARGE");
  });

  it("evaluates batch conditions: ok, error, not, and, or (a skipped step is neither ok nor error)", async () => {
    const steps = [
      { stmt: stmt("SELECT 0") }, // 0 ok
      { stmt: stmt("SELEC 1") }, // 1 error
      { condition: { type: "ok", step: 0 }, stmt: stmt("SELECT 2") }, // runs
      { condition: { type: "error", step: 1 }, stmt: stmt("SELECT 3") }, // runs
      { condition: { type: "ok", step: 1 }, stmt: stmt("SELECT 4") }, // skipped
      { condition: { type: "not", cond: { type: "ok", step: 1 } }, stmt: stmt("SELECT 5") }, // runs
      {
        condition: {
          type: "and",
          conds: [
            { type: "ok", step: 0 },
            { type: "error", step: 1 },
          ],
        },
        stmt: stmt("SELECT 6"),
      }, // runs
      {
        condition: {
          type: "or",
          conds: [
            { type: "ok", step: 1 },
            { type: "ok", step: 4 },
          ],
        },
        stmt: stmt("SELECT 7"),
      }, // skipped
      { condition: { type: "error", step: 4 }, stmt: stmt("SELECT 8") }, // skipped: step 4 did not run
      { condition: { type: "and", conds: [] }, stmt: stmt("SELECT 9") }, // runs
    ];
    const resp = await pipeline(null, [{ type: "batch", batch: { steps } }, { type: "close" }]);
    const result = resp.results[0].response.result;
    const ran = result.step_results.map((r: any) => (r === null ? null : Number(r.rows[0][0].value)));
    expect(ran).toEqual([0, null, 2, 3, null, 5, 6, null, null, 9]);
    expect(result.step_errors.map((e: any) => e?.code ?? null)).toEqual([
      null,
      "SQL_INPUT_ERROR",
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);

    const forward = await post("/v2/pipeline", {
      baton: null,
      requests: [{ type: "batch", batch: { steps: [{ condition: { type: "ok", step: 0 }, stmt: stmt("SELECT 1") }] } }],
    });
    expect(forward.status).toBe(400);
    expect(forward.body.code).toBe("BATCH_COND_BAD_STEP");
  });

  it("rolls back what a closed stream left open", async () => {
    await pipeline(null, [execute("CREATE TABLE closing(v)"), { type: "close" }]);
    const resp = await pipeline(null, [execute("BEGIN"), execute("INSERT INTO closing VALUES (1)"), { type: "close" }]);
    expect(resp.results.map((r) => r.type)).toEqual(["ok", "ok", "ok"]);
    const check = await pipeline(null, [execute("SELECT count(*) FROM closing"), { type: "close" }]);
    expect(check.results[0].response.result.rows[0][0]).toEqual({ type: "integer", value: "0" });
  });

  it("runs sequence and describe requests", async () => {
    const resp = await pipeline(null, [
      { type: "sequence", sql: "CREATE TABLE seq(a INTEGER PRIMARY KEY, b TEXT); INSERT INTO seq(b) VALUES ('x');" },
      { type: "describe", sql: "SELECT a, b AS bee FROM seq WHERE a = :a" },
      {
        type: "sequence",
        sql: "INSERT INTO seq(b) VALUES ('y'); INSERT INTO nowhere VALUES (1); INSERT INTO seq(b) VALUES ('z')",
      },
      execute("SELECT group_concat(b) FROM seq"),
      { type: "close" },
    ]);
    expect(resp.results[0]).toEqual({ type: "ok", response: { type: "sequence" } });
    expect(resp.results[1].response.result).toEqual({
      params: [{ name: ":a" }],
      cols: [
        { name: "a", decltype: "INTEGER" },
        { name: "bee", decltype: "TEXT" },
      ],
      is_explain: false,
      is_readonly: true,
    });
    expect(resp.results[2].error.code).toBe("SQL_INPUT_ERROR");
    expect(resp.results[3].response.result.rows[0][0]).toEqual({ type: "text", value: "x,y" });
  });

  it("supports get_autocommit and is_autocommit on v3 only", async () => {
    const v2 = await post("/v2/pipeline", { baton: null, requests: [{ type: "get_autocommit" }] });
    expect(v2.status).toBe(400);
    expect(v2.body.code).toBe("NOT_SUPPORTED");

    const resp = await pipeline(
      null,
      [
        { type: "get_autocommit" },
        {
          type: "batch",
          batch: {
            steps: [
              { stmt: stmt("BEGIN") },
              { condition: { type: "is_autocommit" }, stmt: stmt("SELECT 'autocommit'") },
              { condition: { type: "not", cond: { type: "is_autocommit" } }, stmt: stmt("SELECT 'in transaction'") },
            ],
          },
        },
        { type: "get_autocommit" },
        execute("ROLLBACK"),
        { type: "get_autocommit" },
        { type: "close" },
      ],
      3,
    );
    expect(resp.results[0].response).toEqual({ type: "get_autocommit", is_autocommit: true });
    const steps = resp.results[1].response.result.step_results;
    expect(steps[1]).toBeNull();
    expect(steps[2].rows[0][0]).toEqual({ type: "text", value: "in transaction" });
    expect(resp.results[2].response.is_autocommit).toBe(false);
    expect(resp.results[4].response.is_autocommit).toBe(true);
  });

  it("streams a v3 cursor as newline-delimited JSON entries", async () => {
    const res = await fetch(`${server.url}/v3/cursor`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        baton: null,
        batch: {
          steps: [
            { stmt: stmt("SELECT value AS v FROM json_each('[1,2,3]')") },
            { stmt: stmt("SELEC") },
            { condition: { type: "ok", step: 1 }, stmt: stmt("SELECT 'skipped'") },
            { stmt: stmt("CREATE TABLE cur(v)", { want_rows: false }) },
            { stmt: stmt("INSERT INTO cur VALUES (1), (2)", { want_rows: false }) },
          ],
        },
      }),
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.endsWith("\n")).toBe(true);
    const lines = text
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    const [head, ...entries] = lines;
    expect(head.base_url).toBeNull();
    expect(typeof head.baton).toBe("string");
    expect(entries).toEqual([
      { type: "step_begin", step: 0, cols: [{ name: "v", decltype: null }] },
      { type: "row", row: [{ type: "integer", value: "1" }] },
      { type: "row", row: [{ type: "integer", value: "2" }] },
      { type: "row", row: [{ type: "integer", value: "3" }] },
      { type: "step_end", affected_row_count: 0, last_insert_rowid: null },
      {
        type: "step_error",
        step: 1,
        error: { message: 'SQL input error: near "SELEC": syntax error', code: "SQL_INPUT_ERROR" },
      },
      { type: "step_begin", step: 3, cols: [] },
      { type: "step_end", affected_row_count: 0, last_insert_rowid: null },
      { type: "step_begin", step: 4, cols: [] },
      { type: "step_end", affected_row_count: 2, last_insert_rowid: "2" },
    ]);
    // The baton from the head continues the stream.
    const after = await pipeline(head.baton, [execute("SELECT count(*) FROM cur"), { type: "close" }], 3);
    expect(after.results[0].response.result.rows[0][0]).toEqual({ type: "integer", value: "2" });
  });
});
