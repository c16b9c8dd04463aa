// Connections to the database file. Every Hrana stream owns one connection for its lifetime (so a
// transaction's state lives with its stream, as in sqld); most streams live for a single HTTP
// request (`@libsql/client` pipelines execute + close), so idle connections are kept for reuse:
// opening one per request would be slow.

import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { retryWhileBusy, type BusyRetryOptions } from "./busy-wait";
import { Connection } from "./connection";

export class ConnectionPool {
  readonly #file: string;
  readonly #maxIdle: number;
  readonly #onAutocommit: () => void;
  readonly #idle: Connection[] = [];
  readonly #open = new Set<Connection>();
  #closed = false;

  private constructor(file: string, maxIdle: number, onAutocommit: () => void) {
    this.#file = file;
    this.#maxIdle = maxIdle;
    this.#onAutocommit = onAutocommit;
  }

  /**
   * Creates the file's directory if needed, opens a first connection and switches the database to
   * WAL mode (persistent; readers then never block the writer). `busy` is used in case another
   * process holds a lock on the file right now.
   */
  static async open(file: string, opts: { maxIdle?: number; busy: BusyRetryOptions }): Promise<ConnectionPool> {
    mkdirSync(dirname(file), { recursive: true });
    const pool = new ConnectionPool(file, opts.maxIdle ?? 8, () => opts.busy.waiters.notify());
    const conn = pool.acquire();
    try {
      await retryWhileBusy(() => conn.exec("PRAGMA journal_mode = WAL"), opts.busy);
    } catch (e) {
      pool.closeAll();
      throw e;
    }
    pool.release(conn);
    return pool;
  }

  /** A connection in autocommit mode with the default settings. */
  acquire(): Connection {
    if (this.#closed) throw new Error("The connection pool is closed");
    const conn = this.#idle.pop() ?? new Connection(this.#file, this.#onAutocommit);
    this.#open.add(conn);
    return conn;
  }

  /** Takes a connection back: rolls back whatever its stream left open, then keeps or closes it. */
  release(conn: Connection): void {
    const usable = conn.reset();
    if (!usable || this.#closed || this.#idle.length >= this.#maxIdle) {
      this.#open.delete(conn);
      conn.close();
      return;
    }
    this.#idle.push(conn);
  }

  /** Closes every connection, idle or not (open transactions are rolled back). */
  closeAll(): void {
    this.#closed = true;
    for (const conn of this.#open) {
      try {
        conn.close();
      } catch {
        // closing anyway; nothing else to do with a connection that cannot close
      }
    }
    this.#open.clear();
    this.#idle.length = 0;
  }

  get openCount(): number {
    return this.#open.size;
  }

  get idleCount(): number {
    return this.#idle.length;
  }
}
