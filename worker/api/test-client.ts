// For the API tests: calls through the real Worker (SELF.fetch) with the test env's bootstrap token.
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";

export const BASE = "http://mall.test";
export const TOKEN = env.MERCHANT_API_TOKEN;

export type ApiResponse = { status: number; headers: Headers; json: any };

export async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  const init: RequestInit = { method, headers: { Authorization: `Bearer ${TOKEN}`, ...headers } };
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)["Content-Type"] ??= "application/json";
  }
  const res = await SELF.fetch(`${BASE}${path}`, init);
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, json };
}

export const newUid = () => `t-${crypto.randomUUID()}`;
export const newRef = (prefix = "r") => `${prefix}-${crypto.randomUUID()}`;

/** A mutation's body with a fresh ref (worker/api/idempotency.ts) unless it has one: each call a new request.
 *  Anything but a plain object is sent as given. */
export const withRef = (body: unknown): unknown =>
  body && typeof body === "object" && !Array.isArray(body) && !("ref" in body) ? { ref: newRef(), ...body } : body;

export const earn = (uid: string, body: unknown) => call("POST", `/api/v1/members/${uid}/points/earn`, body);
export const deduct = (uid: string, body: unknown) => call("POST", `/api/v1/members/${uid}/points/deduct`, body);
export const reverse = (uid: string, body: unknown) => call("POST", `/api/v1/members/${uid}/points/reverse`, body);
export const getMember = (uid: string) => call("GET", `/api/v1/members/${uid}`);
export const putMember = (uid: string, body?: unknown) => call("PUT", `/api/v1/members/${uid}`, body);

/** Every ledger entry of a member, newest first, paging with the given limit. */
export async function fullLedger(uid: string, limit = 100): Promise<any[]> {
  const entries: any[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const q: string = `limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const res = await call("GET", `/api/v1/members/${uid}/ledger?${q}`);
    if (res.status !== 200) throw new Error(`ledger ${res.status}: ${JSON.stringify(res.json)}`);
    entries.push(...res.json.entries);
    cursor = res.json.nextCursor;
    if (!cursor) break;
  }
  return entries;
}
