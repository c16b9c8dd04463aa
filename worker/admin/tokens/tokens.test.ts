// 接口令牌 in the merchant console through the real Worker: the owner creates a Merchant API token (shown
// once, stored as its SHA-256), the API accepts it and the list shows its last use; revoking it (once,
// idempotently) makes the API refuse it at once. CSRF, the owner-only role and the audit rows.
// Tests share one database with other files running in parallel: they only look at their own tokens.
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../../db/client";
import { apiKeys, auditLog } from "../../../db/schema";
import { tokenHash } from "../../api/auth";
import { newApiToken, tokenPrefix } from "./api-token";
import { BASE, get, post } from "../../shop/test-session";
import { csrfIn, login, OWNER, pageCsrf } from "../test-admin";

const db = () => getDb(env.TURSO_DATABASE_URL);

/** Creates a token through the form; returns its row, the full token and the response page. */
async function createToken(owner: string, name = `erp-${crypto.randomUUID().slice(0, 8)}`) {
  const res = await post("/admin/tokens", owner, { _csrf: await pageCsrf(owner, "/admin/tokens"), name });
  expect(res.status).toBe(200);
  const html = await res.text();
  const m = /data-new-token[^>]*>([^<]+)</.exec(html);
  expect(m).not.toBeNull();
  const token = m![1]!;
  const row = (
    await db()
      .select()
      .from(apiKeys)
      .where(eq(apiKeys.tokenHash, await tokenHash(token)))
  )[0]!;
  expect(row).toBeDefined();
  return { name, token, row, html };
}

function api(token: string, path = "/api/v1/orders") {
  return SELF.fetch(`${BASE}${path}`, { headers: { Authorization: `Bearer ${token}` } });
}

/** The list row of one token on /admin/tokens. */
function rowOf(html: string, id: number): string {
  const m = new RegExp(`<li[^>]*data-token-id="${id}"[^>]*>.*?</li>`, "s").exec(html);
  expect(m).not.toBeNull();
  return m![0];
}

async function newOperatorCookie(owner: string) {
  const email = `tok-op-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const res = await post("/admin/users", owner, { _csrf: await pageCsrf(owner, "/admin/users"), email });
  expect(res.status).toBe(200);
  const password = /data-initial-password="?[^>]*>([^<]+)</.exec(await res.text())![1]!;
  return login(email, password);
}

describe("API tokens in the admin console", () => {
  it("are pm_ + 32 random bytes base64url, listed by a 7-character prefix", () => {
    const a = newApiToken();
    expect(a).toMatch(/^pm_[A-Za-z0-9_-]{43}$/);
    expect(newApiToken()).not.toBe(a);
    expect(tokenPrefix(a)).toBe(a.slice(0, 7));
  });

  it("the owner creates a token (shown once), the API accepts it and the list shows its last use", async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const { name, token, row, html } = await createToken(owner);
    expect(token).toMatch(/^pm_[A-Za-z0-9_-]{43}$/);
    expect(html).toContain("只显示这一次");
    expect(row.name).toBe(name);
    expect(row.prefix).toBe(token.slice(0, 7));
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.tokenHash).not.toContain(token.slice(3));
    expect(row.lastUsedAt).toBeNull();
    expect(row.revokedAt).toBeNull();

    let list = await (await get("/admin/tokens", owner)).text();
    expect(list).not.toContain(token);
    expect(list).toContain("MERCHANT_API_TOKEN");
    let mine = rowOf(list, row.id);
    expect(mine).toContain(name);
    expect(mine).toContain(`${row.prefix}…`);
    expect(mine).toContain("从未使用");
    expect(mine).toContain('data-token-state="active"');

    expect((await api(token)).status).toBe(200);
    expect((await api(token, `/api/v1/members/t-${crypto.randomUUID()}`)).status).not.toBe(401);
    const used = (await db().select().from(apiKeys).where(eq(apiKeys.id, row.id)))[0]!;
    expect(used.lastUsedAt).toBeGreaterThan(Date.now() - 60_000);

    list = await (await get("/admin/tokens", owner)).text();
    expect(list).not.toContain(token);
    mine = rowOf(list, row.id);
    expect(mine).not.toContain("从未使用");
    expect(mine).toContain("上次使用：");

    // newest first
    const second = await createToken(owner);
    list = await (await get("/admin/tokens", owner)).text();
    expect(list.indexOf(`data-token-id="${second.row.id}"`)).toBeLessThan(list.indexOf(`data-token-id="${row.id}"`));
    expect(list).not.toContain(second.token);
  });

  it("revoking makes the API refuse the token at once; revoking again keeps the first time; the bootstrap token still works", async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const { token, row } = await createToken(owner);
    expect((await api(token)).status).toBe(200);
    const csrf = await pageCsrf(owner, "/admin/tokens");

    const revoked = await post(`/admin/tokens/${row.id}/revoke`, owner, { _csrf: csrf });
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get("location")).toBe("/admin/tokens");
    const res = await api(token);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/invalid_token/);
    const first = (await db().select().from(apiKeys).where(eq(apiKeys.id, row.id)))[0]!;
    expect(first.revokedAt).toBeGreaterThan(Date.now() - 60_000);

    const list = await (await get("/admin/tokens", owner)).text();
    const mine = rowOf(list, row.id);
    expect(mine).toContain('data-token-state="revoked"');
    expect(mine).toContain("吊销");
    expect(mine).not.toContain(`/admin/tokens/${row.id}/revoke`);

    await new Promise((r) => setTimeout(r, 5));
    const again = await post(`/admin/tokens/${row.id}/revoke`, owner, { _csrf: csrf });
    expect(again.status).toBe(303);
    const second = (await db().select().from(apiKeys).where(eq(apiKeys.id, row.id)))[0]!;
    expect(second.revokedAt).toBe(first.revokedAt);
    expect((await api(token)).status).toBe(401);

    const audit = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.target, `api_key:${row.id}`))
      .orderBy(auditLog.id);
    expect(audit.map((a) => [a.actor, a.action, a.before, a.after])).toEqual([
      [OWNER.email, "admin.token_create", null, { name: row.name, prefix: row.prefix }],
      [
        OWNER.email,
        "admin.token_revoke",
        { name: row.name, prefix: row.prefix, revokedAt: null },
        { name: row.name, prefix: row.prefix, revokedAt: first.revokedAt },
      ],
    ]);
    expect(JSON.stringify(audit)).not.toContain(token);

    expect((await api(env.MERCHANT_API_TOKEN)).status).toBe(200);
    expect((await post("/admin/tokens/999999999/revoke", owner, { _csrf: csrf })).status).toBe(404);
  });

  it("the audit log page names the token actions", async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const { token } = await createToken(owner);
    const html = await (await get("/admin/audit", owner)).text();
    expect(html).toContain('data-action="admin.token_create"');
    expect(html).toContain("创建接口令牌");
    expect(html).not.toContain(token);
  });

  it("validates the name: 1–40 characters after trimming", async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const csrf = await pageCsrf(owner, "/admin/tokens");
    expect((await post("/admin/tokens", owner, { _csrf: csrf, name: "   " })).status).toBe(422);
    expect((await post("/admin/tokens", owner, { _csrf: csrf, name: "x".repeat(41) })).status).toBe(422);
    expect((await post("/admin/tokens", owner, { _csrf: csrf })).status).toBe(422);
    expect(
      await db()
        .select()
        .from(apiKeys)
        .where(eq(apiKeys.name, "x".repeat(41))),
    ).toEqual([]);
    const forty = await createToken(owner, `  ${"令".repeat(40)}  `);
    expect(forty.row.name).toBe("令".repeat(40));
  });

  it("requires the CSRF token and a same origin to create or revoke", async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const csrf = await pageCsrf(owner, "/admin/tokens");
    const name = `csrf-${crypto.randomUUID().slice(0, 8)}`;
    expect((await post("/admin/tokens", owner, { name })).status).toBe(403);
    expect((await post("/admin/tokens", owner, { name, _csrf: "0".repeat(csrf.length) })).status).toBe(403);
    expect((await post("/admin/tokens", owner, { name, _csrf: csrf }, { Origin: "https://evil.example" })).status).toBe(
      403,
    );
    expect(await db().select().from(apiKeys).where(eq(apiKeys.name, name))).toEqual([]);

    const { token, row } = await createToken(owner);
    expect((await post(`/admin/tokens/${row.id}/revoke`, owner, {})).status).toBe(403);
    expect(
      (await post(`/admin/tokens/${row.id}/revoke`, owner, { _csrf: csrf }, { Origin: "https://evil.example" })).status,
    ).toBe(403);
    expect((await db().select().from(apiKeys).where(eq(apiKeys.id, row.id)))[0]!.revokedAt).toBeNull();
    expect((await api(token)).status).toBe(200);
  });

  it("an operator sees no 接口令牌 link and gets 403 on the page and both forms", async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const ownerAudit = await (await get("/admin/audit", owner)).text();
    expect(ownerAudit).toContain('href="/admin/tokens"');
    expect(ownerAudit).toContain("接口令牌");
    const { token, row } = await createToken(owner);

    const op = await newOperatorCookie(owner);
    const audit = await (await get("/admin/audit", op)).text();
    expect(audit).not.toContain('href="/admin/tokens"');
    const csrf = csrfIn(audit);
    expect((await get("/admin/tokens", op)).status).toBe(403);
    const name = `sneaky-${crypto.randomUUID().slice(0, 8)}`;
    expect((await post("/admin/tokens", op, { _csrf: csrf, name })).status).toBe(403);
    expect(await db().select().from(apiKeys).where(eq(apiKeys.name, name))).toEqual([]);
    expect((await post(`/admin/tokens/${row.id}/revoke`, op, { _csrf: csrf })).status).toBe(403);
    expect((await db().select().from(apiKeys).where(eq(apiKeys.id, row.id)))[0]!.revokedAt).toBeNull();
    expect((await api(token)).status).toBe(200);

    // a guest is sent to the login page
    expect((await get("/admin/tokens")).headers.get("location")).toBe("/admin/login");
  });
});
