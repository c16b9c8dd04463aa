// CSRF protection for state-changing page requests: a token bound to the session (HMAC of its random id)
// rendered into every form, plus an origin check (Origin, or Sec-Fetch-Site when Origin is absent).
import { CSRF_FIELD } from "../../views/components/post-form";
import { hmacHex } from "./hmac";
import type { Session } from "./session";

/** the form field's name, rendered by the one <PostForm> */
export { CSRF_FIELD };

// A session's token never changes, and every member page renders it: kept per isolate (plain strings, bounded).
const tokens = new Map<string, string>();
const TOKENS_MAX = 1024;

export async function csrfToken(secret: string, session: Session): Promise<string> {
  const key = `${secret.length}:${secret}\n${session.sid}`;
  const known = tokens.get(key);
  if (known) return known;
  const token = (await hmacHex(secret, `csrf:${session.sid}`)).slice(0, 40);
  if (tokens.size >= TOKENS_MAX) tokens.clear();
  tokens.set(key, token);
  return token;
}

function sameOrigin(req: Request): boolean {
  const origin = req.headers.get("Origin");
  if (origin) return origin === new URL(req.url).origin;
  const site = req.headers.get("Sec-Fetch-Site");
  return site === null || site === "same-origin" || site === "none";
}

/** Constant-time string equality (both sides are our own hex tokens). */
function equal(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export async function verifyCsrf(req: Request, secret: string, session: Session, token: unknown): Promise<boolean> {
  if (!sameOrigin(req) || typeof token !== "string") return false;
  return equal(token, await csrfToken(secret, session));
}
