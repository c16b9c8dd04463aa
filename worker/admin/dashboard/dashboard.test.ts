// 概览 through the real Worker: /admin and the login land on it; owners and operators see the figures and
// the two SVG charts; operators get 403 on the owner-only 接口令牌 and 管理员 pages and their forms.
// The database is shared with other files: the operator and the token are this test's own.
import { env } from "cloudflare:workers";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../../db/client";
import { adminUsers, apiKeys, balanceProjection, ledgerProjection } from "../../../db/schema";
import { get, post } from "../../shop/test-session";
import { csrfIn, login, OWNER, pageCsrf } from "../test-admin";

const db = () => getDb(env.TURSO_DATABASE_URL);

/** The owner invites an operator on /admin/users (the page shows the initial password once); they sign in. */
async function operatorSession(owner: string) {
  const email = `dash-op-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const res = await post("/admin/users", owner, { _csrf: await pageCsrf(owner, "/admin/users"), email });
  expect(res.status).toBe(200);
  const password = /data-initial-password[^>]*>([^<]+)</.exec(await res.text())?.[1];
  expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
  return { email, cookie: await login(email, password!) };
}

function expectDashboard(html: string) {
  expect(html).toContain('<h1 class="page-title">概览</h1>');
  expect(html).toMatch(/<a class="anav__link" href="\/admin\/dashboard" aria-current="page">/);
  const charts = html.match(/<svg class="dchart__svg"[^>]*role="img"[^>]*>/g) ?? [];
  expect(charts.length).toBe(2);
  expect(html).toContain('aria-labelledby="chart-traffic-title chart-traffic-desc"');
  expect(html).toContain('<title id="chart-points-title">每日发放与消耗积分</title>');
  expect(html).toMatch(/<desc id="chart-traffic-desc">[^<]*浏览量合计 \d+/);
  expect(html).toContain("积分核销率 = 期间消耗积分 ÷ 期间发放积分");
  expect((html.match(/<tr data-day="\d{4}-\d{2}-\d{2}">/g) ?? []).length).toBe(30);
  for (const stat of [
    "views",
    "visitors",
    "checkins",
    "issued",
    "spent",
    "expired",
    "orders",
    "redemptionRate",
    "liability",
    "expiring30",
    "expiring90",
  ]) {
    expect(html, stat).toContain(`data-stat="${stat}"`);
  }
}

describe("dashboard", () => {
  it("is where /admin and a login lead, and renders for the owner", async () => {
    const owner = await login(OWNER.email, OWNER.password); // asserts the 303 to /admin/dashboard
    const root = await get("/admin", owner);
    expect(root.status).toBe(303);
    expect(root.headers.get("location")).toBe("/admin/dashboard");
    const res = await get("/admin/dashboard", owner);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    expectDashboard(await res.text());
  });

  it("renders for an operator; a guest is sent to the login", async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const op = await operatorSession(owner);
    const res = await get("/admin/dashboard", op.cookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    expectDashboard(html);
    expect(html).not.toContain('href="/admin/tokens"');
    expect(html).not.toContain('href="/admin/users"');
    const guest = await get("/admin/dashboard");
    expect(guest.status).toBe(303);
    expect(guest.headers.get("location")).toBe("/admin/login");
  });
});

describe("owner-only pages refuse an operator", () => {
  it("403 on GET and POST of /admin/tokens and /admin/users (and their row forms), changing nothing", async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const ownerCsrf = await pageCsrf(owner, "/admin/tokens");
    const tokenName = `dash-${crypto.randomUUID().slice(0, 8)}`;
    expect((await post("/admin/tokens", owner, { _csrf: ownerCsrf, name: tokenName })).status).toBe(200);
    const token = (await db().select().from(apiKeys).where(eq(apiKeys.name, tokenName)))[0]!;

    const op = await operatorSession(owner);
    const csrf = csrfIn(await (await get("/admin/dashboard", op.cookie)).text());
    const me = (await db().select().from(adminUsers).where(eq(adminUsers.email, op.email)))[0]!;

    expect((await get("/admin/tokens", op.cookie)).status).toBe(403);
    expect((await get("/admin/users", op.cookie)).status).toBe(403);

    const sneakyToken = `sneaky-${crypto.randomUUID().slice(0, 8)}`;
    expect((await post("/admin/tokens", op.cookie, { _csrf: csrf, name: sneakyToken })).status).toBe(403);
    expect(await db().select().from(apiKeys).where(eq(apiKeys.name, sneakyToken))).toEqual([]);
    expect((await post(`/admin/tokens/${token.id}/revoke`, op.cookie, { _csrf: csrf })).status).toBe(403);
    expect((await db().select().from(apiKeys).where(eq(apiKeys.id, token.id)))[0]!.revokedAt).toBeNull();

    const sneakyEmail = `sneaky-${crypto.randomUUID().slice(0, 8)}@example.com`;
    expect((await post("/admin/users", op.cookie, { _csrf: csrf, email: sneakyEmail })).status).toBe(403);
    expect(await db().select().from(adminUsers).where(eq(adminUsers.email, sneakyEmail))).toEqual([]);
    expect((await post(`/admin/users/${me.id}/remove`, op.cookie, { _csrf: csrf })).status).toBe(403);
    expect((await db().select().from(adminUsers).where(eq(adminUsers.id, me.id))).length).toBe(1);

    // the same forms work for the owner (so the 403s above are about the role)
    expect((await post(`/admin/tokens/${token.id}/revoke`, owner, { _csrf: ownerCsrf })).status).toBe(303);
    expect((await post(`/admin/users/${me.id}/remove`, owner, { _csrf: ownerCsrf })).status).toBe(303);
  });
});

describe("the dashboard's sums", () => {
  it("answer whatever Turso holds: 30-day sums and the liability past 2^53 still render (200), as numbers", async () => {
    // What the API accepted before it had bounds (issue 14): two earnings of 9,007,199,254,739,991 points.
    const uids = [`huge-${crypto.randomUUID()}`, `huge-${crypto.randomUUID()}`];
    const big = 9_007_199_254_739_991;
    const now = Date.now();
    try {
      await db()
        .insert(ledgerProjection)
        .values(
          uids.map((uid) => ({
            uid,
            seq: 1,
            kind: "earned" as const,
            amount: big,
            balanceAfter: big,
            reason: "x",
            source: "purchase",
            ref: "huge",
            createdAt: now,
          })),
        );
      await db()
        .insert(balanceProjection)
        .values(uids.map((uid) => ({ uid, balance: big, tier: "diamond", earnedLast12Months: big, expiring: [] })));
      const owner = await login(OWNER.email, OWNER.password);
      const res = await get("/admin/dashboard", owner);
      expect(res.status).toBe(200);
      const html = await res.text();
      expectDashboard(html);
      const issued = /data-stat="issued"[\s\S]*?<dd class="dstats__value">([^<]*)</.exec(html)?.[1] ?? "";
      expect(issued.replace(/[^0-9]/g, "").length).toBeGreaterThanOrEqual(16);
    } finally {
      await db().delete(ledgerProjection).where(inArray(ledgerProjection.uid, uids));
      await db().delete(balanceProjection).where(inArray(balanceProjection.uid, uids));
    }
  });
});
