// Issue 14 (low): one uid pattern (worker/identity/uid.ts, README) validated in one place for autologin, the
// Merchant API and the console: every member the mall accepts can be addressed by the console and the API,
// and what one of them refuses (., .., a uid not starting with a letter or digit) they all refuse.
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { members } from "../../db/schema";
import { ownerSession } from "../admin/test-admin";
import { call } from "../api/test-client";
import { signAutologinLink } from "../identity/autologin-sign";
import { BASE, db, get } from "../shop/test-session";

const open = async (uid: string) =>
  SELF.fetch(await signAutologinLink(BASE, env.AUTOLOGIN_SECRET, { uid }), { redirect: "manual" });

describe("one uid pattern", () => {
  it("a member autologin accepts is addressable by the API and the console", async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const admin = await ownerSession("/admin/members");
    for (const uid of [`Aa0_.:@-${tag}`, `9${tag}`, `wx:o_${tag}@corp`, `u.${tag}.x`]) {
      const res = await open(uid);
      expect(res.status, uid).toBe(302);
      const api = await call("GET", `/api/v1/members/${encodeURIComponent(uid)}`);
      expect(api.status, uid).toBe(200);
      expect(api.json.uid).toBe(uid);
      const page = await get(`/admin/members/${encodeURIComponent(uid)}`, admin.cookie);
      expect(page.status, uid).toBe(200);
    }
  });

  it("., .., and uids not starting with a letter or digit are refused everywhere: autologin 401, API 422, nothing created", async () => {
    for (const uid of [".", "..", ".hidden", "_x", "-x", "@x", ":x", "a/b", "a b", "a".repeat(65)]) {
      const res = await open(uid);
      expect(res.status, uid).toBe(401);
      expect(res.headers.get("set-cookie")).toBeNull();
      expect(await db().select().from(members).where(eq(members.uid, uid))).toEqual([]);
    }
    for (const uid of ["_x", "-x", "@x", ":x", ".hidden", "%2E", "%2E%2E"]) {
      const put = await call("PUT", `/api/v1/members/${uid}`, {});
      expect([404, 422], uid).toContain(put.status);
      if (put.status === 422) expect(put.json.error.code).toBe("VALIDATION_FAILED");
    }
    expect(await db().select().from(members).where(eq(members.uid, "_x"))).toEqual([]);
  });

  it("the OpenAPI document states the one pattern", async () => {
    const doc = (await call("GET", "/api/v1/openapi.json")).json;
    const uid = doc.paths["/api/v1/members/{uid}"].get.parameters.find((p: { name: string }) => p.name === "uid");
    expect(uid.schema.pattern).toBe("^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,63}$");
  });
});
