// The prize draw: a weighted choice among the prizes still in stock, from crypto.getRandomValues without modulo
// bias (rejection sampling: 32-bit values at or above the largest multiple of the total weight are drawn
// again), and the published odds, computed from the very same list so the page and the picker agree.
import type { PrizeConfig } from "./types";

export type Candidate = { prize: PrizeConfig; left: number | null };

/** The prizes that can be drawn now: positive weight and stock left (null stock = unlimited). */
export function drawable(candidates: Candidate[]): Candidate[] {
  return candidates.filter((c) => c.prize.weight > 0 && (c.left === null || c.left > 0));
}

/** weight ÷ Σ weights of the drawable prizes, by prize id (0 for the rest). */
export function oddsOf(candidates: Candidate[]): Map<string, number> {
  const live = drawable(candidates);
  const total = live.reduce((s, c) => s + c.prize.weight, 0);
  const odds = new Map<string, number>();
  for (const c of candidates) odds.set(c.prize.id, 0);
  for (const c of live) odds.set(c.prize.id, c.prize.weight / total);
  return odds;
}

const RANGE = 2 ** 32;
const buffer = new Uint32Array(1);

/** A uniform integer in [0, n), n ≤ 2^32, with no modulo bias. */
export function uniformBelow(n: number): number {
  if (!Number.isSafeInteger(n) || n <= 0 || n > RANGE) throw new RangeError(`uniformBelow: bad n ${n}`);
  const limit = RANGE - (RANGE % n); // the largest multiple of n that fits
  for (;;) {
    crypto.getRandomValues(buffer);
    const x = buffer[0]!;
    if (x < limit) return x % n;
  }
}

/** One weighted pick among the drawable prizes; null when none is left. */
export function pickPrize(candidates: Candidate[]): PrizeConfig | null {
  const live = drawable(candidates);
  const total = live.reduce((s, c) => s + c.prize.weight, 0);
  if (total === 0) return null;
  let r = uniformBelow(total);
  for (const c of live) {
    if (r < c.prize.weight) return c.prize;
    r -= c.prize.weight;
  }
  throw new Error("pickPrize: weights changed during the pick");
}
