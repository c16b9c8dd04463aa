// Turso unreachable (issue 13, faults): every answer is a retryable 503 with Retry-After and the catalogue's
// text — a page, a fragment, the API's JSON — never a bare 500, and nothing is spent or held. The Worker runs
// here with its database URL pointing at a port nothing listens on (the stack test
// test/faults.stack.test.ts stops the real server in the middle of a rush).
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
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
