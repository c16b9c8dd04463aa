// The flash sale's refusal at the edge (issue 13): an htmx redemption of an item this isolate knows is sold out
// (worker/redeem/sold-out-memo.ts) is answered before the session's Turso read — the member is the one the
// signed session cookie names, the CSRF token and the origin are checked as requireMember does, the redeem rate
// limits count it, and the wallet's resolve(k, SOLD_OUT) keeps the key's single answer (refuseKnownSoldOut). A
// sold-out refusal then costs one wallet call and no Turso round trip.
// Everything else goes on to the full route (worker/shop/redeem.tsx), which answers it as before: a request the
// memo does not know, a malformed form, no or a bad cookie, a failed CSRF check (their 4xx come from the full
// session check), a key the wallet has committed (its order replayed) or refused for points (the message says
// the balance).
// The window this opens: the session's revocation (logout) is not read here, so a copy of a logged-out cookie
// (with its page's CSRF token) can still be told SOLD_OUT about an item that is sold out — public on the item
// page — and the key it posts is recorded refused in that member's wallet; it can never get an order or spend a
// point (a success always takes the full path, which reads the revocation).
import type { Context } from "hono";
import { getSignedCookie } from "hono/cookie";
import { RedeemRefusal } from "../../views/components/redeem-result";
import type { AppEnv } from "../app-env";
import { redeemDepsInMode } from "../duiba/redeem-deps";
import { CSRF_FIELD, verifyCsrf } from "../identity/csrf";
import { SESSION_COOKIE, type Session } from "../identity/session";
import { clientAddress, limitBy } from "../rate-limit/rate-limit";
import { refuseKnownSoldOut } from "../redeem/redeem";
import { knownSoldOut } from "../redeem/sold-out-memo";
import { fragmentResponse } from "../render";
import { isHtmx } from "../request-kind";
import { REDEEM_STATUS, RedeemForm, RedeemKey, refusalText } from "./redeem";

const REDEEM_PATH = /^\/items\/([1-9][0-9]{0,9})\/redeem$/;
/** The most a form may ask for (RedeemForm's qty): an item not sold out for it is not sold out for any. */
const MAX_QTY = 99;

/** The session as its signed cookie says (no revocation read), or null. */
async function cookieSession(c: Context<AppEnv>): Promise<Session | null> {
  const raw = await getSignedCookie(c, c.env.SESSION_SECRET, SESSION_COOKIE);
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Session;
    if (typeof s?.uid !== "string" || typeof s.sid !== "string" || typeof s.exp !== "number") return null;
    return s.exp < Date.now() ? null : s;
  } catch {
    return null;
  }
}

/** The refusal fragment, or null: the request goes on to the full route. Counted by the redeem rate limits
 *  once answered here (c.var.rateCounted tells rateLimits not to count it again if it goes on). */
export async function soldOutRefusal(c: Context<AppEnv>): Promise<Response | null> {
  if (c.req.method !== "POST" || !isHtmx(c.req.raw)) return null;
  const m = REDEEM_PATH.exec(c.req.path);
  if (!m) return null;
  const itemId = Number(m[1]);
  const now = Date.now();
  if (!knownSoldOut(itemId, MAX_QTY, now)) return null; // nothing known: no body parsed here
  const session = await cookieSession(c);
  if (!session) return null;
  const body = await c.req.parseBody(); // kept by Hono: the full route reads the same form
  const key = RedeemKey.safeParse(body.key);
  const form = RedeemForm.safeParse(body);
  if (!key.success || !form.success) return null;
  const qty = Number(form.data.qty ?? "1");
  if (!knownSoldOut(itemId, qty, now)) return null;
  if (!(await verifyCsrf(c.req.raw, c.env.SESSION_SECRET, session, body[CSRF_FIELD]))) return null;
  const ip = clientAddress(c.req.raw);
  if (ip) await limitBy(c.env, "REDEEM_IP", ip);
  await limitBy(c.env, "REDEEM_MEMBER", session.uid);
  c.set("rateCounted", true);
  const deps = await redeemDepsInMode(c.env, c.var.db, session.uid);
  const result = await refuseKnownSoldOut(deps, { uid: session.uid, itemId, qty, key: key.data, now });
  if (!result || result.ok || result.code === "INSUFFICIENT_POINTS") return null;
  return fragmentResponse(
    <RedeemRefusal
      itemId={itemId}
      code={result.code}
      message={refusalText(result.code)}
      freshKey={crypto.randomUUID()}
    />,
    REDEEM_STATUS[result.code] ?? 409,
  );
}
