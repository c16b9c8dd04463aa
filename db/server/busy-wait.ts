// Waiting for SQLite locks without blocking the event loop.
//
// The `libsql` driver is synchronous. If a connection used SQLite's own busy_timeout, a statement
// waiting for the write lock would sleep *inside* the driver call, freezing the whole Node process,
// so the stream that holds the lock could never get its COMMIT processed: a deadlock until the
// timeout. Instead every connection runs with busy_timeout=0, and a statement that fails with
// SQLITE_BUSY/SQLITE_LOCKED is retried asynchronously here.
//
// Retries are woken by `LockWaiters.notify()`, which the connections call whenever a statement
// leaves them in autocommit mode (a COMMIT/ROLLBACK, or an autocommit write, may have released a
// lock). Waking on release rather than polling keeps waits short and roughly fair: the waiter
// retries in the same tick the lock is released, before the releasing client can send its next
// request. A backoff timer covers locks held by other processes (e.g. a CLI on the same file).

import { HttpError, isBusy } from "./errors";

export class LockWaiters {
  readonly #waiters = new Set<() => void>();

  /** Resolves on the next `notify()` or after `ms`, whichever comes first. */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#waiters.add(done);
    });
  }

  /**
   * Wakes every waiter (in arrival order). Cheap when nobody waits. The wake-up happens in a
   * macrotask (setImmediate), after pending I/O callbacks, so retries can never starve the requests
   * that would release the lock.
   */
  notify(): void {
    if (this.#waiters.size === 0) return;
    const waiting = [...this.#waiters];
    setImmediate(() => {
      for (const wake of waiting) wake();
    });
  }

  get size(): number {
    return this.#waiters.size;
  }
}

export interface BusyRetryOptions {
  waiters: LockWaiters;
  /** Give up (rethrowing the SQLITE_BUSY error) after this long. */
  timeoutMs: number;
  /** Aborted when the server shuts down. */
  signal: AbortSignal;
}

/**
 * Runs `fn` (a synchronous driver call) and, while it fails with a retryable busy error, waits
 * asynchronously and runs it again. Each attempt is a whole statement: SQLite rolls back a
 * statement that fails with SQLITE_BUSY, so repeating it is safe.
 */
export async function retryWhileBusy<T>(fn: () => T, opts: BusyRetryOptions): Promise<T> {
  const deadline = performance.now() + opts.timeoutMs;
  let backoff = 2;
  for (;;) {
    if (opts.signal.aborted) throw new HttpError(503, "The server is shutting down", "SERVER_SHUTTING_DOWN");
    try {
      return fn();
    } catch (e) {
      const left = deadline - performance.now();
      if (!isBusy(e) || left <= 0) throw e;
      await opts.waiters.wait(Math.min(backoff, left));
      backoff = Math.min(backoff * 2, 50);
    }
  }
}
