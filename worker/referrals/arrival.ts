// Remembering an invite across the login hop: a visitor who opens /i/<code> (or any page with ?inv=<code>)
// gets a signed, HttpOnly cookie with the code for 7 days; the login that creates the member (autologin, WeChat
// login) reads it — or the `inv` of the page the login redirects to — binds the new member to the inviter
// (./bind.ts) and drops it.
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import type { AppEnv } from "../app-env";
import type { WalletRules } from "../wallet/types";
import { bindReferral } from "./bind";
import { normaliseInviteCode } from "./invite-code";
import { referralTrigger } from "./settle";

export const INVITE_COOKIE = "mall_inv";
const MAX_AGE_S = 7 * 86_400;

export async function rememberInvite(c: Context<AppEnv>, code: string): Promise<void> {
  await setSignedCookie(c, INVITE_COOKIE, code, c.env.SESSION_SECRET, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure: c.env.MALL_ENV === "production",
    maxAge: MAX_AGE_S,
  });
}

/** ?inv=<code> on a guest's page view: remembered like /i/<code>. */
export function inviteParam(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    // After the page: its handler answers a Response of its own, so the cookie goes onto that one.
    const p = c.req.path;
    if (c.req.method !== "GET" || c.var.session || p.startsWith("/api/") || p.startsWith("/admin")) return;
    const code = normaliseInviteCode(c.req.query("inv"));
    if (code) await rememberInvite(c, code);
  };
}

/** The invite this arrival carries (the cookie, else `inv` in the login's redirect path), and forgets the
 *  cookie: it is used by the one login that reads it. */
export async function takeInvite(c: Context<AppEnv>, redirect?: string | null): Promise<string | null> {
  const signed = await getSignedCookie(c, c.env.SESSION_SECRET, INVITE_COOKIE);
  if (signed !== undefined) deleteCookie(c, INVITE_COOKIE, { path: "/" });
  const fromCookie = typeof signed === "string" ? normaliseInviteCode(signed) : null;
  if (fromCookie) return fromCookie;
  if (!redirect) return null;
  try {
    return normaliseInviteCode(new URL(redirect, "http://x").searchParams.get("inv"));
  } catch {
    return null;
  }
}

/** A login's hook, after the member's wallet said whether this login created them: binds the invite the
 *  arrival carries (if any) and, when the programme pays at sign-up, pays it. Never fails the login. */
export async function settleArrival(
  c: Context<AppEnv>,
  input: { uid: string; created: boolean; redirect?: string | null; rules: WalletRules; now: number },
): Promise<void> {
  const code = await takeInvite(c, input.redirect);
  if (!code) return;
  try {
    const bound = await bindReferral(c.var.db, { invitee: input.uid, code, created: input.created, now: input.now });
    if (bound.ok) await referralTrigger(c.env, c.var.db, input.uid, "signup", input.rules, input.now);
  } catch (err) {
    console.warn(JSON.stringify({ level: "warn", event: "referral_bind_failed", uid: input.uid, error: String(err) }));
  }
}
