// Bearer auth of the Merchant API through the real Worker: the bootstrap token and non-revoked api_keys
// rows pass; anything else is a JSON 401 with WWW-Authenticate and nothing runs.
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { apiKeys, members } from "../../db/schema";
import { tokenHash } from "./auth";
import { BASE, newUid } from "./test-client";

const db = () => getDb(env.TURSO_DATABASE_URL);

function fetchWith(path: string, authorization?: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (authorization !== undefined) headers.set("Authorization", authorization);
  return SELF.fetch(`${BASE}${path}`, { ...init, headers });
}

async function addKey(token: string, revoked = false) {
  const [row] = await db()
    .insert(apiKeys)
    .values({
      name: `test ${token.slice(0, 8)}`,
      tokenHash: await tokenHash(token),
      prefix: token.slice(0, 6),
      revokedAt: revoked ? Date.now() : null,
    })
    .returning();
  return row!;
}

async function expect401(res: Response) {
  expect(res.status).toBe(401);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="merchant-api"/);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("UNAUTHORIZED");
  expect(body.error.message).toBeTruthy();
}

describe("merchant API auth", () => {
  it("refuses a request without a token, with a malformed header, or with a wrong token", async () => {
    const uid = newUid();
    const put = {
      method: "PUT",
      body: JSON.stringify({ nickname: "x" }),
      headers: { "Content-Type": "application/json" },
    };
    await expect401(await fetchWith(`/api/v1/members/${uid}`, undefined, put));
    await expect401(await fetchWith(`/api/v1/members/${uid}`, "", put));
    await expect401(await fetchWith(`/api/v1/members/${uid}`, "Basic dGVzdDp0ZXN0", put));
    await expect401(await fetchWith(`/api/v1/members/${uid}`, `Bearer`, put));
    await expect401(await fetchWith(`/api/v1/members/${uid}`, `Bearer ${env.MERCHANT_API_TOKEN}x`, put));
    await expect401(await fetchWith(`/api/v1/members/${uid}`, `Bearer ${env.MERCHANT_API_TOKEN.slice(0, -1)}`, put));
    const wrong = await fetchWith(`/api/v1/members/${uid}/ledger`, "Bearer nope");
    await expect401(wrong);
    expect(wrong.headers.get("www-authenticate")).toContain('error="invalid_token"');
    // Nothing ran: the member was never created.
    expect(await db().select().from(members).where(eq(members.uid, uid))).toHaveLength(0);
  });

  it("accepts the bootstrap token (scheme case-insensitive)", async () => {
    const uid = newUid();
    const res = await fetchWith(`/api/v1/members/${uid}`, `bearer ${env.MERCHANT_API_TOKEN}`, {
      method: "PUT",
      body: JSON.stringify({ nickname: "boot" }),
      headers: { "Content-Type": "application/json" },
    });
    expect(res.status).toBe(201);
  });

  it("accepts a non-revoked api key and records when it was last used", async () => {
    const token = `pk_${crypto.randomUUID()}`;
    const key = await addKey(token);
    expect(key.lastUsedAt).toBeNull();
    const uid = newUid();
    const res = await fetchWith(`/api/v1/members/${uid}`, `Bearer ${token}`, { method: "PUT" });
    expect(res.status).toBe(201);
    const [after] = await db().select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(after!.lastUsedAt).toBeGreaterThan(Date.now() - 60_000);
    // Used again within the minute: still accepted, last_used_at not rewritten.
    expect((await fetchWith(`/api/v1/members/${uid}`, `Bearer ${token}`)).status).toBe(200);
    const [again] = await db().select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(again!.lastUsedAt).toBe(after!.lastUsedAt);
  });

  it("refuses a revoked api key", async () => {
    const token = `pk_${crypto.randomUUID()}`;
    await addKey(token, true);
    const uid = newUid();
    await expect401(await fetchWith(`/api/v1/members/${uid}`, `Bearer ${token}`, { method: "PUT" }));
    expect(await db().select().from(members).where(eq(members.uid, uid))).toHaveLength(0);
  });

  it("serves the OpenAPI document without a token", async () => {
    const res = await fetchWith("/api/v1/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  });

  it("answers unknown /api/v1 paths with a JSON 404", async () => {
    for (const path of ["/api/v1/nope", "/api/v1/members", "/api/v2/members/x"]) {
      const res = await fetchWith(path, `Bearer ${env.MERCHANT_API_TOKEN}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type"), path).toMatch(/^application\/json/);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
    }
  });
});
