// The sold-out answer known at the edge: when the stock object answers SOLD_OUT, this isolate remembers for
// SOLD_OUT_MEMO_MS how many units were left, and a redemption asking for more than that in the meantime is
// refused with no Turso read and no stock call (docs/architecture.md §3, issue 13). One answer per key still
// holds: the refusal goes through the wallet's resolve(k, SOLD_OUT), the key's single decision point — a key
// it already decided keeps its answer (a committed key replays its order through the full path; a key refused
// for want of points stays INSUFFICIENT_POINTS), a new key is recorded SOLD_OUT, so a twin racing it (or a
// retry after the memo lapsed) answers the same. Units coming back (a released hold, a cancellation, an
// adjustment) are seen once the memo lapses; this isolate's own restocks forget it at once (forgetSoldOut).
// Kept per isolate as plain values (never a promise shared across requests).

/** How long a SOLD_OUT answer is reused; short, as units can come back when a hold fails or an order is cancelled. */
export const SOLD_OUT_MEMO_MS = 1_000;

const memo = new Map<number, { available: number; since: number; until: number }>();

/** After the stock object answered SOLD_OUT with `available` units left at `now`. */
export function rememberSoldOut(itemId: number, available: number, now: number): void {
  if (!Number.isSafeInteger(available) || available < 0) return;
  memo.set(itemId, { available, since: now, until: now + SOLD_OUT_MEMO_MS });
  if (memo.size > 1_000) {
    for (const [id, m] of memo) if (m.until <= now) memo.delete(id);
  }
}

/** Whether a request for `qty` units at `now` is known to be sold out. */
export function knownSoldOut(itemId: number, qty: number, now: number): boolean {
  const m = memo.get(itemId);
  if (!m) return false;
  if (now >= m.until) {
    memo.delete(itemId);
    return false;
  }
  return now >= m.since && qty > m.available;
}

/** Units came back in this isolate (an adjustment, a cancellation's restock): ask the stock object again. */
export function forgetSoldOut(itemId: number): void {
  memo.delete(itemId);
}
