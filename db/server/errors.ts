// Error kinds of the Hrana server and the mapping of SQLite errors to Hrana error codes.
//
// Two levels, as in sqld:
//  - `HranaError`: an error of one request or batch step (a failing statement, bad arguments...).
//    It is reported inside a 200 response as `{"type":"error","error":{"message","code"}}`, and the
//    stream stays usable. `@libsql/client` turns it into `LibsqlError` with `code` = our `code`.
//  - `HttpError` / `ProtocolError`: the whole HTTP request fails (bad JSON, unknown/reused baton,
//    expired stream...). Answered with a 4xx status and `{"message","code"}` as `application/json`;
//    the client then closes the stream and raises `LibsqlError` with that `code`.

/** An error of a single stream request (or batch step), reported in-band. */
export class HranaError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly extendedCode?: string,
  ) {
    super(message);
    this.name = "HranaError";
  }
}

/** An error that fails the whole HTTP request with `status`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/** A request a correct client would never send; HTTP 400. */
export class ProtocolError extends HttpError {
  constructor(message: string, code: string) {
    super(400, message, code);
    this.name = "ProtocolError";
  }
}

/** The shape thrown by the `libsql` driver (its `SqliteError`): `code` is the extended code name. */
export interface SqliteErrorLike {
  message: string;
  code: string;
  rawCode?: number;
}

export function isSqliteError(e: unknown): e is SqliteErrorLike {
  const code = e instanceof Error ? (e as { code?: unknown }).code : undefined;
  return typeof code === "string" && code.startsWith("SQLITE_");
}

/**
 * A failure from the driver, tagged with the phase it happened in: compiling the statement
 * (`prepare`) or running it (`execute`). sqld reports compile errors as `SQL_INPUT_ERROR`.
 */
export class StatementFailure extends Error {
  constructor(
    readonly cause: unknown,
    readonly phase: "prepare" | "execute",
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = "StatementFailure";
  }
}

// Primary result code names, indexed by `rawCode & 0xff`. sqld's `code` is always one of these
// (it maps rusqlite's primary `ErrorCode`), never an extended name such as SQLITE_CONSTRAINT_UNIQUE.
const PRIMARY_CODES: Record<number, string> = {
  1: "SQLITE_ERROR",
  2: "SQLITE_INTERNAL",
  3: "SQLITE_PERM",
  4: "SQLITE_ABORT",
  5: "SQLITE_BUSY",
  6: "SQLITE_LOCKED",
  7: "SQLITE_NOMEM",
  8: "SQLITE_READONLY",
  9: "SQLITE_INTERRUPT",
  10: "SQLITE_IOERR",
  11: "SQLITE_CORRUPT",
  12: "SQLITE_NOTFOUND",
  13: "SQLITE_FULL",
  14: "SQLITE_CANTOPEN",
  15: "SQLITE_PROTOCOL",
  17: "SQLITE_SCHEMA",
  18: "SQLITE_TOOBIG",
  19: "SQLITE_CONSTRAINT",
  20: "SQLITE_MISMATCH",
  21: "SQLITE_MISUSE",
  22: "SQLITE_NOLFS",
  23: "SQLITE_AUTH",
  25: "SQLITE_RANGE",
  26: "SQLITE_NOTADB",
};

function primaryCode(e: SqliteErrorLike): string {
  if (e.rawCode !== undefined) return PRIMARY_CODES[e.rawCode & 0xff] ?? "SQLITE_UNKNOWN";
  // No raw code: strip the extended suffix from the name (SQLITE_CONSTRAINT_UNIQUE -> SQLITE_CONSTRAINT).
  return Object.values(PRIMARY_CODES).find((p) => e.code === p || e.code.startsWith(`${p}_`)) ?? "SQLITE_UNKNOWN";
}

const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
const SQLITE_BUSY_SNAPSHOT = 5 | (2 << 8);

/**
 * Whether the failure is lock contention that may go away if we try again later: SQLITE_BUSY or
 * SQLITE_LOCKED, but not SQLITE_BUSY_SNAPSHOT (a deferred transaction whose read snapshot is stale can
 * never upgrade to a write; it must roll back) and not "SQL statements in progress" (also reported as
 * SQLITE_BUSY by COMMIT, but it is about this connection, not about another one).
 */
export function isBusy(e: unknown): boolean {
  const err = e instanceof StatementFailure ? e.cause : e;
  if (!isSqliteError(err)) return false;
  const raw =
    err.rawCode ?? (err.code === "SQLITE_BUSY" ? SQLITE_BUSY : err.code === "SQLITE_LOCKED" ? SQLITE_LOCKED : 0);
  if (raw === SQLITE_BUSY_SNAPSHOT) return false;
  if (/statements in progress/i.test(err.message)) return false;
  const primary = raw & 0xff;
  return primary === SQLITE_BUSY || primary === SQLITE_LOCKED;
}

/**
 * Converts a driver error into the Hrana error sqld would send:
 *  - compile errors (`prepare` failing with plain SQLITE_ERROR: syntax errors, unknown tables or
 *    columns) -> `SQL_INPUT_ERROR`, "SQL input error: ...";
 *  - everything else -> the primary code name, "SQLite error: ..." (e.g. a UNIQUE violation is
 *    `SQLITE_CONSTRAINT` with message "SQLite error: UNIQUE constraint failed: t.col").
 * A more specific extended code name (SQLITE_CONSTRAINT_UNIQUE) is kept in `extendedCode` (sent as
 * the non-standard `extended_code` field, which clients ignore).
 */
export function toHranaError(e: unknown): HranaError {
  if (e instanceof HranaError) return e;
  const phase = e instanceof StatementFailure ? e.phase : "execute";
  const err = e instanceof StatementFailure ? e.cause : e;
  if (isSqliteError(err)) {
    const code = primaryCode(err);
    if (phase === "prepare" && code === "SQLITE_ERROR") {
      return new HranaError(`SQL input error: ${err.message}`, "SQL_INPUT_ERROR");
    }
    return new HranaError(`SQLite error: ${err.message}`, code, err.code === code ? undefined : err.code);
  }
  // The driver throws plain errors for values it cannot bind, for example.
  const message = err instanceof Error ? err.message : String(err);
  return new HranaError(`SQLite error: ${message}`, "SQLITE_UNKNOWN");
}
