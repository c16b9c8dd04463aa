// The bad-input corpus run against EVERY route of the app's route table (issue 13, faults): the routes come
// from Hono (`app.routes`), not from a list, so a new route is covered the day it is added. For each route:
//   - every path parameter replaced by bad values (not a number, negative, zero, huge, fractional, NUL, a bidi
//     override, bad UTF-8, markup and SQL meta-characters, 5,000 characters): a 4xx with a message;
//   - for every mutation (POST, PUT, PATCH, DELETE), with the real session, CSRF token or API token and real
//     ids in the path, bodies that are wrong: missing fields, wrong types, huge and negative numbers,
//     duplicate fields, markup and SQL, unusual Unicode, bad UTF-8, 3 MB, the wrong content type, malformed
//     JSON — and page forms without their CSRF token: a 4xx with a message;
//   - GETs get the same bad values in their query: never a 5xx (a page may ignore a parameter it does not read).
// Never a 5xx anywhere, and nothing written: every table's row count in Turso and the state of the member's
// wallet and the items' stock objects are the same after each request (page views, written by design for
// every page shown, are left out of the count).
//
// The Worker runs against a database only this file writes to (corpusDbUrl), with items numbered from
// 9,000,001 so their stock objects are this file's alone. (The objects' outboxes write to the shared test
// database, where this file's member and items do not exist: their "FOREIGN KEY constraint failed" retries in
// the log are expected and change nothing here.)
//
// Bodies "of the right shape with wrong values" (negative, huge, wrong types, duplicates, markup and SQL,
// unusual Unicode, nothing at all) may be fine for a route whose fields are free text or optional; for them the
// rule is: never a 5xx, and a refusal writes nothing. Every other case must be a 4xx.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { getDb } from "../../db/client";
import { app } from "../app";
import { isUid } from "../identity/uid";
import { signAutologinLink } from "../identity/autologin-sign";
import { BASE } from "../shop/test-session";
import { stockFor } from "../stock/stock-stub";
import { walletFor } from "../wallet/wallet-stub";
import { loadSettings, walletRules } from "../settings/load-settings";

const corpusEnv = { ...env, TURSO_DATABASE_URL: inject("corpusDbUrl") };
const db = () => getDb(corpusEnv.TURSO_DATABASE_URL);

/** Routes that take no input but their path (and the session): any body is ignored and the action runs, so
 *  the corpus checks their path parameters and the CSRF token, not their (absent) bodies. Found by this test
 *  (each answered a body of garbage by doing its one job). */
const NO_BODY = new Set<string>([
  "POST /logout",
  "POST /admin/logout",
  "POST /checkin",
  "POST /messages/read-all", // its one field (the page to go back to) is optional
  "POST /me/orders/:id/cancel",
  "POST /me/orders/:id/receive",
  "POST /me/addresses/:id/default",
  "POST /me/addresses/:id/delete",
  "POST /admin/tokens/:id/revoke",
  "POST /admin/users/:id/remove",
  "POST /admin/members/:uid/block",
  "POST /admin/members/:uid/unblock",
  "POST /admin/items/:id{[0-9]+}/shelf",
  "POST /admin/items/categories/:id/delete",
  "POST /admin/orders/:id/fulfil",
  "POST /admin/settings/autologin/rotate",
  "POST /admin/settings/wechat", // one checkbox: any body without it is a valid "off"
  "POST /api/v1/orders/:id/complete",
  "POST /api/v1/webhooks/:id/rotate",
  "POST /api/v1/webhooks/:id/deliveries/:eventId/redeliver",
  "DELETE /api/v1/webhooks/:id",
]);

async function send(path: string, init: RequestInit = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${BASE}${path}`, { redirect: "manual", ...init }), corpusEnv, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]!);
}
const csrfIn = (html: string) => /name="_csrf" value="([0-9a-f]+)"/.exec(html)?.[1] ?? "";

type Ctx = {
  uid: string;
  member: { cookie: string; csrf: string };
  admin: { cookie: string; csrf: string };
  ids: { item: string; order: string; category: string; address: string; task: string };
  items: number[];
};
let ctx: Ctx;

beforeAll(async () => {
  // A member with points, an address, and a placed physical order.
  const uid = `corpus-${crypto.randomUUID()}`;
  const login = await send(
    new URL(await signAutologinLink(BASE, env.AUTOLOGIN_SECRET, { uid })).pathname +
      new URL(await signAutologinLink(BASE, env.AUTOLOGIN_SECRET, { uid })).search,
  );
  expect(login.status).toBe(302);
  const memberCookie = cookiesOf(login).join("; ");
  const memberCsrf = csrfIn(await (await send("/", { headers: { Cookie: memberCookie } })).text());
  const rules = walletRules(await loadSettings(db()));
  await walletFor(env, uid).earn({
    uid,
    ref: "corpus-gift",
    reason: "测试赠送",
    source: "purchase",
    points: 5000,
    now: Date.now(),
    rules,
  });

  // The console's owner (created on the first sign-in) and a CSRF token of a console page.
  const form = await send("/admin/login");
  const pre = cookiesOf(form).join("; ");
  const signedIn = await send("/admin/login", {
    method: "POST",
    headers: { Cookie: pre, Origin: BASE, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      _csrf: csrfIn(await form.text()),
      email: env.ADMIN_EMAIL,
      password: env.ADMIN_PASSWORD,
    }),
  });
  expect(signedIn.status).toBe(303);
  const adminCookie = cookiesOf(signedIn).join("; ");
  const adminCsrf = csrfIn(await (await send("/admin/items/new", { headers: { Cookie: adminCookie } })).text());

  const api = async (method: string, path: string, body: unknown) => {
    const res = await send(`/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${env.MERCHANT_API_TOKEN}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status, `${path} ${await res.clone().text()}`).toBeLessThan(300);
    return res.json() as Promise<any>;
  };
  const item = await api("POST", "/items", {
    sku: `CORPUS-${Date.now()}`,
    name: "语料商品",
    type: "physical",
    points: 100,
    stock: 10,
  });
  const coupon = await api("POST", "/items", {
    sku: `CORPUS-C-${Date.now()}`,
    name: "语料券",
    type: "coupon",
    points: 100,
    stock: 10,
  });
  const pageForm = async (path: string, fields: Record<string, string>) =>
    send(path, {
      method: "POST",
      headers: {
        Cookie: memberCookie,
        Origin: BASE,
        "Content-Type": "application/x-www-form-urlencoded",
        "HX-Request": "true",
      },
      body: new URLSearchParams({ _csrf: memberCsrf, ...fields }),
    });
  const address = { recipient: "张三", phone: "13800138000", region: "上海市 徐汇区", detail: "漕溪北路 1 号" };
  const placed = await pageForm(`/items/${item.id}/redeem`, {
    key: crypto.randomUUID(),
    qty: "1",
    addressId: "new",
    ...address,
  });
  const orderId = /data-order-id="([^"]+)"/.exec(await placed.text())?.[1];
  expect(orderId).toBeTruthy();
  const book = await (await send("/me/addresses", { headers: { Cookie: memberCookie } })).text();
  const addressId = /\/me\/addresses\/(\d+)\//.exec(book)?.[1];
  expect(addressId).toBeTruthy();
  const category = await db().$client.execute("select id from categories order by id limit 1");
  const task = await api("POST", "/tasks", {
    ref: "corpus-task",
    title: "语料问卷",
    kind: "survey",
    points: 10,
    repeat: "once",
    questions: [{ kind: "single", text: "满意吗", options: ["满意", "一般"] }],
  });
  ctx = {
    uid,
    member: { cookie: memberCookie, csrf: memberCsrf },
    admin: { cookie: adminCookie, csrf: adminCsrf },
    ids: {
      item: String(item.id),
      order: orderId!,
      category: String(category.rows[0]![0]),
      address: addressId!,
      task: task.id,
    },
    items: [item.id, coupon.id],
  };
}, 60_000);

/** Every table's row count (page views aside, and the wrong redeem-code guesses that a refused POST /codes
 *  counts by design: worker/codes/guesses.ts), the member's wallet and the items' stock objects. */
async function state() {
  const tables = await db().$client.execute(
    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' and name not like '_cf_%' and name not in ('page_views', 'code_guess_failures') order by name",
  );
  const names = tables.rows.map((r) => String(r[0]));
  const counts = await db().$client.execute(
    `select ${names.map((n) => `(select count(*) from "${n}") as "${n}"`).join(", ")}`,
  );
  const wallet = await walletFor(env, ctx.uid).ledger({ limit: 1 });
  const stock = await Promise.all(
    ctx.items.map(async (id) => (await stockFor(env, id).holds()).map((h) => `${h.key}:${h.qty}:${h.state}`).sort()),
  );
  return { rows: { ...counts.rows[0] }, ledger: wallet.entries[0]?.seq ?? 0, stock };
}

type Route = { method: string; path: string };
const ROUTES: Route[] = [];
{
  const seen = new Set<string>();
  for (const r of app.routes) {
    if (r.method === "ALL") continue; // middleware
    const k = `${r.method} ${r.path}`;
    if (seen.has(k)) continue;
    seen.add(k);
    ROUTES.push({ method: r.method, path: r.path });
  }
}

const BAD_PARAMS: [string, string][] = [
  ["not a number", "abc"],
  ["negative", "-1"],
  ["zero", "0"],
  ["huge", "999999999999999999999999999999"],
  ["fractional", "1.5"],
  ["NUL", "%00"],
  ["bidi override", "%E2%80%AE1"],
  ["bad UTF-8", "%FF%FE"],
  ["markup", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"],
  ["SQL", "1'%20OR%20'1'%3D'1"],
  ["5,000 characters", "a".repeat(5000)],
];

/** A path with its parameters filled: bad ones, or the run's real ids. */
function fill(path: string, bad?: string): string {
  return path
    .replace(/:(\w+)(\{[^}]*\})?/g, (_m, name: string) => {
      if (bad !== undefined) return bad;
      if (name === "uid") return ctx.uid;
      if (name === "eventId") return "evt_corpus";
      if (path.includes("/tasks/")) return ctx.ids.task;
      if (path.includes("/orders/")) return ctx.ids.order;
      if (path.includes("/categories/")) return ctx.ids.category;
      if (path.includes("/addresses/")) return ctx.ids.address;
      if (path.includes("/items/") || path.includes("/flash/")) return ctx.ids.item;
      return "1";
    })
    .replace(/\*$/, bad ?? "corpus.png");
}

function auth(path: string, method: string, withCsrf = true): { headers: Record<string, string>; csrf?: string } {
  if (path.startsWith("/api/")) return { headers: { Authorization: `Bearer ${env.MERCHANT_API_TOKEN}` } };
  const who = path.startsWith("/admin") ? ctx.admin : ctx.member;
  return {
    headers: { Cookie: who.cookie, ...(method === "GET" ? {} : { Origin: BASE }) },
    csrf: withCsrf ? who.csrf : undefined,
  };
}

const enc = new TextEncoder();
const BAD_UTF8 = new Uint8Array([0xff, 0xfe, 0x3d, 0xc3, 0x28, 0xa0, 0xa1]);
const big = "a".repeat(3 * 1024 * 1024);
const WEIRD = "\u0000\u202e\ud800\u200b\ufeff👨‍👩‍👧";
const MARKUP = `<script>alert(1)</script>' OR 1=1; DROP TABLE items;--`;
const FIELDS = [
  "qty",
  "points",
  "amountFen",
  "stock",
  "delta",
  "ref",
  "key",
  "reason",
  "name",
  "sku",
  "type",
  "carrier",
  "trackingNo",
  "email",
  "password",
  "codes",
  "recipient",
  "phone",
  "region",
  "detail",
  "url",
  "addressId",
  "nickname",
];
const fields = (v: string) => Object.fromEntries(FIELDS.map((f) => [f, v]));

/** `value`: a body of the right shape whose values are wrong for a strict field but may be fine for a free-text
 *  one ("-1" or markup is a valid reason): never a 5xx, and if refused, nothing written. Otherwise the body is
 *  wrong whatever the route (malformed, wrong content type, bad UTF-8, 3 MB, nothing in it): a 4xx. */
type Body = { what: string; contentType: string; body: BodyInit | ((csrf?: string) => BodyInit); value?: true };

const FORM = "application/x-www-form-urlencoded";
const formOf = (o: Record<string, string>) => (csrf?: string) =>
  new URLSearchParams({ ...(csrf ? { _csrf: csrf } : {}), ...o }).toString();
const FORM_BODIES: Body[] = [
  { what: "missing fields", value: true, contentType: FORM, body: formOf({}) },
  { what: "negative numbers", value: true, contentType: FORM, body: formOf(fields("-1")) },
  { what: "huge numbers", value: true, contentType: FORM, body: formOf(fields("1e309")) },
  { what: "wrong types", value: true, contentType: FORM, body: formOf(fields("[object Object]")) },
  {
    what: "duplicate fields",
    value: true,
    contentType: FORM,
    body: (csrf) => `${csrf ? `_csrf=${csrf}&` : ""}qty=1&qty=-5&points=1&points=999999999999&ref=a&ref=b&name=x&name=`,
  },
  { what: "markup and SQL", value: true, contentType: FORM, body: formOf(fields(MARKUP)) },
  { what: "unusual Unicode", value: true, contentType: FORM, body: formOf(fields(WEIRD)) },
  {
    what: "bad UTF-8 (percent-encoded)",
    contentType: FORM,
    body: (csrf) => `_csrf=${csrf ?? ""}&name=%FF%FE&reason=%C3%28&qty=%E2%82`,
  },
  {
    what: "bad UTF-8 (raw bytes)",
    contentType: FORM,
    body: (csrf) => new Uint8Array([...enc.encode(`_csrf=${csrf ?? ""}&name=`), ...BAD_UTF8]),
  },
  { what: "3 MB", contentType: FORM, body: formOf({ name: big, reason: big.slice(0, 1000) }) },
  { what: "JSON to a form", contentType: "application/json", body: JSON.stringify(fields("1")) },
  { what: "text/plain", contentType: "text/plain", body: "qty=1&points=1" },
];

const JSON_T = "application/json";
const JSON_BODIES: Body[] = [
  { what: "missing fields", value: true, contentType: JSON_T, body: "{}" },
  {
    what: "wrong types",
    value: true,
    contentType: JSON_T,
    body: JSON.stringify({
      ...Object.fromEntries(FIELDS.map((f, i) => [f, [null, true, [], {}, "x"][i % 5]])),
      images: "x",
    }),
  },
  {
    what: "negative numbers",
    contentType: JSON_T,
    body: JSON.stringify(Object.fromEntries(FIELDS.map((f) => [f, -1]))),
  },
  {
    what: "huge numbers",
    contentType: JSON_T,
    body: `{"points":1e309,"amountFen":9007199254740993,"stock":1e400,"qty":-1e309,"ref":"r","reason":"r"}`,
  },
  {
    what: "duplicate fields",
    contentType: JSON_T,
    body: `{"points":1,"points":-1,"ref":"a","ref":{},"reason":"x","reason":null}`,
  },
  { what: "markup and SQL", value: true, contentType: JSON_T, body: JSON.stringify(fields(MARKUP)) },
  { what: "unusual Unicode", value: true, contentType: JSON_T, body: JSON.stringify(fields(WEIRD)) },
  { what: "malformed JSON", contentType: JSON_T, body: `{"points": 1, "ref": ` },
  { what: "JSON array", contentType: JSON_T, body: "[1,2,3]" },
  { what: "JSON null", contentType: JSON_T, body: "null" },
  {
    what: "bad UTF-8",
    contentType: JSON_T,
    body: new Uint8Array([...enc.encode('{"name":"'), ...BAD_UTF8, ...enc.encode('"}')]),
  },
  { what: "3 MB", contentType: JSON_T, body: JSON.stringify({ name: big, ref: "r", reason: "r", points: 1 }) },
  { what: "form to JSON", contentType: FORM, body: "points=1&ref=r&reason=r" },
  { what: "text/plain", contentType: "text/plain", body: '{"points":1}' },
];

type Case = {
  name: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: BodyInit;
  expect4xx: boolean;
};

function cases(): Case[] {
  const out: Case[] = [];
  for (const r of ROUTES) {
    const route = `${r.method} ${r.path}`;
    const hasParams = /:\w|\*$/.test(r.path);
    if (hasParams) {
      for (const [what, v] of BAD_PARAMS) {
        // a uid may be any 1–64 of [A-Za-z0-9_.:@-]: "abc", "0" or "1.5" name a member (unknown or not)
        if (r.path.includes(":uid") && isUid(v)) continue;
        const a = auth(r.path, r.method);
        const body = r.method === "GET" ? undefined : formOf({})(a.csrf);
        out.push({
          name: `${route} — path: ${what}`,
          method: r.method,
          path: fill(r.path, v),
          headers: { ...a.headers, ...(body ? { "Content-Type": r.path.startsWith("/api/") ? JSON_T : FORM } : {}) },
          body: r.path.startsWith("/api/") && body ? "{}" : body,
          expect4xx: true,
        });
      }
    }
    if (r.method === "GET") {
      const q = new URLSearchParams({
        page: "-1",
        limit: "1e309",
        cursor: "%FF",
        q: MARKUP,
        status: "' OR 1=1",
        uid: WEIRD,
        since: "x",
      });
      out.push({
        name: `${route} — query: bad values`,
        method: "GET",
        path: `${fill(r.path)}?${q}`,
        headers: auth(r.path, "GET").headers,
        expect4xx: false,
      });
      continue;
    }
    const api = r.path.startsWith("/api/");
    for (const b of NO_BODY.has(route) ? [] : api ? JSON_BODIES : FORM_BODIES) {
      const a = auth(r.path, r.method);
      out.push({
        name: `${route} — body: ${b.what}`,
        method: r.method,
        path: fill(r.path),
        headers: { ...a.headers, "Content-Type": b.contentType },
        body: typeof b.body === "function" ? b.body(a.csrf) : b.body,
        expect4xx: !b.value,
      });
    }
    if (!api) {
      const a = auth(r.path, r.method, false);
      out.push({
        name: `${route} — body: no CSRF token`,
        method: r.method,
        path: fill(r.path),
        headers: { ...a.headers, "Content-Type": FORM },
        body: formOf(fields("1"))(),
        expect4xx: true,
      });
    }
  }
  return out;
}

describe("every route × the bad-input corpus", () => {
  it("enumerates the app's routes", () => {
    expect(ROUTES.length).toBeGreaterThan(80);
    expect(ROUTES.some((r) => r.method === "POST" && r.path === "/items/:id/redeem")).toBe(true);
  });

  it("answers every bad input with a 4xx and a message, never a 5xx, and writes nothing", async () => {
    const problems: string[] = [];
    let before = await state();
    const all = cases();
    for (const c of all) {
      const res = await send(c.path, { method: c.method, headers: c.headers, body: c.body });
      const text = await res.text();
      const after = await state();
      const wrote = JSON.stringify(after) !== JSON.stringify(before);
      const ok4xx = res.status >= 400 && res.status < 500 && text.trim().length > 0;
      if (res.status >= 500) problems.push(`${c.name}: ${res.status} ${text.slice(0, 160)}`);
      else if (c.expect4xx && !ok4xx) problems.push(`${c.name}: ${res.status} (not a 4xx with a message)`);
      if (wrote && (ok4xx || c.expect4xx)) {
        const diff = Object.entries(after.rows)
          .filter(([k, v]) => (before.rows as Record<string, unknown>)[k] !== v)
          .map(([k]) => k);
        problems.push(
          `${c.name}: wrote (${res.status}) ${diff.join(",")} ${after.ledger !== before.ledger ? "ledger" : ""} ${JSON.stringify(after.stock) !== JSON.stringify(before.stock) ? "stock" : ""}`,
        );
      }
      before = after;
    }
    console.log(`route corpus: ${all.length} requests over ${ROUTES.length} routes, ${problems.length} problems`);
    for (const p of problems) console.log(`CORPUS ${p}`);
    expect(problems).toEqual([]);
  }, 600_000);
});
