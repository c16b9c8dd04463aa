// CSRF on EVERY /admin form post, taken from the real Hono route table (a route added later is covered
// without touching this file; one with a new kind of parameter fails until test-security.ts knows it): each
// needs the session's CSRF token and our origin (403 CSRF_FAILED, nothing written). Sign-in and roles on every
// route: security-access.test.ts. /admin/login's own pre-session scheme is tested in admin.test.ts.
// The database is shared with other files: this file's owner, operator and rows are its own; audit rows are
// counted by this file's actors only.
import { SELF } from "cloudflare:test";
import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { adminUsers } from "../../db/schema";
import { db } from "../redeem/test-support";
import { BASE, errorCodeIn, get, HX, post } from "../shop/test-session";
import { login, pageCsrf } from "./test-admin";
import {
  adminRouteTable,
  fixture,
  formFields,
  lastAuditId,
  ownOwner,
  snapshot,
  urlFor,
  writesBy,
  type AdminRoute,
  type Fixture,
} from "./test-security";

const LOGIN = "/admin/login";
const EVIL = "https://evil.example";

const routes = adminRouteTable();
const guarded = routes.filter((r) => r.path !== LOGIN);
const posts = guarded.filter((r) => r.method === "POST");
const gets = guarded.filter((r) => r.method === "GET");
const label = (r: AdminRoute) => `${r.method} ${r.path}`;

/** A form post with exactly these headers (no Origin unless given). */
function send(url: string, cookie: string, fields: Record<string, string>, headers: Record<string, string>) {
  return SELF.fetch(`${BASE}${url}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", ...headers },
    redirect: "manual",
  });
}

describe("the route table", () => {
  it("has every section's routes, GET and POST", () => {
    const paths = new Set(routes.map(label));
    for (const r of [
      "GET /admin/login",
      "POST /admin/login",
      "POST /admin/logout",
      "GET /admin/dashboard",
      "GET /admin/items",
      "POST /admin/items/:id{[0-9]+}",
      "POST /admin/items/categories/:id/delete",
      "GET /admin/orders/:id",
      "POST /admin/orders/batch-ship",
      "GET /admin/members/:uid",
      "POST /admin/members/:uid/adjust",
      "POST /admin/settings/mall",
      "GET /admin/audit",
      "POST /admin/users/:id/remove",
      "POST /admin/tokens/:id/revoke",
    ]) {
      expect(paths, r).toContain(r);
    }
    expect(posts.length).toBeGreaterThanOrEqual(24);
    expect(gets.length).toBeGreaterThanOrEqual(20);
    console.log(
      `admin routes: ${routes.length} (${gets.length} GET + ${posts.length} POST guarded, plus GET/POST ${LOGIN})`,
    );
  });
});

describe("CSRF on every form post", () => {
  let owner: Awaited<ReturnType<typeof ownOwner>>;
  let otherCsrf: string; // a token of the same owner's other session
  let f: Fixture;
  let operatorEmail: string;

  beforeAll(async () => {
    owner = await ownOwner("csrf");
    f = await fixture(owner.cookie, "csrf");
    operatorEmail = (await db().select().from(adminUsers).where(eq(adminUsers.id, f.operatorId)))[0]!.email;
    otherCsrf = await pageCsrf(await login(owner.email, owner.password), "/admin/audit");
    expect(otherCsrf).not.toBe(owner.csrf);
  });

  it("answers 403 CSRF_FAILED without a token, with a wrong or another session's token, and with a foreign origin; nothing changes", async () => {
    const before = await snapshot(f, operatorEmail);
    const mark = await lastAuditId(owner.email);
    const emails: string[] = [];
    for (const r of posts) {
      const url = urlFor(r.path, f);
      const fields = formFields(crypto.randomUUID().slice(0, 8));
      emails.push(fields.email!);
      const attempts: [string, Record<string, string>, Record<string, string>][] = [
        ["no token", fields, { Origin: BASE }],
        ["empty token", { ...fields, _csrf: "" }, { Origin: BASE }],
        ["wrong token", { ...fields, _csrf: "0".repeat(40) }, { Origin: BASE }],
        ["another session's token", { ...fields, _csrf: otherCsrf }, { Origin: BASE }],
        ["foreign origin", { ...fields, _csrf: owner.csrf }, { Origin: EVIL }],
        ["opaque origin", { ...fields, _csrf: owner.csrf }, { Origin: "null" }],
        ["cross-site fetch without Origin", { ...fields, _csrf: owner.csrf }, { "Sec-Fetch-Site": "cross-site" }],
      ];
      for (const [why, body, headers] of attempts) {
        const page = await send(url, owner.cookie, body, headers);
        expect(page.status, `${label(r)}: ${why}`).toBe(403);
        expect(
          page.headers.getSetCookie().filter((c) => c.startsWith("pm_admin=")),
          `${label(r)}: ${why} touches the session`,
        ).toEqual([]);
        const frag = await send(url, owner.cookie, body, { ...headers, ...HX });
        expect(frag.status, `${label(r)}: ${why} (htmx)`).toBe(403);
        expect(errorCodeIn(await frag.text()), `${label(r)}: ${why} (htmx)`).toBe("CSRF_FAILED");
      }
      expect(await writesBy(owner.email, mark), `${label(r)} wrote an audit row`).toEqual([]);
    }
    expect(await snapshot(f, operatorEmail)).toEqual(before);
    expect(await db().select().from(adminUsers).where(inArray(adminUsers.email, emails))).toEqual([]);
    // still signed in (the logout form was refused too), and the same token works from our origin
    expect((await get("/admin/dashboard", owner.cookie)).status).toBe(200);
    const ok = await post(`/admin/items/${f.itemId}/shelf`, owner.cookie, { _csrf: owner.csrf, onShelf: "false" });
    expect(ok.status, "a valid post goes through").toBe(303);
    expect((await writesBy(owner.email, mark)).map((a) => a.action)).toEqual(["item.shelf"]);
  }, 90_000); // every POST route of the console, several requests each: it grows with the console
});
