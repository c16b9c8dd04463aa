// Console login throttling (issue 14): per client and per account, so that an attacker's wrong passwords lock
// the attacker, not the owner.
// - Per client (CF-Connecting-IP; without it — local dev, tests without the header — one shared key):
//   failures with any e-mail, known or not, count in login_throttles; from the 5th in a row the client is
//   locked for 30 s, doubling with each further failure, at most an hour (a success clears the count; a
//   failure a day after the previous one starts it again).
// - Per account (admin_users.failed_logins / locked_until): from the 20th failure in a row, from any clients,
//   the account is locked the same way — except for a browser that signed in to it before (the signed
//   device cookie pm_admin_device), which keeps signing in (still under its own client's throttle).
import { eq, sql } from "drizzle-orm";
import type { Context } from "hono";
import { getSignedCookie, setSignedCookie } from "hono/cookie";
import type { Db } from "../../../db/client";
import { loginThrottles } from "../../../db/schema";
import type { AppEnv } from "../../app-env";

/** Failures allowed before a client is locked; an account allows more (many clients share the blame). */
export const FREE_FAILURES = 5;
export const ACCOUNT_FREE_FAILURES = 20;
const LOCK_BASE_MS = 30_000;
const LOCK_MAX_MS = 3600_000;
/** A failure this long after the previous one starts the client's count again. */
const CLIENT_FORGET_MS = 24 * 3600_000;

/** A client's lock after `failures` in a row: 30 s × 2^(failures − 5), at most an hour; 0 below 5. */
export function lockMs(failures: number): number {
  return failures < FREE_FAILURES ? 0 : Math.min(LOCK_BASE_MS * 2 ** (failures - FREE_FAILURES), LOCK_MAX_MS);
}

/** An account's lock: the same back-off from its 20th failure in a row. */
export function accountLockMs(failures: number): number {
  return lockMs(failures - (ACCOUNT_FREE_FAILURES - FREE_FAILURES));
}

/** The client's throttle key: its address as Cloudflare saw it (never a header the client sets itself behind
 *  Cloudflare), else one stable key for every request without it. */
export function clientKey(c: Context<AppEnv>): string {
  const ip = (c.req.header("CF-Connecting-IP") ?? "").trim().toLowerCase();
  return /^[0-9a-f:.]{2,45}$/.test(ip) ? `client:${ip}` : "client:unknown";
}

export function clientThrottleQuery(db: Db, key: string) {
  return db
    .select({
      failures: loginThrottles.failures,
      lockedUntil: loginThrottles.lockedUntil,
      updatedAt: loginThrottles.updatedAt,
    })
    .from(loginThrottles)
    .where(eq(loginThrottles.key, key))
    .limit(1);
}

/** One more failure for the client, counted and locked in one statement (concurrent failures all count). */
export function clientFailure(db: Db, key: string, now: number) {
  const fresh = sql`case when ${loginThrottles.updatedAt} < ${now - CLIENT_FORGET_MS} then 1 else ${loginThrottles.failures} + 1 end`;
  return db.run(sql`insert into login_throttles (key, failures, locked_until, updated_at) values (${key}, 1, null, ${now})
    on conflict (key) do update set
      failures = ${fresh},
      locked_until = case when ${fresh} >= ${FREE_FAILURES}
        then ${now} + min(${LOCK_BASE_MS} * (1 << min(${fresh} - ${FREE_FAILURES}, 20)), ${LOCK_MAX_MS}) else null end,
      updated_at = ${now}`);
}

export function clearClient(db: Db, key: string) {
  return db.delete(loginThrottles).where(eq(loginThrottles.key, key));
}

// ---- the device cookie: a browser that signed in to an account before ------------------------------------

const DEVICE_COOKIE = "pm_admin_device";
const DEVICE_MAX_AGE_S = 365 * 24 * 3600;

export async function isKnownDevice(c: Context<AppEnv>, adminId: number): Promise<boolean> {
  const v = await getSignedCookie(c, c.env.SESSION_SECRET, DEVICE_COOKIE);
  return typeof v === "string" && v.split(".")[0] === String(adminId);
}

export async function rememberDevice(c: Context<AppEnv>, adminId: number): Promise<void> {
  const nonce = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, "0")).join("");
  await setSignedCookie(c, DEVICE_COOKIE, `${adminId}.${nonce}`, c.env.SESSION_SECRET, {
    path: "/admin",
    httpOnly: true,
    sameSite: "Strict",
    secure: c.env.MALL_ENV === "production",
    maxAge: DEVICE_MAX_AGE_S,
  });
}
