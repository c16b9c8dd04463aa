// Page views through the real Worker (SELF): full shopper pages answered 200 to a GET are recorded (after the
// response, with waitUntil) under a keyed hash of the pm_vid cookie; fragments, the console, HEAD and errors
// are not. The test database is shared, so every assertion is about this test's own visitor ids.
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { pageViews } from "../../db/schema";
import { get, HX, db } from "../shop/test-session";
import { loadSettings } from "../settings/load-settings";
import { localDate } from "../wallet/local-time";
import { VISITOR_COOKIE, visitorHash } from "./page-views";

const vidCookie = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith(`${VISITOR_COOKIE}=`));

async function viewsOf(visitor: string) {
  return db().select().from(pageViews).where(eq(pageViews.visitor, visitor)).orderBy(pageViews.id);
}

/** The rows arrive after the response (waitUntil): poll until there are `count`. */
async function waitForViews(visitor: string, count: number) {
  for (let i = 0; i < 100; i++) {
    const rows = await viewsOf(visitor);
    if (rows.length >= count) return rows;
    await new Promise((r) => setTimeout(r, 50));
  }
  return viewsOf(visitor);
}

describe("page views", () => {
  it("a first visit sets the pm_vid cookie (HttpOnly, Lax, a year) and is recorded under its hash, never the raw id", async () => {
    const res = await get("/");
    expect(res.status).toBe(200);
    const cookie = vidCookie(res);
    expect(cookie).toMatch(/^pm_vid=[A-Za-z0-9_-]{22}; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax$/);
    const vid = cookie!.split(";")[0]!.slice(VISITOR_COOKIE.length + 1);
    const visitor = await visitorHash(env.SESSION_SECRET, vid);
    expect(visitor).toMatch(/^[0-9a-f]{32}$/);
    expect(visitor).not.toContain(vid);
    const rows = await waitForViews(visitor, 1);
    expect(rows.map((r) => r.path)).toEqual(["/"]);
    const { timeZone } = await loadSettings(db());
    expect(rows[0]!.day).toBe(localDate(rows[0]!.at, timeZone));
    expect(await db().select().from(pageViews).where(eq(pageViews.visitor, vid))).toEqual([]);
  });

  it("the same visitor twice: two views, one visitor; the cookie is not set again", async () => {
    const vid = `t${crypto.randomUUID().replace(/-/g, "").slice(0, 21)}`;
    const visitor = await visitorHash(env.SESSION_SECRET, vid);
    for (let i = 0; i < 2; i++) {
      const res = await get("/", `${VISITOR_COOKIE}=${vid}`);
      expect(res.status).toBe(200);
      expect(vidCookie(res)).toBeUndefined();
    }
    await waitForViews(visitor, 2);
    const [figures] = await db().all<{ views: number; visitors: number }>(
      sql`select count(*) as views, count(distinct visitor) as visitors from page_views where visitor = ${visitor}`,
    );
    expect(figures).toEqual({ views: 2, visitors: 1 });
  });

  it("records neither htmx fragments, the console, HEAD nor error pages", async () => {
    // without a cookie, a recorded view would set one: none of these may
    const fragment = await get("/", undefined, HX);
    expect(fragment.status).toBe(200);
    expect(vidCookie(fragment)).toBeUndefined();
    const admin = await get("/admin/login");
    expect(admin.status).toBe(200);
    expect(vidCookie(admin)).toBeUndefined();
    const missing = await get("/items/999999999");
    expect(missing.status).toBe(404);
    expect(vidCookie(missing)).toBeUndefined();

    // with a cookie: only the last, full page is recorded
    const vid = `n${crypto.randomUUID().replace(/-/g, "").slice(0, 21)}`;
    const visitor = await visitorHash(env.SESSION_SECRET, vid);
    const cookie = `${VISITOR_COOKIE}=${vid}`;
    expect((await get("/", cookie, HX)).status).toBe(200);
    expect((await get("/catalog?page=2", cookie, HX)).status).toBe(200);
    expect((await get("/admin/login", cookie)).status).toBe(200);
    expect((await get("/items/999999999", cookie)).status).toBe(404);
    expect((await SELF.fetch("http://mall.test/", { method: "HEAD", headers: { Cookie: cookie } })).status).toBe(200);
    expect((await get("/?page=1", cookie)).status).toBe(200);
    const rows = await waitForViews(visitor, 1);
    await new Promise((r) => setTimeout(r, 200));
    expect((await viewsOf(visitor)).map((r) => r.path)).toEqual(["/"]);
    expect(rows.length).toBe(1);
  });
});
