// A guest's cached page answered before the middleware chain (issue 13: a guest hit spent most of its CPU in the
// chain's ten async layers, the session middleware and header copies, not in serving the entry). Mounted first
// in worker/app.ts for GET /, /catalog and /items/{id}, like the sold-out refusal (worker/shop/redeem-sold-out.tsx).
// It answers only what the chain would answer as a guest's isolate hit, and does what the chain would:
//   guest    no `pm_session` cookie at all (a cookie, valid or not, takes the chain: readSession decides);
//   locale   pickLocale (the `lang` cookie, Accept-Language, the merchant's default), the key's variant and
//            `Vary: Accept-Language, Cookie` (varyByLocale);
//   headers  the entry's (./guest-cache.ts servedHeaders) without the in-app browser's marker, plus the security
//            headers (setSecurityHeaders) and the Vary, computed once per entry (its key fixes the origin);
//   views    a full page (not an htmx fragment) is counted (countPageView), a new visitor gets its `pm_vid`;
//   log      requestLog's sampled line (logAnswer).
// Everything else takes the chain as before: HEAD, the WeChat browser of a mall with an account, `?inv=` (the
// invite cookie) and `?share=` (the task mark), a page version this isolate has not read within the settings'
// TTL, an entry this isolate does not hold (caches.default is asked by ./guest-cache.ts), any miss.
// No await on a hit: the page version and the entry are this isolate's plain values.
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { getDb } from "../../db/client";
import { countPageView } from "../analytics/page-views";
import type { AppEnv } from "../app-env";
import { SESSION_COOKIE } from "../identity/session";
import { VERSIONED_HEADER } from "../middleware/in-app-browser";
import { LOCALE_COOKIE, pickLocale, varyByLocale } from "../middleware/locale";
import { logAnswer } from "../middleware/request-log";
import { setSecurityHeaders } from "../middleware/security-headers";
import { isHtmx } from "../request-kind";
import { knownPageVersion } from "../settings/load-settings";
import { isWechatBrowser, wechatAccount } from "../wechat/config";
import { cacheKeyOf, isCachedPath } from "./guest-cache";
import { type IsolateEntry, pageAt, recallEntry } from "./isolate-entries";

const VERSIONED_MARK = VERSIONED_HEADER.toLowerCase();

/** The headers a hit leaves the whole chain with, from the entry's: what inAppBrowser, securityHeaders and
 *  locale do to them. Once per entry (`url`: any request of its key, which holds the origin). */
function chainHeaders(e: IsolateEntry, url: string): [string, string][] {
  if (e.chainHeaders) return e.chainHeaders;
  const h = new Headers(e.headers);
  h.delete(VERSIONED_MARK); // inAppBrowser: the entry's static URLs are versioned already
  setSecurityHeaders(h, url);
  varyByLocale(h);
  const pairs: [string, string][] = [];
  h.forEach((value, name) => {
    pairs.push([name, value]);
  });
  e.chainHeaders = pairs;
  return pairs;
}

/** The guest hit's answer, or null when the chain must answer (see the top of the file). */
function guestHit(c: Context<AppEnv>, started: number): Response | null {
  const req = c.req.raw;
  if (req.method !== "GET" || !isCachedPath(c.req.path)) return null;
  if (getCookie(c, SESSION_COOKIE) !== undefined) return null;
  if (req.url.includes("?") && (c.req.query("inv") !== undefined || c.req.query("share") !== undefined)) return null;
  if (isWechatBrowser(req.headers.get("User-Agent") ?? undefined) && wechatAccount(c.env)) return null;
  const version = knownPageVersion(started);
  if (version === null) return null;
  const locale = pickLocale(getCookie(c, LOCALE_COOKIE), req.headers.get("Accept-Language"), c.env.MALL_DEFAULT_LOCALE);
  const entry = recallEntry(cacheKeyOf(req, locale, c.env.TURSO_DATABASE_URL, version), started);
  if (!entry) return null;
  const headers = chainHeaders(entry, req.url);
  let res: Response;
  if (!isHtmx(req) && entry.status === 200) {
    const cookie = countPageView(c, getDb(c.env.TURSO_DATABASE_URL, c.env.TURSO_AUTH_TOKEN), started);
    res = new Response(pageAt(entry, started), {
      status: entry.status,
      headers: cookie ? [...headers, ["Set-Cookie", cookie]] : headers,
    });
  } else res = new Response(pageAt(entry, started), { status: entry.status, headers });
  logAnswer(c.env, req, c.req.path, res.status, started);
  return res;
}

export function guestFirst(): MiddlewareHandler<AppEnv> {
  return async (c, next) => guestHit(c, Date.now()) ?? next();
}
