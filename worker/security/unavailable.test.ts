// Turso unreachable (issue 13, faults): every answer is a retryable 503 with Retry-After and the catalogue's
// text — a page, a fragment, the API's JSON — never a bare 500, and nothing is spent or held. The Worker runs
// here with its database URL pointing at a port nothing listens on (the stack test
// test/faults.stack.test.ts stops the real server in the middle of a rush).
import { createClient } from "@libsql/client/web";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql/web";
import { expect, it } from "vitest";
import { t } from "../../views/i18n";
import worker from "../index";
import { createItem } from "../redeem/test-support";
import { BASE, balanceOf, givePoints, HX, login, redeemForm } from "../shop/test-session";
import { stockFor } from "../stock/stock-stub";
import { isUnavailable } from "./retry-later";

const DEAD = "http://127.0.0.1:9"; // nothing listens there: connection refused

async function offline(path: string, init: RequestInit = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`${BASE}${path}`, { redirect: "manual", ...init }),
    { ...env, TURSO_DATABASE_URL: DEAD },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

const TEXT = t("error.SERVICE_UNAVAILABLE");

it("a guest page answers 503 with Retry-After and the retry text", async () => {
  const res = await offline("/");
  expect(res.status).toBe(503);
  expect(res.headers.get("Retry-After")).toBe("5");
  expect(await res.text()).toContain(TEXT);
});

it("the Merchant API answers 503 SERVICE_UNAVAILABLE as JSON", async () => {
  const res = await offline("/api/v1/orders", { headers: { Authorization: `Bearer ${env.MERCHANT_API_TOKEN}` } });
  expect(res.status).toBe(503);
  expect(res.headers.get("Retry-After")).toBe("5");
  expect(await res.json()).toEqual({ error: { code: "SERVICE_UNAVAILABLE", message: TEXT } });
});

it("a redemption while Turso is down is refused with the retry text and spends and holds nothing", async () => {
  const m = await login();
  await givePoints(m.uid, 500);
  const item = await createItem({ type: "virtual", points: 100, stock: 5 });
  const form = await redeemForm(m.cookie, item.itemId);
  const before = await balanceOf(m.uid);
  const res = await offline(`/items/${item.itemId}/redeem`, {
    method: "POST",
    body: new URLSearchParams({ _csrf: form.csrf, key: form.key, qty: "1" }),
    headers: { Cookie: m.cookie, Origin: BASE, "Content-Type": "application/x-www-form-urlencoded", ...HX },
  });
  expect(res.status).toBe(503);
  expect(res.headers.get("Retry-After")).toBe("5");
  const html = await res.text();
  expect(html).toContain('data-error-code="SERVICE_UNAVAILABLE"');
  expect(html).toContain(TEXT);
  expect(await balanceOf(m.uid)).toBe(before);
  expect(await stockFor(env, item.itemId).holds()).toEqual([]);
});

it("tells transport failures from bugs, through drizzle's wrapping", () => {
  const refused = new Error("Failed query: select 1", { cause: new TypeError("Network connection lost.") });
  expect(isUnavailable(refused)).toBe(true);
  expect(isUnavailable(Object.assign(new Error("Durable Object reset"), { retryable: true }))).toBe(true);
  expect(isUnavailable(Object.assign(new Error("x"), { code: "SERVER_ERROR" }))).toBe(true);
  expect(isUnavailable(new TypeError("undefined is not a function"))).toBe(false);
  expect(isUnavailable(Object.assign(new Error("UNIQUE constraint failed"), { code: "SQLITE_CONSTRAINT" }))).toBe(
    false,
  );
});

it("a database answering that it is shutting down (the local server's JSON 503) is unavailable, not a bug", async () => {
  // The real client and drizzle over a server that answers every pipeline as db/server does while it stops: the
  // JSON body's code becomes the error's code (the HTTP status is not kept), so the code itself must be known.
  const stopping = async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    if (req.method !== "POST") return new Response("ok");
    const body = { message: "The server is shutting down", code: "SERVER_SHUTTING_DOWN" };
    return new Response(JSON.stringify(body), { status: 503, headers: { "content-type": "application/json" } });
  };
  const client = createClient({ url: "http://db.test", fetch: stopping });
  const db = drizzle(client);
  const errors = await Promise.all([
    client.execute("select 1").catch((e: unknown) => e),
    db.run(sql`select 1`).catch((e: unknown) => e),
    db.batch([db.run(sql`select 1`), db.run(sql`select 2`)]).catch((e: unknown) => e),
  ]);
  for (const e of errors) {
    expect(e).toBeInstanceOf(Error);
    expect(isUnavailable(e)).toBe(true);
  }
  // A statement the server refused is still a bug (or a business case) for the caller, not "try again".
  const refusing = async () => {
    const body = { message: "SQLite error: no such table: nope", code: "SQL_INPUT_ERROR" };
    return new Response(JSON.stringify(body), { status: 400, headers: { "content-type": "application/json" } });
  };
  const bad = await createClient({ url: "http://db.test", fetch: refusing })
    .execute("select * from nope")
    .catch((e: unknown) => e);
  expect(bad).toBeInstanceOf(Error);
  expect(isUnavailable(bad)).toBe(false);
  client.close();
});
