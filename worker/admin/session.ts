// Admin sessions, separate from shoppers': a signed cookie `pm_admin` (HttpOnly, SameSite=Strict, Secure in
// production, Path=/admin) naming the admin user's id, with a fresh random sid minted at every login (so a
// login always rotates it), valid 12 hours. Before login, the login form is protected by a signed
// double-submit cookie `pm_admin_csrf`; after login, forms carry a token bound to the session's sid.
// Both tokens are checked together with the request's origin (worker/identity/csrf.ts).
import type { Context } from "hono";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import type { AppEnv } from "../app-env";
import { csrfToken, verifyCsrf } from "../identity/csrf";
import type { Session } from "../identity/session";

export const ADMIN_COOKIE = "pm_admin";
export const ADMIN_CSRF_COOKIE = "pm_admin_csrf";
const PATH = "/admin";
const MAX_AGE_S = 12 * 3600;

export type AdminSession = { aid: number; sid: string; exp: number };

function cookieOptions(c: Context<AppEnv>, maxAge: number) {
  return { path: PATH, httpOnly: true, sameSite: "Strict" as const, secure: c.env.MALL_ENV === "production", maxAge };
}

export async function readAdminSession(c: Context<AppEnv>): Promise<AdminSession | null> {
  const raw = await getSignedCookie(c, c.env.SESSION_SECRET, ADMIN_COOKIE);
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as AdminSession;
    if (!Number.isInteger(s.aid) || typeof s.sid !== "string" || typeof s.exp !== "number" || s.exp < Date.now())
      return null;
    return s;
  } catch {
    return null;
  }
}

export async function startAdminSession(c: Context<AppEnv>, aid: number): Promise<void> {
  const session: AdminSession = { aid, sid: crypto.randomUUID(), exp: Date.now() + MAX_AGE_S * 1000 };
  await setSignedCookie(c, ADMIN_COOKIE, JSON.stringify(session), c.env.SESSION_SECRET, cookieOptions(c, MAX_AGE_S));
}

export function endAdminSession(c: Context<AppEnv>): void {
  deleteCookie(c, ADMIN_COOKIE, { path: PATH, secure: c.env.MALL_ENV === "production" });
}

/** The shopper CSRF helpers take a Session; these sids are namespaced so no token works in the other realm. */
function realm(sid: string): Session {
  return { uid: "", sid, exp: 0 };
}

export function adminCsrfToken(secret: string, session: Pick<AdminSession, "sid">): Promise<string> {
  return csrfToken(secret, realm(`admin:${session.sid}`));
}

export function verifyAdminCsrf(
  c: Context<AppEnv>,
  session: Pick<AdminSession, "sid">,
  token: unknown,
): Promise<boolean> {
  return verifyCsrf(c.req.raw, c.env.SESSION_SECRET, realm(`admin:${session.sid}`), token);
}

/** The pre-session token of the login form: reuses the cookie's random value, or sets a new one. */
export async function loginCsrfToken(c: Context<AppEnv>): Promise<string> {
  let nonce = await getSignedCookie(c, c.env.SESSION_SECRET, ADMIN_CSRF_COOKIE);
  if (!nonce || !/^[0-9a-f]{32}$/.test(nonce)) {
    nonce = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
    await setSignedCookie(c, ADMIN_CSRF_COOKIE, nonce, c.env.SESSION_SECRET, cookieOptions(c, MAX_AGE_S));
  }
  return csrfToken(c.env.SESSION_SECRET, realm(`admin-login:${nonce}`));
}

export async function verifyLoginCsrf(c: Context<AppEnv>, token: unknown): Promise<boolean> {
  const nonce = await getSignedCookie(c, c.env.SESSION_SECRET, ADMIN_CSRF_COOKIE);
  if (!nonce) return false;
  return verifyCsrf(c.req.raw, c.env.SESSION_SECRET, realm(`admin-login:${nonce}`), token);
}
