// Retrying an object's outbox while Turso is unreachable: exponential back-off from 1 s to 5 min, recorded
// in the object's single-row `outbox_state` (failures, next_attempt_at, last_error) so it survives restarts.
export const BACKOFF_FIRST_MS = 1_000;
export const BACKOFF_MAX_MS = 5 * 60_000;

export function backoffMs(failures: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.max(0, Math.min(failures - 1, 30)));
}

/** Records a failed attempt; answers when the next one is due. */
export function markFailed(sql: SqlStorage, realNow: number, error: string): number {
  const failures =
    (sql.exec<{ failures: number }>("select failures from outbox_state where id = 1").toArray()[0]?.failures ?? 0) + 1;
  const next = realNow + backoffMs(failures);
  sql.exec(
    "update outbox_state set failures = ?, next_attempt_at = ?, last_error = ? where id = 1",
    failures,
    next,
    error.slice(0, 500),
  );
  return next;
}
