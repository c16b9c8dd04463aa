// The sold-out answer known at the edge: when the stock object answers SOLD_OUT, this isolate remembers for
// SOLD_OUT_MEMO_MS how many units were left, and a redemption asking for more than that in the meantime is
// refused with no Turso read and no stock call (docs/architecture.md §3, issue 13). One answer per key still
// holds: the refusal goes through the wallet's resolve(k, SOLD_OUT), the key's single decision point — a key
// it already decided keeps its answer (a committed key replays its order through the full path; a key refused
// for want of points stays INSUFFICIENT_POINTS), a new key is recorded SOLD_OUT, so a twin racing it (or a
// retry after the memo lapsed) answers the same. Units coming back (a released hold, a cancellation, an
// adjustment) are seen once the memo lapses; this isolate's own restocks forget it at once (forgetSoldOut).
// The memo's clock starts when the stock object's answer arrived (redeem.ts passes that instant), not when the
// request that asked started: under a rush a request waits seconds in the isolate's queue, and a memo dated
// from its start would be spent before it was ever used.
// Past SOLD_OUT_MEMO_MS the memo is stale, for at most SOLD_OUT_STALE_MS more: ONE request with a key (the
// probe) goes on to the stock objects, the rest are still refused from the stale memo, until the probe's
// answer lands — SOLD_OUT again renews the memo, a hold forgets it (forgetSoldOut), anything else leaves the
// probe to lapse after PROBE_MS, when the next request probes. Without it, every request arriving in the
// lapse took the full path until one of them met SOLD_OUT again (under a rush: seconds of full paths). So a
// unit that comes back in another isolate is seen here within SOLD_OUT_MEMO_MS + SOLD_OUT_STALE_MS (2 s)
// at most, ≤ 1 s after the probe asks; the stock object still decides every success.
// A unit that may be back in THIS isolate — a hold granted while the memo stands (the probe's, a double tap's
// own hold, or one granted before the SOLD_OUT it overtook), a hold released after the wallet refused it —
// makes the memo stale at once (unitsMayBeBack), not gone: the next key probes at once, the rest are still
// refused, and the memo's end is not moved (≤ SOLD_OUT_STALE_MS past its freshness). It used to be forgotten,
// and bench:flash measured what that cost (issue 13, rush6): under the rush each release of a second tab's
// hold sent every request arriving in the next second (~160) down the full path, ~1.8 s each. A restock by
// the merchant or a cancellation still forgets it (forgetSoldOut): every request asks again.
// Kept per isolate as plain values (never a promise shared across requests).

/** How long a SOLD_OUT answer is reused; short, as units can come back when a hold fails or an order is cancelled. */
export const SOLD_OUT_MEMO_MS = 1_000;
/** How long after that a lapsed memo still refuses every request but one (the probe). */
export const SOLD_OUT_STALE_MS = 1_000;
/** A probe with no answer after this long is given up on: the next request with a key probes. */
export const PROBE_MS = 500;

type Memo = { available: number; until: number; probe: { key: string; until: number } | null };
const memo = new Map<number, Memo>();

/** After the stock object answered SOLD_OUT with `available` units left, that answer arriving at `at`. */
export function rememberSoldOut(itemId: number, available: number, at: number): void {
  if (!Number.isSafeInteger(available) || available < 0) return;
  memo.set(itemId, { available, until: at + SOLD_OUT_MEMO_MS, probe: null });
  if (memo.size > 1_000) {
    for (const [id, m] of memo) if (m.until + SOLD_OUT_STALE_MS <= at) memo.delete(id);
  }
}

/**
 * Whether a request for `qty` units at `now` is to be refused as sold out. Within the memo: yes when it asks
 * for more than was left. Stale (lapsed, within SOLD_OUT_STALE_MS): without a key (a first look, before the
 * form is read) yes — the answer is decided with the key; with a key, no for the probe's own key (it claims
 * the probe when none is in flight), yes for every other. Claiming is synchronous with the check: no await
 * between, so exactly one request of the isolate probes at a time.
 */
export function knownSoldOut(itemId: number, qty: number, now: number, key?: string): boolean {
  const m = memo.get(itemId);
  if (!m) return false;
  if (now >= m.until + SOLD_OUT_STALE_MS) {
    memo.delete(itemId);
    return false;
  }
  if (qty <= m.available) return false;
  if (now < m.until || key === undefined) return true;
  if (m.probe?.key === key) return false; // the probe, on its way to the stock objects
  if (m.probe && now < m.probe.until) return true;
  m.probe = { key, until: now + PROBE_MS };
  return false;
}

/**
 * A unit may be back in this isolate (a hold granted or released while the memo stands): the memo turns stale
 * now, its end unchanged, with no probe in flight — the next request with a key probes, the rest are refused.
 */
export function unitsMayBeBack(itemId: number, now: number): void {
  const m = memo.get(itemId);
  if (!m) return;
  m.until = Math.min(m.until, now);
  m.probe = null;
}

/** Units came back in this isolate (an adjustment, a cancellation's restock): every request asks again. */
export function forgetSoldOut(itemId: number): void {
  memo.delete(itemId);
}
