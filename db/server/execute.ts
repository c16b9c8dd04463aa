// Execution of single statements on a stream's connection: `execute`, `sequence` and `describe`
// requests, and each step of a batch.

import { retryWhileBusy, type BusyRetryOptions } from "./busy-wait";
import type { BindArgs, Connection } from "./connection";
import { HranaError, HttpError, ProtocolError, toHranaError } from "./errors";
import type { DescribeResult, ProtoStmt, StmtResult } from "./protocol";
import { analyzeStatement, splitStatements, type StatementInfo } from "./sql-text";
import { valueFromProto, valueToProto, type SqlValue } from "./values";

/** What a request needs from its stream. */
export interface ExecContext {
  conn: Connection;
  /** SQL texts stored with `store_sql`, by id. */
  sqls: ReadonlyMap<number, string>;
  busy: BusyRetryOptions;
}

/** Resolves the `sql` / `sql_id` pair of a request (exactly one must be given). */
export function resolveSql(
  sql: string | undefined,
  sqlId: number | undefined,
  sqls: ReadonlyMap<number, string>,
): string {
  if (sql !== undefined && sqlId !== undefined)
    throw new ProtocolError("Either `sql` or `sql_id` are required, but not both", "SQL_ID_AND_SQL_GIVEN");
  if (sql !== undefined) return sql;
  if (sqlId === undefined) throw new ProtocolError("Either `sql` or `sql_id` are required", "SQL_ID_OR_SQL_NOT_GIVEN");
  const stored = sqls.get(sqlId);
  if (stored === undefined) throw new ProtocolError(`SQL text ${sqlId} not found`, "SQL_NOT_FOUND");
  return stored;
}

// Analysis is pure, and clients repeat the same statements: remember recent ones.
const analyzed = new Map<string, StatementInfo>();
const ANALYZED_CACHE_SIZE = 512;

/** The analysis of a text that must hold exactly one statement (sqld rejects anything else). */
function singleStatement(sql: string): StatementInfo {
  const hit = analyzed.get(sql);
  if (hit !== undefined) return hit;
  const parts = splitStatements(sql);
  if (parts.length === 0) throw new HranaError("SQL string does not contain any statement", "SQL_NO_STATEMENT");
  if (parts.length > 1) throw new HranaError("SQL string contains more than one statement", "SQL_MANY_STATEMENTS");
  const info = analyzeStatement(parts[0] as string);
  analyzed.set(sql, info);
  if (analyzed.size > ANALYZED_CACHE_SIZE) {
    const oldest = analyzed.keys().next().value;
    if (oldest !== undefined) analyzed.delete(oldest);
  }
  return info;
}

function bindArgs(stmt: ProtoStmt, info: StatementInfo): BindArgs {
  if (stmt.args.length > 0 && stmt.named_args.length > 0) {
    throw new HranaError(
      "Specifying both positional and named arguments is not supported",
      "ARGS_BOTH_POSITIONAL_AND_NAMED",
    );
  }
  if (stmt.named_args.length > 0) {
    // Clients may send names with or without the prefix (`:a` or `a`); the driver binds a bare
    // name to whichever of `:a`, `@a`, `$a` the statement uses.
    const named: Record<string, SqlValue> = {};
    for (const { name, value } of stmt.named_args) named[name.replace(/^[:@$]/, "")] = valueFromProto(value);
    return named;
  }
  // The driver ignores surplus arguments silently; sqld rejects them. Missing ones are NULL in both.
  if (stmt.args.length > info.params.length) {
    throw new HranaError(
      `Arguments do not match SQL parameters: the statement has ${info.params.length} parameter(s) but ${stmt.args.length} argument(s) were given`,
      "ARGS_INVALID",
    );
  }
  return stmt.args.map(valueFromProto);
}

/** Runs one statement with busy retries; driver errors become `HranaError`s. */
async function runStatement(
  ctx: ExecContext,
  sql: string,
  info: StatementInfo,
  args: BindArgs,
  wantRows: boolean,
): Promise<StmtResult> {
  const started = performance.now();
  try {
    const out = await retryWhileBusy(() => ctx.conn.run(sql, info, args, wantRows), ctx.busy);
    return {
      cols: out.cols,
      rows: out.rows.map((row) => row.map(valueToProto)),
      affected_row_count: out.affectedRowCount,
      last_insert_rowid: out.lastInsertRowid === null ? null : out.lastInsertRowid.toString(),
      // The driver does not expose sqlite3_stmt_status(); these are approximations (rows returned,
      // rows changed), good enough for a development server.
      rows_read: out.rows.length,
      rows_written: out.affectedRowCount,
      query_duration_ms: performance.now() - started,
    };
  } catch (e) {
    if (e instanceof HttpError) throw e;
    throw toHranaError(e);
  }
}

/** The `execute` request, and each step of a batch. */
export async function executeStmt(ctx: ExecContext, stmt: ProtoStmt): Promise<StmtResult> {
  const sql = resolveSql(stmt.sql, stmt.sql_id, ctx.sqls);
  const info = singleStatement(sql);
  return runStatement(ctx, sql, info, bindArgs(stmt, info), stmt.want_rows);
}

/** The `sequence` request: every statement of a script, in order, stopping at the first error. */
export async function executeSequence(ctx: ExecContext, sql: string): Promise<void> {
  for (const part of splitStatements(sql)) {
    await runStatement(ctx, part, analyzeStatement(part), [], false);
  }
}

/** The `describe` request. */
export async function describeSql(ctx: ExecContext, sql: string): Promise<DescribeResult> {
  const info = singleStatement(sql);
  try {
    const out = await retryWhileBusy(() => ctx.conn.describe(sql, info), ctx.busy);
    return {
      params: info.params.map((name) => ({ name })),
      cols: out.cols.map((c) => ({ name: c.name ?? "", decltype: c.decltype })),
      is_explain: info.isExplain,
      is_readonly: out.isReadonly,
    };
  } catch (e) {
    if (e instanceof HttpError) throw e;
    throw toHranaError(e);
  }
}
