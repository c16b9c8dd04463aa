// Shopper sessions: a signed, HttpOnly, SameSite=Lax cookie (Secure outside local dev) naming the member's
// uid. A new random session id is minted at every login, so a login always rotates the cookie.
import type { Context } from "hono";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import type { AppEnv } from "../app-env";

export const SESSION_COOKIE = "pm_session";
const MAX_AGE_S = 30 * 24 * 3600;

export type Session = { uid: string; sid: string; exp: number };

export async function readSession(c: Context<AppEnv>): Promise<Session | null> {
  const raw = await getSignedCookie(c, c.env.SESSION_SECRET, SESSION_COOKIE);
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Session;
    if (typeof s.uid !== "string" || typeof s.exp !== "number" || s.exp < Date.now()) return null;
    return s;
  } catch {
    return null;
  }
}

export async function startSession(c: Context<AppEnv>, uid: string): Promise<void> {
  const session: Session = { uid, sid: crypto.randomUUID(), exp: Date.now() + MAX_AGE_S * 1000 };
  await setSignedCookie(c, SESSION_COOKIE, JSON.stringify(session), c.env.SESSION_SECRET, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure: c.env.MALL_ENV === "production",
    maxAge: MAX_AGE_S,
  });
}

export function endSession(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}
