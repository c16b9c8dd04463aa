// When a failed WeChat send is tried again: 1 min, 5 min, 30 min, 2 h, 6 h after attempts 1–5; after the 6th
// failed attempt the send is given up (state failed). The schedule drains every minute (wrangler.toml).
export const SEND_BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000] as const;
export const MAX_SEND_ATTEMPTS = SEND_BACKOFF_MS.length + 1;

/** The delay after the attempt numbered `attempts` (1-based) failed, or null when no attempt is left. */
export function retryDelay(attempts: number): number | null {
  if (attempts >= MAX_SEND_ATTEMPTS) return null;
  return SEND_BACKOFF_MS[Math.max(0, attempts - 1)]!;
}
