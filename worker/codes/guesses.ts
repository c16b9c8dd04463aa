// Slowing redeem-code guessing: wrong codes are counted per member and per client address (only failures: a
// member redeeming a stack of cards is never held back) in a fixed window. Past the limit, every attempt until
// the window ends is refused before any code is looked up: 429 RATE_LIMITED with Retry-After = the seconds left.
// The count is one upsert per failure (no read-then-write race: SQLite applies it atomically).
import { inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { codeGuessFailures } from "../../db/schema";
import { RetryLater } from "../security/retry-later";

export const GUESS_WINDOW_MS = 10 * 60_000;
export const GUESS_LIMITS = { member: 5, ip: 20 } as const;

type GuessKey = { key: string; limit: number };

export function guessKeys(uid: string, ip: string | null): GuessKey[] {
  const keys: GuessKey[] = [{ key: `member:${uid}`, limit: GUESS_LIMITS.member }];
  if (ip) keys.push({ key: `ip:${ip}`, limit: GUESS_LIMITS.ip });
  return keys;
}

/** Throws RATE_LIMITED (with the wait) when any key has used up its failures in the current window. */
export async function assertMayGuess(db: Db, keys: GuessKey[], now: number): Promise<void> {
  const rows = await db
    .select()
    .from(codeGuessFailures)
    .where(
      inArray(
        codeGuessFailures.key,
        keys.map((k) => k.key),
      ),
    );
  let until = 0;
  for (const r of rows) {
    const limit = keys.find((k) => k.key === r.key)!.limit;
    const end = r.windowStart + GUESS_WINDOW_MS;
    if (end > now && r.failures >= limit) until = Math.max(until, end);
  }
  if (until > now) throw new RetryLater("RATE_LIMITED", Math.max(1, Math.ceil((until - now) / 1000)));
}

/** One more failure for every key (a window past its end starts again at this failure). */
export async function recordFailure(db: Db, keys: GuessKey[], now: number): Promise<void> {
  const stale = now - GUESS_WINDOW_MS;
  await db.batch(
    keys.map((k) =>
      db.run(sql`insert into code_guess_failures (key, window_start, failures) values (${k.key}, ${now}, 1)
        on conflict (key) do update set
          failures = case when window_start <= ${stale} then 1 else failures + 1 end,
          window_start = case when window_start <= ${stale} then ${now} else window_start end`),
    ) as [ReturnType<Db["run"]>, ...ReturnType<Db["run"]>[]],
  );
}
