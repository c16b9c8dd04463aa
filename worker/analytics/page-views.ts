// Page-view recording for the dashboard: one `page_views` row per full shopper page answered 200 to a GET
// (not htmx fragments, HEAD, redirects, errors, the console, the API, media, autologin or static files).
// The visitor is an HMAC (keyed with SESSION_SECRET) of a random first-party id in the `pm_vid` cookie, set
// on the first recorded visit; neither the raw id nor the IP is stored. The row is written after the
// response, with waitUntil, batched with the isolate's other views of the next FLUSH_DELAY_MS into one insert;
// a failure is only logged. The visitor ids are hashed at the flush (once per distinct visitor of the batch;
// the raw id is held in memory until then, ≤ FLUSH_DELAY_MS), so a page view costs no HMAC of its own.
import type { Context, MiddlewareHandler } from "hono";
import { generateCookie, getCookie } from "hono/cookie";
import type { Db } from "../../db/client";
import { pageViews } from "../../db/schema";
import type { AppEnv } from "../app-env";
import { base64url, hmacHex } from "../identity/hmac";
import { isHtmx } from "../request-kind";
import { localDate } from "../wallet/local-time";
import { cachedTimeZone } from "./time-zone";

export const VISITOR_COOKIE = "pm_vid";
const VISITOR_MAX_AGE_S = 365 * 24 * 3600;
const VISITOR_ID = /^[A-Za-z0-9_-]{22}$/;
const NOT_SHOPPER_PAGES = /^\/(admin|api|media|autologin)(\/|$)/;

/** What a page view stores for a visitor id: a keyed hash, so ids and hashes cannot be linked without the secret. */
export function visitorHash(secret: string, visitorId: string): Promise<string> {
  return hmacHex(secret, `pv:${visitorId}`).then((h) => h.slice(0, 32));
}

/** Whether a request could be a recorded page view (its answer decides the rest). */
export function isShopperPageRequest(req: Request, path: string): boolean {
  if (req.method !== "GET" || isHtmx(req)) return false;
  if (NOT_SHOPPER_PAGES.test(path)) return false;
  return !/\.[A-Za-z0-9]+$/.test(path); // static assets (css, js, images, favicon…)
}

function isFullPage(res: Response): boolean {
  return res.status === 200 && (res.headers.get("Content-Type") ?? "").startsWith("text/html");
}

type ViewRow = { path: string; visitor: string; at: number };
/** A view as it waits for its insert: the visitor id is hashed at the flush, once per visitor of the batch. */
type PendingView = { path: string; visitorId: string; at: number };

/** How long a view waits for others to share its insert; a busy isolate writes one batch per this time. */
export const FLUSH_DELAY_MS = 200;
const ROWS_PER_INSERT = 200;

// Views waiting for their insert, per database handle. The request that finds no flush pending holds it
// open in its own waitUntil (sleeps FLUSH_DELAY_MS, then writes every row waiting); the others only add
// their row. Only plain rows cross requests, never a promise (workerd: I/O belongs to its request).
const waiting = new Map<Db, { rows: PendingView[]; pending: boolean }>();

/** The batch's rows with each visitor id replaced by its hash (one HMAC per distinct visitor of the batch). */
async function hashed(secret: string, views: PendingView[]): Promise<ViewRow[]> {
  const ids = [...new Set(views.map((v) => v.visitorId))];
  const hashes = new Map(await Promise.all(ids.map(async (id) => [id, await visitorHash(secret, id)] as const)));
  return views.map((v) => ({ path: v.path, visitor: hashes.get(v.visitorId)!, at: v.at }));
}

async function writeRows(db: Db, secret: string, views: PendingView[]): Promise<void> {
  try {
    const tz = await cachedTimeZone(db, Date.now());
    const values = (await hashed(secret, views)).map((r) => ({ ...r, day: localDate(r.at, tz) }));
    const inserts = [];
    for (let i = 0; i < values.length; i += ROWS_PER_INSERT)
      inserts.push(db.insert(pageViews).values(values.slice(i, i + ROWS_PER_INSERT)));
    const [first, ...more] = inserts;
    if (first) await db.batch([first, ...more]);
  } catch (err) {
    console.error(
      JSON.stringify({
        at: new Date().toISOString(),
        event: "page_view_failed",
        views: views.length,
        path: views[0]?.path,
        error: String(err),
      }),
    );
  }
}

/** One row per view, written with the views around it in one insert (one Turso round trip per batch). Only
 *  the view that finds no flush pending gets work to wait for (the flush); the others are only added to it. */
function record(db: Db, secret: string, view: PendingView): Promise<void> | null {
  let queue = waiting.get(db);
  if (!queue) waiting.set(db, (queue = { rows: [], pending: false }));
  queue.rows.push(view);
  if (queue.pending) return null;
  queue.pending = true;
  const q = queue;
  return (async () => {
    await new Promise((r) => setTimeout(r, FLUSH_DELAY_MS));
    const views = q.rows.splice(0);
    q.pending = false;
    await writeRows(db, secret, views);
  })();
}

function waitUntil(c: Context<AppEnv>, work: Promise<void>): void {
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    // no execution context (called outside a fetch event): the promise still runs, unawaited
  }
}

export function pageViewRecorder(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const at = Date.now();
    await next();
    if (!isShopperPageRequest(c.req.raw, c.req.path) || !isFullPage(c.res)) return;
    let visitorId = getCookie(c, VISITOR_COOKIE);
    if (!visitorId || !VISITOR_ID.test(visitorId)) {
      visitorId = base64url(crypto.getRandomValues(new Uint8Array(16)));
      // Appended to the answer's own headers (mutable: securityHeaders sets them on every answer), not with
      // hono's setCookie: after the handler, c.header() re-wraps the answer as new Response(res.body, res), so a
      // cached page's fixed body became a stream sent chunked (issue 13: most of a first-visit guest hit's cost).
      c.res.headers.append(
        "Set-Cookie",
        generateCookie(VISITOR_COOKIE, visitorId, {
          path: "/",
          httpOnly: true,
          sameSite: "Lax",
          secure: c.env.MALL_ENV === "production",
          maxAge: VISITOR_MAX_AGE_S,
        }),
      );
    }
    // Hashing and the write both happen after the response, at the batch's flush; the page waits for neither.
    const flush = record(c.var.db, c.env.SESSION_SECRET, { path: c.req.path, visitorId, at });
    if (flush) waitUntil(c, flush);
  };
}
