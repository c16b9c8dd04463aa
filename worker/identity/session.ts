// Shopper sessions: a signed, HttpOnly, SameSite=Lax cookie (Secure outside local dev) naming the member's
// uid. A new random session id is minted at every login, so a login always rotates the cookie. Logout
// revokes the session id on the server (member_session_revocations, as the console's pm_admin), so a copy of
// the cookie kept elsewhere is a guest's from then on: at once in the isolate that logged out, within
// SESSION_MEMO_MS (5 s) in the others (./session-memo.ts).
import { and, count, eq, isNull, lt } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, getCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import type { Db } from "../../db/client";
import { members, memberSessionRevocations, messages } from "../../db/schema";
import type { AppEnv } from "../app-env";
import { forgetSession, memoSession, rememberSession, sessionGeneration } from "./session-memo";

export const SESSION_COOKIE = "pm_session";
const MAX_AGE_S = 30 * 24 * 3600;

export type Session = { uid: string; sid: string; exp: number };

/** A session as a request reads it: the cookie's fields, plus whether the member was blocked (members.blocked,
 *  set in the console) and how many of their messages were unread (消息中心) when the request began — read in
 *  the same batch as the revocation check, so a member page's header needs no read of its own
 *  (worker/member/member-bar.ts). */
export type RequestSession = Session & { blocked: boolean; unread: number };

// Cookies whose signature this isolate has checked, by the cookie's whole value (payload and signature) under
// the secret: the same bytes always check the same way, so a member's next page skips the HMAC key import and
// verify (issue 13). Only good signatures are kept; bounded, the oldest first.
const signed = new Map<string, string>();
const SIGNED_MAX = 5_000;

/** The signed cookie's payload when its signature is good (hono's getSignedCookie), else undefined/false. */
async function signedSessionCookie(c: Context<AppEnv>): Promise<string | false | undefined> {
  const secret = c.env.SESSION_SECRET;
  const whole = getCookie(c, SESSION_COOKIE);
  if (!whole) return undefined;
  const key = `${secret.length}:${secret}\n${whole}`;
  const known = signed.get(key);
  if (known !== undefined) return known;
  const raw = await getSignedCookie(c, secret, SESSION_COOKIE);
  if (typeof raw === "string") {
    if (signed.size >= SIGNED_MAX) {
      const oldest = signed.keys().next();
      if (!oldest.done) signed.delete(oldest.value);
    }
    signed.set(key, raw);
  }
  return raw;
}

export async function readSession(c: Context<AppEnv>): Promise<RequestSession | null> {
  const raw = await signedSessionCookie(c);
  if (!raw) return null;
  let s: Session;
  try {
    s = JSON.parse(raw) as Session;
  } catch {
    return null;
  }
  if (typeof s?.uid !== "string" || typeof s.sid !== "string" || typeof s.exp !== "number" || s.exp < Date.now())
    return null;
  // Outside the parse's try: Turso unreachable is a retryable failure (503), not a signed-out member.
  // This isolate's answer of the last SESSION_MEMO_MS first (./session-memo.ts: the window, and what closes it).
  const now = Date.now();
  let state = memoSession(s.sid, s.uid, now);
  if (!state) {
    const started = sessionGeneration();
    state = await sessionState(c.var.db, s.sid, s.uid);
    rememberSession(s.sid, s.uid, state, now, s.exp, started);
  }
  return state.revoked ? null : { uid: s.uid, sid: s.sid, exp: s.exp, blocked: state.blocked, unread: state.unread };
}

/** Revoked or not, the member's blocked flag and unread messages: one read batch (one round trip to Turso). */
async function sessionState(
  db: Db,
  sid: string,
  uid: string,
): Promise<{ revoked: boolean; blocked: boolean; unread: number }> {
  const [revoked, member, unread] = await db.batch([
    db
      .select({ sid: memberSessionRevocations.sid })
      .from(memberSessionRevocations)
      .where(eq(memberSessionRevocations.sid, sid))
      .limit(1),
    db.select({ blocked: members.blocked }).from(members).where(eq(members.uid, uid)).limit(1),
    db
      .select({ n: count() })
      .from(messages)
      .where(and(eq(messages.uid, uid), isNull(messages.readAt))),
  ]);
  return { revoked: revoked.length > 0, blocked: member[0]?.blocked === true, unread: unread[0]?.n ?? 0 };
}

/** Ends `session` on the server (its id is refused until the cookie would have expired anyway; expired
 *  revocations are pruned in the same batch) and in this browser. */
export async function revokeSession(c: Context<AppEnv>, session: Session): Promise<void> {
  const db = c.var.db;
  // Refused in this isolate at once (before the write: a page in flight cannot store "live" after it).
  forgetSession(session.sid, session.uid, session.exp);
  await db.batch([
    db.insert(memberSessionRevocations).values({ sid: session.sid, expiresAt: session.exp }).onConflictDoNothing(),
    db.delete(memberSessionRevocations).where(lt(memberSessionRevocations.expiresAt, Date.now())),
  ]);
  endSession(c);
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
