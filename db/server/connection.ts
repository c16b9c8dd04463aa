// One SQLite connection (the `libsql` driver: the real libSQL engine) to the database file, with the
// settings every connection of the server shares and the statement execution details.
//
// All methods are synchronous driver calls. Lock contention surfaces as SQLITE_BUSY immediately
// (busy_timeout=0) and is retried by the caller without blocking the event loop (see busy-wait.ts).

import Database from "libsql";
import { StatementFailure } from "./errors";
import type { ProtoCol } from "./protocol";
import type { StatementInfo } from "./sql-text";

type Statement = Database.Statement;
export type BindArgs = unknown[] | Record<string, unknown>;

export interface RunOutcome {
  cols: ProtoCol[];
  rows: unknown[][];
  affectedRowCount: number;
  lastInsertRowid: bigint | null;
}

export interface DescribeOutcome {
  cols: ProtoCol[];
  isReadonly: boolean;
}

/** Prepared statements kept per connection (most recently used). */
const STATEMENT_CACHE_SIZE = 64;

export class Connection {
  readonly #db: Database.Database;
  readonly #cache = new Map<string, Statement>();
  readonly #onAutocommit: () => void;
  #info: Statement | undefined;
  /** A `BEGIN ... READONLY` transaction is open and we turned on `query_only` for it. */
  #readonlyTxn = false;
  #closed = false;

  /**
   * Opens a connection. `onAutocommit` is called whenever this connection may have released a lock
   * (see #afterStatement).
   */
  constructor(file: string, onAutocommit: () => void) {
    this.#db = new Database(file, { timeout: 0 });
    this.#onAutocommit = onAutocommit;
    // Per-connection settings. journal_mode=WAL is persistent in the file and set once by the pool.
    this.#db.exec("PRAGMA busy_timeout = 0");
    this.#db.exec("PRAGMA synchronous = NORMAL");
    this.#db.exec("PRAGMA foreign_keys = ON");
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** True outside an explicit transaction. */
  isAutocommit(): boolean {
    return this.#closed || !this.#db.inTransaction;
  }

  /** Runs a statement that is not part of the Hrana traffic (PRAGMAs, ROLLBACK). */
  exec(sql: string): void {
    this.#checkOpen();
    this.#db.exec(sql);
  }

  // Touching a closed driver connection can abort the process, so refuse early (this happens only if
  // the server is shut down while a request is still running).
  #checkOpen(): void {
    if (this.#closed) throw new Error("The database connection is closed (the server is shutting down)");
  }

  /**
   * Executes one statement. Throws `StatementFailure` (tagged `prepare` or `execute`) on errors.
   *
   * Mirrors sqld: rows are returned only if `wantRows`; `affectedRowCount` is `changes()` for
   * INSERT/UPDATE/DELETE and 0 otherwise (SQLite does not reset `changes()` on SELECT);
   * `lastInsertRowid` is reported only for INSERT.
   */
  run(sql: string, info: StatementInfo, args: BindArgs, wantRows: boolean): RunOutcome {
    this.#checkOpen();
    let stmt: Statement;
    try {
      // EXPLAIN statements are not cached: see the reset below.
      stmt = this.#prepare(sql, !info.isExplain);
    } catch (e) {
      throw new StatementFailure(e, "prepare");
    }
    const wasInTxn = this.#db.inTransaction;
    let succeeded = false;
    try {
      let cols: ProtoCol[] = [];
      let rows: unknown[][] = [];
      if (stmt.reader) {
        cols = stmt.columns().map((c) => ({ name: c.name, decltype: c.type ?? null }));
        rows = stmt.all(args) as unknown[][];
        // An EXPLAIN listing is never "halted", so SQLite keeps counting it as an active (write)
        // statement until it is reset, and a later COMMIT on this connection would fail with
        // "cannot commit transaction - SQL statements in progress". The driver has no reset(),
        // but get() resets the statement after reading its first row (harmless for EXPLAIN).
        if (info.isExplain) stmt.get(args);
        if (!wantRows) rows = [];
      } else {
        stmt.run(args);
      }
      let affectedRowCount = 0;
      let lastInsertRowid: bigint | null = null;
      if (info.verb === "INSERT" || info.verb === "UPDATE" || info.verb === "DELETE") {
        // The driver's run() reports lastInsertRowid as a (lossy) JS number, and nothing at all for
        // INSERT ... RETURNING, so ask SQLite directly.
        const [changes, rowid] = this.#changesAndRowid();
        affectedRowCount = Number(changes);
        if (info.verb === "INSERT") lastInsertRowid = rowid;
      }
      if (info.isBeginReadonly) this.#enterReadonlyTxn();
      succeeded = true;
      return { cols, rows, affectedRowCount, lastInsertRowid };
    } catch (e) {
      throw new StatementFailure(e, "execute");
    } finally {
      this.#afterStatement(wasInTxn, succeeded);
    }
  }

  /** Column names/decltypes and read-only-ness of a statement, without running it. */
  describe(sql: string, info: StatementInfo): DescribeOutcome {
    this.#checkOpen();
    let stmt: Statement;
    try {
      stmt = this.#prepare(sql, !info.isExplain);
    } catch (e) {
      throw new StatementFailure(e, "prepare");
    }
    const cols = stmt.reader ? stmt.columns().map((c) => ({ name: c.name, decltype: c.type ?? null })) : [];
    if (info.isExplain) return { cols, isReadonly: true };
    // The driver does not expose sqlite3_stmt_readonly(); read the bytecode instead: a statement
    // writes iff it opens a write transaction (OP_Transaction with P2 != 0).
    try {
      const explain = this.#db.prepare(`EXPLAIN ${sql}`);
      explain.raw(true);
      const program = explain.all() as unknown[][];
      explain.get(); // reset (see run())
      const writes = program.some((op) => op[1] === "Transaction" && Number(op[3]) !== 0);
      return { cols, isReadonly: !writes };
    } catch (e) {
      throw new StatementFailure(e, "prepare");
    }
  }

  /**
   * Makes the connection safe to hand to another stream: rolls back an open transaction and restores
   * the default settings a stream may have changed. Returns false if the connection is unusable.
   */
  reset(): boolean {
    if (this.#closed) return false;
    try {
      if (this.#db.inTransaction) this.#db.exec("ROLLBACK");
      this.#db.exec("PRAGMA query_only = OFF");
      this.#db.exec("PRAGMA foreign_keys = ON");
      this.#readonlyTxn = false;
      return true;
    } catch {
      return false;
    } finally {
      this.#onAutocommit();
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#cache.clear();
    this.#info = undefined;
    try {
      this.#db.close(); // rolls back an open transaction
    } finally {
      this.#onAutocommit();
    }
  }

  #prepare(sql: string, cacheable: boolean): Statement {
    const cached = this.#cache.get(sql);
    if (cached !== undefined) {
      this.#cache.delete(sql); // move to the most-recently-used end
      this.#cache.set(sql, cached);
      return cached;
    }
    const stmt = this.#db.prepare(sql);
    stmt.safeIntegers(true);
    if (stmt.reader) stmt.raw(true); // rows as arrays (raw() throws for statements without rows)
    if (cacheable) {
      this.#cache.set(sql, stmt);
      if (this.#cache.size > STATEMENT_CACHE_SIZE) {
        const oldest = this.#cache.keys().next().value;
        if (oldest !== undefined) this.#cache.delete(oldest);
      }
    }
    return stmt;
  }

  #changesAndRowid(): [bigint, bigint] {
    if (this.#info === undefined) {
      this.#info = this.#db.prepare("SELECT changes(), last_insert_rowid()");
      this.#info.safeIntegers(true);
      this.#info.raw(true);
    }
    const row = (this.#info.all() as unknown[][])[0] ?? [];
    return [BigInt(row[0] as bigint), BigInt(row[1] as bigint)];
  }

  // `BEGIN TRANSACTION READONLY` (sent by `@libsql/client` for `batch(..., "read")` and
  // `transaction("read")`) is accepted by libSQL but not enforced on a plain connection; sqld
  // enforces it. Emulate that with `query_only` for the duration of the transaction.
  #enterReadonlyTxn(): void {
    if (this.#db.inTransaction) {
      this.#db.exec("PRAGMA query_only = ON");
      this.#readonlyTxn = true;
    }
  }

  /**
   * Housekeeping after a statement, and the lock-release signal. Only a statement that ended a
   * transaction, or a successful autocommit statement, can have released a lock. A *failed*
   * autocommit statement (typically a BEGIN IMMEDIATE that got SQLITE_BUSY) must not signal: the
   * waiters would wake each other up in an endless retry loop.
   */
  #afterStatement(wasInTxn: boolean, succeeded: boolean): void {
    if (this.#closed || this.#db.inTransaction) return;
    if (this.#readonlyTxn) {
      this.#readonlyTxn = false;
      this.#db.exec("PRAGMA query_only = OFF");
    }
    if (wasInTxn || succeeded) this.#onAutocommit();
  }
}
