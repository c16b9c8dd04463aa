// For the admin console tests: signing in through the real login form (its pre-session CSRF cookie and
// token), reading cookies and CSRF tokens from answers. Requests go through worker/shop/test-session.
import { SELF } from "cloudflare:test";
import { expect } from "vitest";
import { BASE, get, post } from "../shop/test-session";

export const OWNER = { email: "owner@example.com", password: "test-admin-password" };

export function cookiesOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const i = pair!.indexOf("=");
    out[pair!.slice(0, i)] = pair!;
  }
  return out;
}

export function csrfIn(html: string): string {
  const m = /name="_csrf" value="([0-9a-f]+)"/.exec(html);
  expect(m).not.toBeNull();
  return m![1]!;
}

/** The login form's pre-session cookie and token. */
export async function loginForm() {
  const res = await get("/admin/login");
  expect(res.status).toBe(200);
  expect(res.headers.getSetCookie().filter((c) => c.startsWith("pm_admin_csrf=")).length).toBe(1);
  const cookie = cookiesOf(res).pm_admin_csrf!;
  return { cookie, csrf: csrfIn(await res.text()) };
}

let clients = 0;
/** A client address of its own (CF-Connecting-IP, IPv6 documentation range): logins are throttled per
 *  client, and tests running in parallel must not share one. */
export function testClient(): Record<string, string> {
  clients += 1;
  return { "CF-Connecting-IP": `2001:db8:${crypto.randomUUID().slice(0, 4)}::${clients.toString(16)}` };
}

/** One login attempt through the real form, from `client` (a fresh one by default), with `cookie` (e.g. the
 *  console's device cookie) sent beside the form's pre-session cookie. */
export async function attempt(
  email: string,
  password: string,
  client: Record<string, string> = testClient(),
  cookie?: string,
) {
  const form = await loginForm();
  return post(
    "/admin/login",
    cookie ? `${form.cookie}; ${cookie}` : form.cookie,
    { _csrf: form.csrf, email, password },
    client,
  );
}

/** Signs in; answers the admin session cookie. */
export async function login(email: string, password: string): Promise<string> {
  const res = await attempt(email, password);
  expect(res.status).toBe(303);
  expect(res.headers.get("location")).toBe("/admin/dashboard");
  return cookiesOf(res).pm_admin!;
}

/** The CSRF token on an admin page. */
export async function pageCsrf(cookie: string, path: string) {
  const res = await get(path, cookie);
  expect(res.status).toBe(200);
  return csrfIn(await res.text());
}

export type AdminSession = { cookie: string; csrf: string };

/** The owner signed in, with the CSRF token of `path` (one of their pages). */
export async function ownerSession(path: string): Promise<AdminSession> {
  const cookie = await login(OWNER.email, OWNER.password);
  return { cookie, csrf: await pageCsrf(cookie, path) };
}

/** A form post with repeated fields (URLSearchParams) or files (FormData), from our origin; redirects are
 *  answered, not followed. */
export function postForm(
  path: string,
  cookie: string,
  body: URLSearchParams | FormData,
  headers: Record<string, string> = {},
): Promise<Response> {
  return SELF.fetch(`${BASE}${path}`, {
    method: "POST",
    body,
    headers: { Cookie: cookie, Origin: BASE, ...headers },
    redirect: "manual",
  });
}
