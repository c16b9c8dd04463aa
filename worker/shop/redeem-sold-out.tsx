// The flash sale's refusal at the edge (issue 13): an htmx redemption of an item this isolate knows is sold out
// (worker/redeem/sold-out-memo.ts) is answered before the session's Turso read — the member is the one the
// signed session cookie names, the CSRF token and the origin are checked as requireMember does, the redeem rate
// limits count it, and the wallet's resolve(k, SOLD_OUT) keeps the key's single answer (refuseKnownSoldOut). A
// sold-out refusal then costs one wallet call and no Turso round trip.
// It runs FIRST (worker/app.ts mounts it before the middleware chain, issue 13): under a flash rush every await
// a request makes is another wait in the isolate's event loop behind the successes, so a known refusal makes
// three — the body, the redeem rate limits (both at once), the wallet's resolve — and nothing else: the
// signed cookie's verification is kept per isolate by its exact value (identity/session.ts cookieSession, as
// readSession; expiry still checked), the fragment is rendered once per (item, code, locale) and reused with a
// fresh key spliced in, and what the chain would add is set here: the locale (cookie / Accept-Language /
// merchant default, the Vary it implies), the security headers (setSecurityHeaders), the request log line
// (sampled like a quick success: logRoutineAnswer). The in-app-browser pass has nothing to do on it (no
// link/script/img, no hx-push-url: checked by the test).
// Everything else goes on to the full route (worker/shop/redeem.tsx), which answers it as before: a request the
// memo does not know, a malformed form, no or a bad cookie, a failed CSRF check (their 4xx come from the full
// session check), a key the wallet has committed (its order replayed) or refused for points (the message says
// the balance).
// The window this opens: the session's revocation (logout) is not read here, so a copy of a logged-out cookie
// (with its page's CSRF token) can still be told SOLD_OUT about an item that is sold out — public on the item
// page — and the key it posts is recorded refused in that member's wallet; it can never get an order or spend a
// point (a success always takes the full path, which reads the revocation).
import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { withLocale, type Locale } from "../../views/i18n";
import { RedeemRefusal } from "../../views/components/redeem-result";
import { renderFragment } from "../../views/render";
import { getDb } from "../../db/client";
import type { AppEnv } from "../app-env";
import { redeemDepsInMode } from "../duiba/redeem-deps";
import { CSRF_FIELD, verifyCsrf } from "../identity/csrf";
import { cookieSession } from "../identity/session";
import { LOCALE_COOKIE, pickLocale } from "../middleware/locale";
import { logRoutineAnswer } from "../middleware/request-log";
import { setSecurityHeaders } from "../middleware/security-headers";
import { clientAddress } from "../rate-limit/rate-limit";
import { RATE_RULES } from "../rate-limit/rules";
import { refuseKnownSoldOut } from "../redeem/redeem";
import type { RedeemErrorCode } from "../redeem/types";
import { knownSoldOut } from "../redeem/sold-out-memo";
import { isHtmx } from "../request-kind";
import { REDEEM_STATUS, RedeemForm, RedeemKey, refusalText } from "./redeem";

const REDEEM_PATH = /^\/items\/([1-9][0-9]{0,9})\/redeem$/;
/** The most a form may ask for (RedeemForm's qty): an item not sold out for it is not sold out for any. */
const MAX_QTY = 99;

// The refusal fragment per (item, code, locale), split where the fresh key goes.
const fragments = new Map<string, [string, string]>();
const FRAGMENTS_MAX = 2048;
const KEY_MARK = "00000000-0000-4000-8000-000000000000";

/** The refusal's HTML, rendered once per (item, code, locale); the fresh key is new each time. */
export function refusalHtml(itemId: number, code: RedeemErrorCode, locale: Locale, freshKey: string): string {
  const id = `${itemId}:${code}:${locale}`;
  let parts = fragments.get(id);
  if (!parts) {
    const html = withLocale(locale, () =>
      renderFragment(<RedeemRefusal itemId={itemId} code={code} message={refusalText(code)} freshKey={KEY_MARK} />),
    );
    const at = html.indexOf(KEY_MARK);
    parts = [html.slice(0, at), html.slice(at + KEY_MARK.length)];
    if (fragments.size >= FRAGMENTS_MAX) fragments.clear();
    fragments.set(id, parts);
  }
  return parts[0] + freshKey + parts[1];
}

const decoder = new TextDecoder();

/** One redeem rate-limit count; false when over the limit. */
async function underLimit(env: Env, rule: "REDEEM_IP" | "REDEEM_MEMBER", key: string): Promise<boolean> {
  const { binding } = RATE_RULES[rule];
  return (await (env[binding] as RateLimit).limit({ key: `${rule}:${key}` })).success;
}

/** Mounted before the middleware chain on POST /items/:id/redeem: the refusal, or on to the chain. A request
 *  that goes on after being counted by the redeem rate limits says so (c.var.rateCounted); one over a limit
 *  goes on uncounted, so the chain's rateLimits answers its 429 (in the request's locale) — counting it once
 *  more in a window it already exceeds. */
export const soldOutFirst: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!isHtmx(c.req.raw)) return next();
  const m = REDEEM_PATH.exec(c.req.path);
  if (!m) return next();
  const itemId = Number(m[1]);
  const started = Date.now();
  if (!knownSoldOut(itemId, MAX_QTY, started)) return next(); // nothing known: no body read here
  const session = await cookieSession(c);
  if (!session) return next();
  const ip = clientAddress(c.req.raw);
  // The body and the rate limits at once: one wait in the event loop instead of three.
  const [bytes, ipOk, memberOk] = await Promise.all([
    c.req.arrayBuffer(), // kept by Hono: the full route's parseBody reads the same form
    ip ? underLimit(c.env, "REDEEM_IP", ip) : true,
    underLimit(c.env, "REDEEM_MEMBER", session.uid),
  ]);
  if (!ipOk || !memberOk) return next();
  c.set("rateCounted", true);
  if (!(c.req.header("Content-Type") ?? "").startsWith("application/x-www-form-urlencoded")) return next();
  const form = new URLSearchParams(decoder.decode(bytes)); // the key, qty and the CSRF token: nothing else is looked at
  const key = RedeemKey.safeParse(form.get("key") ?? undefined);
  const qtyField = RedeemForm.shape.qty.safeParse(form.get("qty") ?? undefined);
  if (!key.success || !qtyField.success) return next();
  const qty = Number(qtyField.data ?? "1");
  if (!knownSoldOut(itemId, qty, started)) return next();
  if (!(await verifyCsrf(c.req.raw, c.env.SESSION_SECRET, session, form.get(CSRF_FIELD) ?? undefined))) return next();
  // Why no revocation read: this answer changes nothing but the key's record in the member's wallet (resolve
  // to SOLD_OUT, the key's single answer), says what the item page says publicly, and can never give an
  // order or spend a point — a success always takes the full route, which reads the revocation.
  const db = getDb(c.env.TURSO_DATABASE_URL, c.env.TURSO_AUTH_TOKEN);
  const deps = await redeemDepsInMode(c.env, db, session.uid); // the mode is memoised per isolate
  const result = await refuseKnownSoldOut(deps, { uid: session.uid, itemId, qty, key: key.data, now: started });
  if (!result || result.ok || result.code === "INSUFFICIENT_POINTS") return next();
  const locale = pickLocale(
    getCookie(c, LOCALE_COOKIE),
    c.req.header("Accept-Language") ?? null,
    c.env.MALL_DEFAULT_LOCALE,
  );
  const status = REDEEM_STATUS[result.code] ?? 409;
  const res = new Response(refusalHtml(itemId, result.code, locale, crypto.randomUUID()), {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      Vary: "HX-Request, HX-Request-Type, Accept-Language, Cookie",
    },
  });
  setSecurityHeaders(res.headers, c.req.url);
  logRoutineAnswer(c.env, c.req.raw, c.req.path, status, started);
  return res;
};
