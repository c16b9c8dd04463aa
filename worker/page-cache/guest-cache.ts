// Guest pages from the Workers Cache API (caches.default): the home page, its category/search listings
// (the page and the htmx fragments /?… and /catalog?…) and the item pages, for requests without a member
// session. The key holds
//   - the page version (db/schema.ts page_version, read with the settings and cached with them): every
//     console/API change to items, images, categories, stock or settings bumps it in its own write batch,
//     so a change retires every cached page (worker/page-cache/page-version.ts);
//   - the locale the request resolved to (the lang cookie, else Accept-Language) and whether the answer is an
//     htmx fragment or a whole page (the pages say Vary: HX-Request, HX-Request-Type);
//   - the URL's path and its query, sorted.
// An entry lives GUEST_TTL_S at most: the stock numbers on a guest page may lag that long (the item page's
// number is the stock object's at render time; the listings' badges are the Turso projection, which lags a
// few seconds anyway, like /flash's 3-second poll); the redemption itself always asks the stock object.
// Members use it too (cacheUse): the listing fragments as they are, and the home page with their own header
// put in (./member-header.tsx); not the item pages (their redeem form and 拼团 keys are the member's).
// Not cached: pages rendered for a member (their header, balance, CSRF token and redeem form are theirs), WeChat's in-app
// browser when the mall has a WeChat account (its share card is signed per request with a timestamp and
// nonce), answers other than a 200 HTML page, and anything that sets a cookie. Page views are still counted:
// pageViewRecorder runs outside this middleware and sees a cached answer like a fresh one. The in-app
// browser's static-URL versions (worker/middleware/in-app-browser.ts) are put in the entry once, so a hit
// skips that pass.
// Each entry is also kept in the isolate (./isolate-entries.ts: same key, same expiry, bounded), caches.default
// behind it: most hits make no cache round trip, and another isolate's entry is copied in on its first hit here.
// A cached answer gets the serving time in its countdowns' data-countdown-now (mall.js counts against the
// server's clock) and leaves as `Cache-Control: no-store` like every page: only the edge keeps it.
// Note: the Cache API works on a custom domain; on *.workers.dev it stores nothing (every request renders).
import type { Context, MiddlewareHandler } from "hono";
import { DEFAULT_LOCALE } from "../../views/i18n";
import type { AppEnv } from "../app-env";
import { cachedPageVersion } from "../settings/load-settings";
import { staticVersions, VERSIONED_HEADER } from "../middleware/in-app-browser";
import { isHtmx } from "../request-kind";
import { isWechatBrowser, wechatAccount } from "../wechat/config";
import {
  claimRefresh,
  countdownPieces,
  type IsolateEntry,
  keepEntry,
  pageAt,
  recallEntry,
  releaseRefresh,
} from "./isolate-entries";
import { memberBarHtml, withMemberBar } from "./member-header";

/** Seconds a cached guest page is served at most (its stock numbers may lag this long). */
export const GUEST_TTL_S = 5;
/** Item pages show the stock object's number: kept shorter, as /flash's badge polls every 3 s. */
export const GUEST_ITEM_TTL_S = 3;

/** The paths cached for guests: home (page and htmx listing swaps), 加载更多, item pages. */
const CACHED = /^\/(?:catalog|items\/[0-9]{1,10})?$/;
export const CACHE_HEADER = "X-Guest-Cache";
/** On an entry whose page has countdowns to re-time when served (the others skip the rewriter). */
const COUNTDOWN_HEADER = "X-Guest-Cache-Countdowns";
/** On an entry: the epoch ms its TTL ends (an isolate copy made from it lives no longer). */
const UNTIL_HEADER = "X-Guest-Cache-Until";
const COUNTDOWN_MARK = COUNTDOWN_HEADER.toLowerCase();
const UNTIL_MARK = UNTIL_HEADER.toLowerCase();

/** Which language the visitor gets: the locale the request resolved to (worker/middleware/locale.ts: the
 *  `lang` cookie, else Accept-Language), so two headers naming the same language share one entry. */
export function localeVariant(c: Context<AppEnv>): string {
  return c.var.locale ?? DEFAULT_LOCALE;
}

/** The database a page was read from, as a short stable tag (FNV-1a of its URL): a version counts in one
 *  database only (one per deployment; the tests run a second one for the seeded catalogue). */
const tags = new Map<string, string>();
function databaseTag(url: string): string {
  const known = tags.get(url);
  if (known) return known;
  const tag = fnv1a(url);
  tags.set(url, tag);
  return tag;
}

function fnv1a(url: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < url.length; i++) h = Math.imul(h ^ url.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/** The cache key: a URL on the request's own origin under a path no route answers. */
export function guestCacheKey(c: Context<AppEnv>, version: number): string {
  return cacheKeyOf(c.req.raw, localeVariant(c), c.env.TURSO_DATABASE_URL, version);
}

/** The key from its parts (tests compute it to reach the caches.default entry behind a page). */
export function cacheKeyOf(req: Request, locale: string, databaseUrl: string, version: number): string {
  const url = new URL(req.url);
  let query = "";
  if (url.search.length > 1) {
    const params = [...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    query = `?${new URLSearchParams(params).toString()}`;
  }
  const hx = req.headers.get("HX-Request") === "true";
  const kind = hx ? `hx-${req.headers.get("HX-Request-Type") ?? "partial"}` : "page";
  const variant = encodeURIComponent(`${locale}|${kind}`);
  return `${url.origin}/__guest-cache/${databaseTag(databaseUrl)}/v${version}/${variant}${url.pathname}${query}`;
}

/** How a request may use the cache: a guest any cached page; a member the listing fragments and 加载更多
 *  (they hold nothing of anyone: the same entry as a guest's) and the home page with their own header
 *  (./member-header.tsx); never an item page (its redeem form and 拼团 keys are the member's). */
type CacheUse = "guest" | "shared" | "member-home";

function cacheUse(c: Context<AppEnv>): CacheUse | null {
  if (c.req.method !== "GET") return null;
  if (!CACHED.test(c.req.path)) return null;
  if (isWechatBrowser(c.req.header("User-Agent")) && wechatAccount(c.env)) return null;
  if (!c.var.session) return "guest";
  if (c.req.path === "/catalog" || (c.req.path === "/" && isHtmx(c.req.raw))) return "shared";
  return c.req.path === "/" ? "member-home" : null;
}

function later(c: Context<AppEnv>, work: Promise<unknown>): void {
  const settled = work.catch((err) =>
    console.error(JSON.stringify({ level: "error", event: "guest_cache_put_failed", error: String(err) })),
  );
  try {
    c.executionCtx.waitUntil(settled);
  } catch {
    // no execution context: the promise runs unawaited
  }
}

/** The headers a cached answer leaves with: no-store for browsers (only the edge keeps it), marked a hit, its
 *  static URLs versioned already, without the entry's own markers. */
function servedHeaders(stored: Headers): [string, string][] {
  const out: [string, string][] = [];
  stored.forEach((value, name) => {
    if (name === "age" || name === "cache-control" || name === COUNTDOWN_MARK || name === UNTIL_MARK) return;
    out.push([name, value]);
  });
  out.push(["Cache-Control", "no-store"], [CACHE_HEADER, "hit"], [VERSIONED_HEADER, "1"]);
  return out;
}

/** The isolate's copy of an entry (./isolate-entries.ts), or null when its page cannot be re-timed by pieces. */
function isolateEntry(html: string, status: number, stored: Headers, until: number): IsolateEntry | null {
  const pieces = countdownPieces(html);
  return pieces ? { pieces, status, headers: new Headers(servedHeaders(stored)), until } : null;
}

const answer = (e: IsolateEntry, now: number): Response =>
  new Response(pageAt(e, now), { status: e.status, headers: e.headers });

/** A caches.default answer with no isolate copy made of it: its countdowns re-timed by HTMLRewriter. */
function served(html: string, status: number, stored: Headers): Response {
  const res = new Response(html, { status, headers: servedHeaders(stored) });
  if (!stored.has(COUNTDOWN_HEADER)) return res;
  const now = String(Date.now());
  return new HTMLRewriter()
    .on("[data-countdown-now]", {
      element(el) {
        el.setAttribute("data-countdown-now", now);
      },
    })
    .transform(res);
}

/** caches.default (workers-types has it; a DOM lib pulled in by a test type hides it from tsc). */
const edgeCache = (): Cache => (caches as unknown as { default: Cache }).default;

/** A settled promise's outcome, so a rejection is never left unobserved whichever branch runs. */
function settle<T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

export function guestPageCache(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const use = cacheUse(c);
    if (!use) return next();
    let version: number;
    try {
      version = await cachedPageVersion(c.var.db);
    } catch {
      return next(); // Turso unreachable: the route answers as it would (its own 503)
    }
    const session = c.var.session;
    // The member's header, read from their wallet while the cache is asked.
    const bar = use === "member-home" && session ? settle(memberBarHtml(c, session)) : null;
    const member = async (res: Response, state: string): Promise<Response> => {
      const html = await bar!;
      if (!html.ok) throw html.error; // the wallet did not answer: app.onError's retryable 503
      res.headers.set(CACHE_HEADER, state);
      return withMemberBar(res, html.value);
    };
    const key = guestCacheKey(c, version);
    const now = Date.now();
    const copy = recallEntry(key, now);
    // Near its expiry one request renders the page again (refresh), the others are still answered from the copy.
    const refresh = copy !== null && claimRefresh(copy, now);
    if (copy && !refresh) {
      c.res = bar ? await member(answer(copy, now), "member-hit") : answer(copy, now);
      return;
    }
    const cache = edgeCache();
    // (a refresh skips caches.default: it holds the same entry, expiring at the same instant)
    const hit = refresh ? undefined : await cache.match(key).catch(() => undefined);
    if (hit) {
      const html = await hit.text();
      const until = Number(hit.headers.get(UNTIL_HEADER));
      const entry = until > now ? isolateEntry(html, hit.status, hit.headers, until) : null;
      if (entry) keepEntry(key, entry, now); // another isolate's entry, kept here for the rest of its TTL
      const res = entry ? answer(entry, now) : served(html, hit.status, hit.headers);
      c.res = bar ? await member(res, "member-hit") : res;
      return;
    }
    if (bar) {
      // The guest page is rendered (and kept for everyone), then given this member's header.
      c.set("session", null);
      try {
        await next();
      } finally {
        c.set("session", session);
      }
    } else await next();
    const res = c.res;
    if (
      res.status !== 200 ||
      !(res.headers.get("Content-Type") ?? "").startsWith("text/html") ||
      res.headers.has("Set-Cookie") ||
      !res.body
    ) {
      if (copy) releaseRefresh(copy); // the copy still serves until its expiry; the next request may render
      if (bar) await bar; // an error page is the same for a member; the header read is only observed
      return;
    }
    const ttl = c.req.path.startsWith("/items/") ? GUEST_ITEM_TTL_S : GUEST_TTL_S;
    // The page as text once (a few KB), for the answer and the entry alike: a tee would hold the entry's
    // write until the caller had read the answer.
    // Static URLs versioned once here, for the entry: a hit skips that pass (worker/middleware/in-app-browser.ts).
    const html = await staticVersions(c.env.ASSETS).transform(res).text();
    const stored = new Response(html, { status: 200, headers: new Headers(res.headers) });
    const until = now + ttl * 1000;
    stored.headers.set("Cache-Control", `public, max-age=${ttl}`);
    stored.headers.set(UNTIL_HEADER, String(until));
    if (html.includes("data-countdown-now")) stored.headers.set(COUNTDOWN_HEADER, "1");
    const entry = isolateEntry(html, 200, stored.headers, until);
    if (entry) keepEntry(key, entry, now);
    later(c, cache.put(key, stored));
    const fresh = new Response(html, { status: 200, headers: res.headers });
    fresh.headers.set(VERSIONED_HEADER, "1");
    fresh.headers.set(CACHE_HEADER, "miss");
    c.res = bar ? await member(fresh, "member-miss") : fresh;
  };
}
