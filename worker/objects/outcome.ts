// What an object's operation decided inside its synchronous transaction: keep its writes (commit) or roll
// everything back (abort: failures and idempotent replays write nothing, not even a catch-up with time).

export type Outcome<T> = { commit: boolean; value: T };

export const commit = <T>(value: T): Outcome<T> => ({ commit: true, value });
export const abort = <T>(value: T): Outcome<T> => ({ commit: false, value });

const ROLLBACK = Symbol("rollback");

/** Runs `fn` in one transactionSync; rolls back when it answers abort(). */
export function runInTransaction<T>(storage: DurableObjectStorage, fn: () => Outcome<T>): Outcome<T> {
  let out: Outcome<T> | undefined;
  try {
    storage.transactionSync(() => {
      out = fn();
      if (!out.commit) throw ROLLBACK;
    });
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  }
  return out!;
}
