import { env } from "cloudflare:workers";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { adminUsers, auditLog, loginThrottles } from "../../db/schema";
import { auditEntry } from "../audit/audit-log";
import { hashPassword, verifyPassword } from "./password";
import { lockMs } from "./login/login-throttle";
import { get, post } from "../shop/test-session";
import { attempt, cookiesOf, csrfIn, login, loginForm, OWNER, pageCsrf, testClient } from "./test-admin";

const db = () => getDb(env.TURSO_DATABASE_URL);

/** A fresh operator created by the owner through /admin/users; returns its email, id and initial password. */
async function newOperator(ownerCookie: string) {
  const email = `op-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const res = await post("/admin/users", ownerCookie, { _csrf: await pageCsrf(ownerCookie, "/admin/users"), email });
  expect(res.status).toBe(200);
  const html = await res.text();
  const m = /data-initial-password="?[^>]*>([^<]+)</.exec(html);
  expect(m).not.toBeNull();
  const row = (await db().select().from(adminUsers).where(eq(adminUsers.email, email)))[0]!;
  return { email, id: row.id, password: m![1]! };
}

async function auditFor(target: string) {
  return db().select().from(auditLog).where(eq(auditLog.target, target)).orderBy(auditLog.id);
}

describe("passwords", () => {
  it("are PBKDF2 with 100,000 iterations and a random salt, verified against the stored form", async () => {
    const a = await hashPassword("s3cret");
    const b = await hashPassword("s3cret");
    expect(a).toMatch(/^pbkdf2\$100000\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("s3cret", a)).toBe(true);
    expect(await verifyPassword("s3cret!", a)).toBe(false);
    expect(await verifyPassword("s3cret", "pbkdf2$x$y$z")).toBe(false);
  });

  it("lock for 30 s × 2^(failures − 5), capped at an hour", () => {
    expect([4, 5, 6, 7, 12, 20].map(lockMs)).toEqual([0, 30_000, 60_000, 120_000, 3600_000, 3600_000]);
  });
});

describe("admin login", () => {
  it("creates the owner from env on first login, sets a strict admin cookie and rotates it on the next login", async () => {
    const res = await attempt(OWNER.email, OWNER.password);
    expect(res.status).toBe(303);
    const raw = res.headers.getSetCookie().find((c) => c.startsWith("pm_admin="))!;
    expect(raw).toMatch(/HttpOnly/i);
    expect(raw).toMatch(/SameSite=Strict/i);
    expect(raw).toMatch(/Path=\/admin/);
    expect(raw).toMatch(/Max-Age=43200/);
    const first = cookiesOf(res).pm_admin!;
    const second = await login(OWNER.email, OWNER.password);
    expect(second).not.toBe(first);

    const owner = (await db().select().from(adminUsers).where(eq(adminUsers.email, OWNER.email)))[0]!;
    expect(owner.role).toBe("owner");
    expect(owner.passwordHash).toMatch(/^pbkdf2\$100000\$/);
    expect(owner.lastLoginAt).toBeGreaterThan(Date.now() - 60_000);

    const audit = await get("/admin/audit", second);
    expect(audit.status).toBe(200);
    const html = await audit.text();
    expect(html).toContain('data-action="admin.login"');
    expect(html).toContain(OWNER.email);
    expect(html).toContain('href="/admin/users"');
    expect(html).toContain("退出");
    expect(await (await get("/admin", second)).headers.get("location")).toBe("/admin/dashboard");
  });

  it("refuses a wrong password with 401, writing only the failure count and an audit row", async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const op = await newOperator(owner);
    const before = (await db().select().from(adminUsers).where(eq(adminUsers.id, op.id)))[0]!;
    const res = await attempt(op.email, "wrong-password");
    expect(res.status).toBe(401);
    expect(cookiesOf(res).pm_admin).toBeUndefined();
    const html = await res.text();
    expect(html).toContain("邮箱或密码错误");
    const after = (await db().select().from(adminUsers).where(eq(adminUsers.id, op.id)))[0]!;
    expect(after).toEqual({ ...before, failedLogins: 1 });
    const rows = await auditFor(`admin_user:${op.email}`);
    expect(rows.map((r) => r.action)).toEqual(["admin.user_create", "admin.login_failed"]);
    expect(rows[1]!.before).toEqual({ failedLogins: 0 });
    expect(rows[1]!.after).toEqual({ failedLogins: 1, lockedUntil: null });

    // and the right password afterwards resets the count
    await login(op.email, op.password);
    const reset = (await db().select().from(adminUsers).where(eq(adminUsers.id, op.id)))[0]!;
    expect(reset.failedLogins).toBe(0);
    expect(reset.lastLoginAt).not.toBeNull();
  });

  it("locks a client after 5 failures (429 even with the right password), backing off as its failures grow", async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const op = await newOperator(owner);
    const client = testClient();
    const key = `client:${client["CF-Connecting-IP"]!.toLowerCase()}`;
    const throttle = async () => (await db().select().from(loginThrottles).where(eq(loginThrottles.key, key)))[0]!;
    for (let i = 0; i < 5; i++) expect((await attempt(op.email, `nope-${i}`, client)).status).toBe(401);
    let row = await throttle();
    expect(row.failures).toBe(5);
    expect(row.lockedUntil! - Date.now()).toBeGreaterThan(20_000);
    expect(row.lockedUntil! - Date.now()).toBeLessThanOrEqual(30_000);
    // the account itself counts the failures, far from its own lock
    expect((await db().select().from(adminUsers).where(eq(adminUsers.id, op.id)))[0]).toMatchObject({
      failedLogins: 5,
      lockedUntil: null,
    });

    const locked = await attempt(op.email, op.password, client);
    expect(locked.status).toBe(429);
    expect(cookiesOf(locked).pm_admin).toBeUndefined();
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(20);
    expect(await locked.text()).toMatch(/请 \d+ 秒后再试/);

    // the lock runs out; one more failure locks for 60 s
    await db()
      .update(loginThrottles)
      .set({ lockedUntil: Date.now() - 1 })
      .where(eq(loginThrottles.key, key));
    expect((await attempt(op.email, "nope-again", client)).status).toBe(401);
    row = await throttle();
    expect(row.failures).toBe(6);
    expect(row.lockedUntil! - Date.now()).toBeGreaterThan(50_000);
    expect((await attempt(op.email, op.password, client)).status).toBe(429);

    await db()
      .update(loginThrottles)
      .set({ lockedUntil: Date.now() - 1 })
      .where(eq(loginThrottles.key, key));
    expect((await attempt(op.email, op.password, client)).status).toBe(303);
    expect(await db().select().from(loginThrottles).where(eq(loginThrottles.key, key))).toEqual([]);
    expect((await db().select().from(adminUsers).where(eq(adminUsers.id, op.id)))[0]!.failedLogins).toBe(0);
  });

  it("answers an unknown email with the same message as a wrong password", async () => {
    const res = await attempt(`nobody-${crypto.randomUUID().slice(0, 8)}@example.com`, "whatever");
    expect(res.status).toBe(401);
    const alert = /<div class="alert" role="alert"[^>]*>(.*?)<\/div>/s.exec(await res.text())![1];
    const owner = await login(OWNER.email, OWNER.password);
    const op = await newOperator(owner);
    const wrong = /<div class="alert" role="alert"[^>]*>(.*?)<\/div>/s.exec(
      await (await attempt(op.email, "whatever")).text(),
    )![1];
    expect(alert).toBe(wrong);
  });

  it("requires the CSRF token and a same origin on login, logout and the admin forms", async () => {
    const form = await loginForm();
    expect((await post("/admin/login", form.cookie, { email: OWNER.email, password: OWNER.password })).status).toBe(
      403,
    );
    expect(
      (await post("/admin/login", "", { _csrf: form.csrf, email: OWNER.email, password: OWNER.password })).status,
    ).toBe(403);
    expect(
      (
        await post(
          "/admin/login",
          form.cookie,
          { _csrf: form.csrf, email: OWNER.email, password: OWNER.password },
          { Origin: "https://evil.example" },
        )
      ).status,
    ).toBe(403);

    const owner = await login(OWNER.email, OWNER.password);
    const csrf = await pageCsrf(owner, "/admin/audit");
    const email = `csrf-${crypto.randomUUID().slice(0, 8)}@example.com`;
    expect((await post("/admin/users", owner, { email })).status).toBe(403);
    expect((await post("/admin/users", owner, { email, _csrf: csrf }, { Origin: "https://evil.example" })).status).toBe(
      403,
    );
    expect(await db().select().from(adminUsers).where(eq(adminUsers.email, email))).toEqual([]);

    expect((await post("/admin/logout", owner, {})).status).toBe(403);
    expect((await get("/admin/audit", owner)).status).toBe(200);
    const out = await post("/admin/logout", owner, { _csrf: csrf });
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/admin/login");
    expect(out.headers.getSetCookie().find((c) => c.startsWith("pm_admin="))).toMatch(/Max-Age=0/);
  });

  it("logout ends the session on the server: a copy of the cookie is refused afterwards, other sessions live on", async () => {
    const kept = await login(OWNER.email, OWNER.password);
    const copied = await login(OWNER.email, OWNER.password);
    const csrf = await pageCsrf(copied, "/admin/audit");
    expect((await post("/admin/logout", copied, { _csrf: csrf })).status).toBe(303);
    const replay = await get("/admin/audit", copied); // the cookie as it was before logout
    expect(replay.status).toBe(303);
    expect(replay.headers.get("location")).toBe("/admin/login");
    expect((await get("/admin/audit", copied, { "HX-Request": "true" })).status).toBe(401);
    expect((await get("/admin/audit", kept)).status).toBe(200);
  });
});

describe("roles and admins", () => {
  it("an operator sees no 管理员 link and gets 403 on /admin/users and its forms", async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const op = await newOperator(owner);
    const opCookie = await login(op.email, op.password);
    const audit = await (await get("/admin/audit", opCookie)).text();
    expect(audit).not.toContain('href="/admin/users"');
    const refused = await get("/admin/users", opCookie);
    expect(refused.status).toBe(403);
    // the console's own error page: its nav (the operator's sections), a way back to /admin, not the shop's home
    const page = await refused.text();
    expect(page).toContain("此页面仅店主可用");
    expect(page).toContain('href="/admin/orders"');
    expect(page).toMatch(/<a class="btn" href="\/admin">返回管理后台<\/a>/);
    const csrf = csrfIn(audit);
    const email = `sneaky-${crypto.randomUUID().slice(0, 8)}@example.com`;
    expect((await post("/admin/users", opCookie, { _csrf: csrf, email })).status).toBe(403);
    expect(await db().select().from(adminUsers).where(eq(adminUsers.email, email))).toEqual([]);
  });

  it("a bad query inside the console answers the console's error page, in Chinese", async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const res = await get("/admin/items?category=zz", owner);
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain("筛选条件有误");
    expect(page).toContain("返回管理后台");
    expect(page).toContain("category");
    expect(page).not.toMatch(/Invalid|must match/);
  });

  it("the owner creates an operator (password shown once) and removes it, each with an audit row", async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const op = await newOperator(owner);
    expect(op.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const list = await (await get("/admin/users", owner)).text();
    expect(list).toContain(op.email);
    expect(list).not.toContain(op.password);
    const csrf = csrfIn(list);

    // the same email again is refused
    expect((await post("/admin/users", owner, { _csrf: csrf, email: op.email.toUpperCase() })).status).toBe(409);
    expect((await post("/admin/users", owner, { _csrf: csrf, email: "not-an-email" })).status).toBe(422);

    const removed = await post(`/admin/users/${op.id}/remove`, owner, { _csrf: csrf });
    expect(removed.status).toBe(303);
    expect(await db().select().from(adminUsers).where(eq(adminUsers.id, op.id))).toEqual([]);
    const rows = await auditFor(`admin_user:${op.email}`);
    expect(rows.map((r) => [r.actor, r.action, r.before, r.after])).toEqual([
      [OWNER.email, "admin.user_create", null, { email: op.email, role: "operator" }],
      [OWNER.email, "admin.user_remove", { email: op.email, role: "operator" }, null],
    ]);
    expect((await post(`/admin/users/${op.id}/remove`, owner, { _csrf: csrf })).status).toBe(404);

    // not yourself (the only owner)
    const me = (await db().select().from(adminUsers).where(eq(adminUsers.email, OWNER.email)))[0]!;
    expect((await post(`/admin/users/${me.id}/remove`, owner, { _csrf: csrf })).status).toBe(409);
    // a removed operator can no longer log in
    expect((await attempt(op.email, op.password)).status).toBe(401);
  });
});

describe("the audit log", () => {
  it("is for admins only: a guest is sent to the login page (htmx gets a 401 with HX-Redirect)", async () => {
    const res = await get("/admin/audit");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin/login");
    expect((await get("/admin")).headers.get("location")).toBe("/admin/login");
    expect((await get("/admin/audit", "pm_admin=forged")).status).toBe(303);
    const hx = await get("/admin/audit/rows", undefined, { "HX-Request": "true" });
    expect(hx.status).toBe(401);
    expect(hx.headers.get("hx-redirect")).toBe("/admin/login");
  });

  it("lists entries newest first, escaped, and pages with load more", async () => {
    const actor = `pager-${crypto.randomUUID().slice(0, 8)}`;
    const now = Date.now();
    const d = db();
    await d.batch(
      Array.from({ length: 25 }, (_, i) =>
        auditEntry(d, {
          actor,
          action: "test.entry",
          target: `thing:${i}`,
          before: { n: i },
          after: { n: i + 1, html: "<b>x</b>" },
          at: now + i,
        }),
      ) as unknown as Parameters<typeof d.batch>[0],
    );
    const owner = await login(OWNER.email, OWNER.password);
    const html = await (await get("/admin/audit", owner)).text();
    const ids = [...html.matchAll(/data-audit-id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(ids.length).toBe(20);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(html).not.toContain("<b>x</b>");
    expect(html).toContain("&lt;b>x&lt;/b>");
    const more = /hx-get="\/admin\/audit\/rows\?cursor=(\d+)"/.exec(html)!;
    expect(Number(more[1])).toBe(ids[ids.length - 1]);

    const frag = await get(`/admin/audit/rows?cursor=${more[1]}`, owner, { "HX-Request": "true" });
    expect(frag.status).toBe(200);
    const fragHtml = await frag.text();
    expect(fragHtml).not.toContain("<html");
    const next = [...fragHtml.matchAll(/data-audit-id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(next.length).toBeGreaterThan(0);
    expect(Math.max(...next)).toBeLessThan(Math.min(...ids));

    // my 25 entries, followed page by page, come out newest first
    const mine = await d.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.actor, actor));
    const seen: number[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 50 && seen.length < 25; page++) {
      const body = await (await get(`/admin/audit${cursor ? `?cursor=${cursor}` : ""}`, owner)).text();
      for (const m of body.matchAll(/data-audit-id="(\d+)" data-action="test.entry"/g)) seen.push(Number(m[1]));
      const c = /\?cursor=(\d+)"/.exec(body);
      if (!c) break;
      cursor = c[1];
    }
    expect(seen.filter((id) => mine.some((m) => m.id === id))).toEqual(mine.map((m) => m.id).sort((a, b) => b - a));
    await d.delete(auditLog).where(
      inArray(
        auditLog.id,
        mine.map((m) => m.id),
      ),
    );
  });
});
