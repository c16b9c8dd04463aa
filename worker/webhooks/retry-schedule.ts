// At least once, with exponential back-off: the first attempt as soon as the event is pulled, then retries
// 5 s, 1 min, 5 min, 30 min, 2 h, 5 h, 8 h and 8 h after each failed attempt — 9 attempts over about 23.6 hours;
// a delivery whose last attempt fails is marked failed. Any 2xx answer is a success; anything else (another
// status, a redirect, a timeout after TIMEOUT_MS, a refused connection, a URL no longer allowed) is a failure.
export const RETRY_DELAYS_MS = [
  5_000,
  60_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  8 * 3_600_000,
  8 * 3_600_000,
] as const;

export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** Each attempt's timeout. */
export const TIMEOUT_MS = 5_000;

/** An endpoint whose every attempt has failed for this long, with at least one delivery given up, is disabled. */
export const DISABLE_AFTER_MS = 20 * 3_600_000;

/** When to try again after `attempts` failed attempts, the last at `at`; null: give up (failed). */
export function nextAttemptAt(attempts: number, at: number): number | null {
  const delay = RETRY_DELAYS_MS[attempts - 1];
  return delay === undefined ? null : at + delay;
}
