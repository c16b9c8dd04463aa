// Issue 14 (low): console logins are throttled per client (CF-Connecting-IP) as well as per account, so an
// attacker's wrong passwords lock the attacker's client, not the owner: another client that has not failed
// still signs in, and a browser that signed in before keeps signing in even while the account is under a
// spread-out attack. Failed logins for unknown e-mails are limited too and do not write an audit row each.
import { env } from "cloudflare:workers";
import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../../db/client";
import { adminUsers, auditLog } from "../../../db/schema";
import { post } from "../../shop/test-session";
import { attempt, cookiesOf, login, OWNER, pageCsrf, testClient } from "../test-admin";

const db = () => getDb(env.TURSO_DATABASE_URL);
const client = testClient;

async function newOperator() {
  const owner = await login(OWNER.email, OWNER.password);
  const email = `thr-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const res = await post("/admin/users", owner, { _csrf: await pageCsrf(owner, "/admin/users"), email });
  expect(res.status).toBe(200);
  const password = /data-initial-password[^>]*>([^<]+)</.exec(await res.text())![1]!.trim();
  return { email, password };
}

describe("console login throttling", () => {
  it("five wrong passwords lock that client (429 even with the right password), not another client that has not failed", async () => {
    const op = await newOperator();
    const attacker = client();
    for (let i = 0; i < 5; i++) expect((await attempt(op.email, `nope-${i}`, attacker)).status).toBe(401);
    const locked = await attempt(op.email, op.password, attacker);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(20);
    expect(cookiesOf(locked).pm_admin).toBeUndefined();
    // the owner's own client has not failed: it signs in
    const ok = await attempt(op.email, op.password, client());
    expect(ok.status).toBe(303);
    expect(cookiesOf(ok).pm_admin).toBeTruthy();
    // and the attacker's client stays locked (for every account)
    expect((await attempt(OWNER.email, OWNER.password, attacker)).status).toBe(429);
  });

  it("failed logins for unknown e-mails are limited per client and write at most one audit row for the lot", async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const spray = client();
    const since = Date.now();
    for (let i = 0; i < 5; i++)
      expect((await attempt(`nobody-${tag}-${i}@example.com`, "guess", spray)).status).toBe(401);
    for (let i = 5; i < 8; i++)
      expect((await attempt(`nobody-${tag}-${i}@example.com`, "guess", spray)).status).toBe(429);
    const rows = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "admin.login_failed"), like(auditLog.actor, `nobody-${tag}-%`)));
    expect(rows.length).toBeLessThanOrEqual(1);
    expect(rows.every((r) => r.at >= since)).toBe(true);
  });

  it("a spread-out attack on one account locks it for new clients, but a browser that signed in before still signs in", async () => {
    const op = await newOperator();
    // a browser that signed in once (it keeps the console's device cookie)
    const first = await attempt(op.email, op.password, client());
    expect(first.status).toBe(303);
    const device = cookiesOf(first).pm_admin_device;
    expect(device).toBeTruthy();
    // 20 wrong passwords from 20 clients, each failing once (no client lock)
    for (let i = 0; i < 20; i++) expect((await attempt(op.email, `wrong-${i}`, client())).status).toBe(401);
    const row = (await db().select().from(adminUsers).where(eq(adminUsers.email, op.email)))[0]!;
    expect(row.failedLogins).toBe(20);
    expect(row.lockedUntil).toBeGreaterThan(Date.now());
    // a new client with the right password: the account is locked for it
    expect((await attempt(op.email, op.password, client())).status).toBe(429);
    // the browser that signed in before: not locked out
    const again = await attempt(op.email, op.password, client(), device);
    expect(again.status).toBe(303);
    expect((await db().select().from(adminUsers).where(eq(adminUsers.email, op.email)))[0]!.failedLogins).toBe(0);
  });
});
