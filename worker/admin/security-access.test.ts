// Sign-in and roles on EVERY /admin route, taken from the real Hono route table: each route but the login
// needs a session (303 to the login, htmx 401), and operators get 403 FORBIDDEN on the owner-only sections
// (settings, tokens, users) and 200 on every other page. The database is shared with other files: this
// file's owners, operators and rows are its own; audit rows are counted by this file's actors only.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { adminUsers } from "../../db/schema";
import { db } from "../redeem/test-support";
import { errorCodeIn, get, HX, post } from "../shop/test-session";
import { pageCsrf } from "./test-admin";
import {
  adminRouteTable,
  fixture,
  formFields,
  invitedOperator,
  isOwnerOnly,
  ownOwner,
  snapshot,
  urlFor,
  writesBy,
  type AdminRoute,
  type Fixture,
} from "./test-security";

const LOGIN = "/admin/login";
const guarded = adminRouteTable().filter((r) => r.path !== LOGIN);
const gets = guarded.filter((r) => r.method === "GET");
const label = (r: AdminRoute) => `${r.method} ${r.path}`;

describe("sign-in", () => {
  it("every route but the login sends a guest (or a forged or removed admin's cookie) to the login; htmx gets 401", async () => {
    const owner = await ownOwner("guest");
    const f = await fixture(owner.cookie, "guest");
    // an operator removed while signed in
    const gone = await invitedOperator(owner.cookie, "gone");
    expect(
      (
        await post(`/admin/users/${gone.id}/remove`, owner.cookie, {
          _csrf: await pageCsrf(owner.cookie, "/admin/users"),
        })
      ).status,
    ).toBe(303);
    const forged = `pm_admin=${encodeURIComponent(JSON.stringify({ aid: owner.id, sid: "x", exp: Date.now() + 3600_000 }))}.AAAA`;

    for (const r of guarded) {
      const url = urlFor(r.path, f);
      for (const [who, cookie] of [
        ["guest", ""],
        ["forged cookie", forged],
        ["removed admin", gone.cookie],
      ] as const) {
        const call = (h: Record<string, string>) =>
          r.method === "GET"
            ? get(url, cookie || undefined, h)
            : post(url, cookie || undefined, { _csrf: owner.csrf, ...formFields("guest") }, h);
        const page = await call({});
        expect(page.status, `${label(r)} as ${who}`).toBe(303);
        expect(page.headers.get("location"), `${label(r)} as ${who}`).toBe(LOGIN);
        const frag = await call(HX);
        expect(frag.status, `${label(r)} as ${who} (htmx)`).toBe(401);
        expect(frag.headers.get("hx-redirect"), `${label(r)} as ${who} (htmx)`).toBe(LOGIN);
      }
    }
    expect(await writesBy(gone.email)).toEqual([]);
    // the login page itself is open
    expect((await get(LOGIN)).status).toBe(200);
  }, 180_000); // every admin route × 3 callers × 2: grows with the console
});

describe("roles", () => {
  let owner: Awaited<ReturnType<typeof ownOwner>>;
  let f: Fixture;
  let op: Awaited<ReturnType<typeof invitedOperator>>;

  beforeAll(async () => {
    owner = await ownOwner("roles");
    f = await fixture(owner.cookie, "roles");
    op = await invitedOperator(owner.cookie, "roles");
  }, 60_000);

  it("an operator gets 403 FORBIDDEN on every settings, tokens and users route, GET and POST, changing nothing", async () => {
    const ownerOnly = guarded.filter((r) => isOwnerOnly(r.path));
    expect(ownerOnly.filter((r) => r.method === "GET").length).toBeGreaterThanOrEqual(3);
    expect(ownerOnly.filter((r) => r.method === "POST").length).toBeGreaterThanOrEqual(8);
    const before = await snapshot(
      f,
      (await db().select().from(adminUsers).where(eq(adminUsers.id, f.operatorId)))[0]!.email,
    );
    for (const r of ownerOnly) {
      const url = urlFor(r.path, f);
      const fields = { _csrf: op.csrf, ...formFields(crypto.randomUUID().slice(0, 8)) };
      const call = (h: Record<string, string>) =>
        r.method === "GET" ? get(url, op.cookie, h) : post(url, op.cookie, fields, h);
      expect((await call({})).status, label(r)).toBe(403);
      const frag = await call(HX);
      expect(frag.status, `${label(r)} (htmx)`).toBe(403);
      expect(errorCodeIn(await frag.text()), label(r)).toBe("FORBIDDEN");
    }
    expect(await writesBy(op.email)).toEqual([]);
    expect(
      await snapshot(f, (await db().select().from(adminUsers).where(eq(adminUsers.id, f.operatorId)))[0]!.email),
    ).toEqual(before);
    // the operator's nav names no owner-only section
    const nav = await (await get("/admin/dashboard", op.cookie)).text();
    for (const p of ["/admin/settings", "/admin/tokens", "/admin/users", "/admin/webhooks", "/admin/payments"])
      expect(nav).not.toContain(`href="${p}"`);
  }, 120_000);

  it("an operator (and the owner) reach every other section's pages", async () => {
    const open = gets.filter((r) => !isOwnerOnly(r.path));
    expect(open.length).toBeGreaterThanOrEqual(15);
    for (const r of open) {
      const url = urlFor(r.path, f);
      for (const [who, cookie] of [
        ["operator", op.cookie],
        ["owner", owner.cookie],
      ] as const) {
        const res = await get(url, cookie);
        if (r.path === "/admin") {
          expect(res.status, `${label(r)} as ${who}`).toBe(303);
          expect(res.headers.get("location")).toBe("/admin/dashboard");
        } else {
          expect(res.status, `${label(r)} as ${who}`).toBe(200);
        }
        await res.body?.cancel();
      }
    }
    // and the owner reaches the owner-only pages
    // (the reconciliation CSV needs ?date= and a configured provider: worker/payments/admin.test.ts drives it)
    for (const r of gets.filter((r) => isOwnerOnly(r.path) && r.path !== "/admin/payments/reconcile.csv"))
      expect((await get(urlFor(r.path, f), owner.cookie)).status, label(r)).toBe(200);
    // no page view changes anything
    expect(await writesBy(op.email)).toEqual([]);
  }, 120_000);
});
