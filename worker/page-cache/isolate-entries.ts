// The guest cache's entries kept in the isolate too (issue 13: under wrangler dev caches.default is a round trip
// to miniflare's cache service, on Cloudflare a lookup; either is most of a hit's time). Keyed by the same
// versioned key (./guest-cache.ts guestCacheKey), so a page version bump retires them exactly as it retires the
// Cache API's, and each lives until the instant its Cache API entry stops being served (stored + its TTL): a
// copy is never older than what caches.default would answer. Plain values only (strings and one Headers that
// nothing writes), never a Response or a promise (workerd ties I/O to its request). Bounded by count and bytes; the oldest go
// first. caches.default stays behind it: another isolate's entry is copied in on its first hit here.
//
// A hit is served from the copy with no HTMLRewriter pass: the headers as it leaves are computed once (a Headers
// its Response copies), and the countdowns' server clock (data-countdown-now, which mall.js counts against) is put in
// by joining the page's pieces around those attribute values.

/** Within this long of an entry's expiry, the first request that finds it renders the page afresh (alone) while
 *  every other is still answered from the entry, which is never served past its expiry. Without it an expiry
 *  had every request in flight miss at once (issue 13: 32 renders at a time under bench:pages, each
 *  an item page's stock-object call and Turso reads), and a page served longer than its TTL is not an option. */
export const REFRESH_AHEAD_MS = 1000;

/** Entries kept per isolate at most, and their bodies' total length (UTF-16 code units ≈ bytes for ASCII). */
export const MAX_ENTRIES = 256;
export const MAX_CHARS = 8 * 1024 * 1024;

export type IsolateEntry = {
  /** The page split around its countdowns' clock values: joined with the serving time (one piece: none). */
  pieces: string[];
  status: number;
  /** The headers the answer leaves with (no-store, the hit marker, no Age, no internal markers): one Headers,
   *  which each answer's Response copies (cheaper than building them from pairs per hit; nothing writes it). */
  headers: Headers;
  /** Epoch ms after which the entry is not served (its Cache API entry's expiry). */
  until: number;
  /** Set when a request took it upon itself to render the page again (claimRefresh). */
  refreshing?: boolean;
};

const entries = new Map<string, IsolateEntry>();
let chars = 0;

const size = (e: IsolateEntry) => e.pieces.reduce((n, p) => n + p.length, 0);

function drop(key: string, e: IsolateEntry): void {
  entries.delete(key);
  chars -= size(e);
}

/** The live copy under `key`, or null (an expired one is dropped). */
export function recallEntry(key: string, now: number): IsolateEntry | null {
  const e = entries.get(key);
  if (!e) return null;
  if (now >= e.until) {
    drop(key, e);
    return null;
  }
  return e;
}

/** Whether the request holding `entry` (live: recallEntry's) is the one to render its page again: true for the
 *  first to ask within REFRESH_AHEAD_MS of its expiry, false for every other (they are answered from it). */
export function claimRefresh(entry: IsolateEntry, now: number): boolean {
  if (entry.refreshing || now < entry.until - REFRESH_AHEAD_MS) return false;
  entry.refreshing = true;
  return true;
}

/** A claimed refresh that kept no new entry (its render was not a cacheable page): the next request may try. */
export function releaseRefresh(entry: IsolateEntry): void {
  entry.refreshing = false;
}

/** Keeps `entry` under `key` (replacing any), then drops expired entries and the oldest until within bounds. */
export function keepEntry(key: string, entry: IsolateEntry, now: number): void {
  const n = size(entry);
  if (n > MAX_CHARS / 8) return; // a page this large is not worth holding (pages are a few KB)
  const old = entries.get(key);
  if (old) drop(key, old);
  entries.set(key, entry);
  chars += n;
  if (entries.size <= MAX_ENTRIES && chars <= MAX_CHARS) return;
  for (const [k, e] of entries) if (now >= e.until) drop(k, e);
  for (const [k, e] of entries) {
    if (entries.size <= MAX_ENTRIES && chars <= MAX_CHARS) break;
    drop(k, e);
  }
}

/** Drops every copy (tests: an isolate that never saw the page). */
export function forgetIsolateEntries(): void {
  entries.clear();
  chars = 0;
}

/** How many entries this isolate holds (tests). */
export function entryCount(): number {
  return entries.size;
}

/** A countdown's server clock in a tag: `<tag … data-countdown-now="digits"`. A raw `<` or `>` only opens or
 *  closes a tag (text and attribute values have theirs escaped) and an attribute value cannot hold a raw `"`,
 *  so a match is always the attribute itself. */
const COUNTDOWN_NOW = /(<[A-Za-z][^<>]*?\sdata-countdown-now=")[0-9]*(")/g;
const ATTRIBUTE = /data-countdown-now=/g;

/** The page's pieces around its countdown clocks, or null when the attribute appears somewhere the pattern
 *  does not account for (such a page is re-timed by HTMLRewriter instead, as before). */
export function countdownPieces(html: string): string[] | null {
  const pieces: string[] = [];
  let from = 0;
  let found = 0;
  for (const m of html.matchAll(COUNTDOWN_NOW)) {
    const valueAt = m.index + m[1]!.length;
    pieces.push(html.slice(from, valueAt));
    from = m.index + m[0].length - 1; // the closing quote starts the next piece
    found++;
  }
  pieces.push(html.slice(from));
  const occurrences = html.match(ATTRIBUTE)?.length ?? 0;
  return occurrences === found ? pieces : null;
}

/** The entry's page with every countdown clock set to `now`. */
export function pageAt(entry: IsolateEntry, now: number): string {
  return entry.pieces.length === 1 ? entry.pieces[0]! : entry.pieces.join(String(now));
}
