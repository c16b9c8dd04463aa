// The OAuth `state` of a WeChat login (网页授权), checked on the way back: signed (HMAC with SESSION_SECRET),
// short-lived (10 minutes) and bound to the browser that started the login — its random nonce is also in a
// signed, HttpOnly cookie of that browser (`pm_wx_state`, Path=/wechat), together with where to go after the
// login. A state from another browser (a login CSRF: someone sends their own callback link), an old one, or
// one used already (the cookie is deleted at the first callback) is refused.
import { base64url, hmacHex, hmacVerifyHex } from "./hmac";

export const STATE_COOKIE = "pm_wx_state";
export const STATE_TTL_MS = 10 * 60_000;

export type StartedLogin = { state: string; cookie: string };

const signed = (nonce: string, exp: string) => `wechat-state:${nonce}:${exp}`;

/** A new state for the authorize URL and the cookie value to set with it (nonce and the path to return to). */
export async function newLoginState(secret: string, redirect: string, now: number): Promise<StartedLogin> {
  const nonce = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const exp = (now + STATE_TTL_MS).toString(36);
  const sig = await hmacHex(secret, signed(nonce, exp));
  return { state: `${nonce}.${exp}.${sig}`, cookie: `${nonce}|${redirect}` };
}

/** The path to return to when `state` is ours, unexpired, and this browser's (its cookie); null otherwise. */
export async function checkLoginState(
  secret: string,
  state: string | undefined,
  cookie: string | false | undefined,
  now: number,
): Promise<string | null> {
  const m = /^([A-Za-z0-9_-]{22})\.([0-9a-z]{1,11})\.([0-9a-f]{64})$/.exec(state ?? "");
  if (!m || !cookie) return null;
  const [, nonce, exp, sig] = m as unknown as [string, string, string, string];
  if (!(await hmacVerifyHex(secret, signed(nonce, exp), sig))) return null;
  if (parseInt(exp, 36) <= now) return null;
  const bar = cookie.indexOf("|");
  if (bar < 0 || cookie.slice(0, bar) !== nonce) return null;
  return cookie.slice(bar + 1);
}
