// Rotating the autologin secret from 设置: the new secret (shown once) signs links at once; the previous
// ones, the AUTOLOGIN_SECRET binding included, keep working until their grace ends; the secret is never in
// the audit row nor on the page afterwards. Other test files sign with the binding meanwhile, so the
// binding's own expiry is checked at a later instant, not by ending it in the shared database; every row
// made here is removed at the end.
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { desc, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { auditLog, autologinSecrets } from "../../../db/schema";
import { autologinSecretsAt, currentSecret, secretRowsQuery } from "../../identity/autologin-secrets";
import { signAutologinLink } from "../../identity/autologin-sign";
import { BASE, get } from "../../shop/test-session";
import { postForm } from "../test-admin";
import { db, owner } from "./test-settings";

afterAll(async () => {
  await db().delete(autologinSecrets);
});

async function open(secret: string) {
  const uid = `rot-${crypto.randomUUID()}`;
  const res = await SELF.fetch(await signAutologinLink(BASE, secret, { uid }), { redirect: "manual" });
  return res.status;
}

async function rotate(cookie: string, csrf: string, grace: string) {
  const res = await postForm("/admin/settings/autologin/rotate", cookie, new URLSearchParams({ _csrf: csrf, grace }));
  expect(res.status).toBe(200);
  const html = await res.text();
  const secret = /data-new-secret[^>]*>\s*([A-Za-z0-9_-]+)\s*</.exec(html)?.[1];
  expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  return secret!;
}

describe("autologin secret rotation", () => {
  it("new secret signs at once, old ones work during their grace and fail after; no secret in the audit log", async () => {
    const own = await owner();
    expect(await open(env.AUTOLOGIN_SECRET)).toBe(302);

    const t0 = Date.now();
    const s1 = await rotate(own.cookie, own.csrf, "1h");
    let rows = await secretRowsQuery(db());
    const binding = rows.find((r) => r.secret === null)!;
    expect(binding.validUntil).toBeGreaterThanOrEqual(t0 + 3600_000);
    expect(binding.validUntil).toBeLessThan(Date.now() + 3600_000 + 1000);
    expect(rows[0]!.secret).toBe(s1);
    expect(rows[0]!.validUntil).toBeNull();

    expect(await open(s1)).toBe(302);
    expect(await open(env.AUTOLOGIN_SECRET)).toBe(302); // in its grace
    expect(await open("some-other-secret")).toBe(401);

    const audit = (
      await db()
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, "settings.autologin_rotate"))
        .orderBy(desc(auditLog.id))
        .limit(1)
    )[0]!;
    expect(audit.actor).toBe("owner@example.com");
    expect(audit.target).toBe(`autologin_secret:${rows[0]!.id}`);
    expect(audit.after).toMatchObject({ id: rows[0]!.id, previousIds: [binding.id], graceUntil: binding.validUntil });
    expect(JSON.stringify(audit)).not.toContain(s1);

    // the page lists the secrets by id and state, never the secret again
    const page = await (await get("/admin/settings", own.cookie)).text();
    expect(page).not.toContain(s1);
    expect(page).toContain(`data-secret-id="${rows[0]!.id}" data-secret-state="current"`);
    expect(page).toContain(`data-secret-id="${binding.id}" data-secret-state="grace"`);

    // a second rotation: s1 goes into its grace, s2 signs
    const s2 = await rotate(own.cookie, own.csrf, "24h");
    rows = await secretRowsQuery(db());
    const s1Row = rows.find((r) => r.secret === s1)!;
    expect(s1Row.validUntil).toBeGreaterThan(Date.now() + 23 * 3600_000);
    expect(rows.find((r) => r.secret === null)!.validUntil).toBe(binding.validUntil); // a shorter grace is kept
    expect(await open(s1)).toBe(302);
    expect(await open(s2)).toBe(302);
    expect(currentSecret(rows, env.AUTOLOGIN_SECRET)).toBe(s2);

    // s1's grace over
    await db()
      .update(autologinSecrets)
      .set({ validUntil: Date.now() - 1000 })
      .where(eq(autologinSecrets.id, s1Row.id));
    expect(await open(s1)).toBe(401);
    expect(await open(s2)).toBe(302);
    expect(await open(env.AUTOLOGIN_SECRET)).toBe(302);
    expect(await (await get("/admin/settings", own.cookie)).text()).toContain(
      `data-secret-id="${s1Row.id}" data-secret-state="expired"`,
    );

    // the binding stops once its grace is over; the current secret does not
    const afterGrace = binding.validUntil! + 1;
    const valid = await autologinSecretsAt(db(), env.AUTOLOGIN_SECRET, afterGrace);
    expect(valid).toEqual([s2]);
  });

  it("refuses an unknown grace period with 422 and rotates nothing", async () => {
    const own = await owner();
    const before = await secretRowsQuery(db());
    const res = await postForm(
      "/admin/settings/autologin/rotate",
      own.cookie,
      new URLSearchParams({ _csrf: own.csrf, grace: "forever" }),
    );
    expect(res.status).toBe(422);
    expect(await secretRowsQuery(db())).toEqual(before);
  });
});
