// Webhook 推送 in the console through the real Worker: the owner adds an endpoint (secret shown once), sees its
// delivery log with status and response time, redelivers (htmx fragment), rotates the secret, pauses, enables,
// deletes; a refused form writes nothing; an endpoint disabled after failing is a notice on the dashboard.
import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getDb } from "../../../db/client";
import { HX, get, post } from "../../shop/test-session";
import { RETRY_DELAYS_MS, MAX_ATTEMPTS } from "../../webhooks/retry-schedule";
import {
  fault,
  independentlyVerified,
  memberWithEarning,
  received,
  receiver,
  registerSecrets,
  runUntil,
  type Hook,
} from "../../webhooks/test-webhooks";
import { login, OWNER, pageCsrf, postForm } from "../test-admin";
import { webhookEndpoints } from "../../../db/schema";
import { eq } from "drizzle-orm";

const db = () => getDb(env.TURSO_DATABASE_URL);

async function addEndpoint(owner: string, events = ["points.earned"]): Promise<Hook> {
  const path = `/hooks/console-${crypto.randomUUID()}`;
  const url = receiver.url + path;
  const form = new URLSearchParams({ _csrf: await pageCsrf(owner, "/admin/webhooks"), url, description: "CRM" });
  for (const e of events) form.append("events", e);
  const res = await postForm("/admin/webhooks", owner, form);
  expect(res.status).toBe(200);
  const html = await res.text();
  const secret = /data-new-secret[^>]*>([^<]+)</.exec(html)![1]!;
  const [row] = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.url, url));
  expect(row!.secret).toBe(secret);
  await registerSecrets(path, [secret]);
  // settle the alarm the add set, so the rounds after it are the test's own (at the clock it gives)
  await runDurableObjectAlarm(env.WEBHOOK_DELIVERY.getByName(row!.id));
  return { id: row!.id, secret, path, url };
}

describe("Webhook 推送 in the console", () => {
  it("add (secret shown once), log with status and response time, redeliver by htmx, rotate, pause, enable, delete", async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const hook = await addEndpoint(owner);
    const list = await (await get("/admin/webhooks", owner)).text();
    expect(list).toContain(`data-webhook-id="${hook.id}"`);
    expect(list).not.toContain(hook.secret); // only the answer to the add showed it
    const uid = await memberWithEarning(88);
    const ds = await runUntil(hook, uid, Date.now() + 40 * 86_400_000, (d) => d.some((x) => x.state === "delivered"));
    const ev = ds.find((x) => x.body.includes('"points":88'))!;
    const page = await (await get(`/admin/webhooks/${hook.id}`, owner)).text();
    expect(page).toContain(`data-event-id="${ev.eventId}"`);
    expect(page).toMatch(/data-attempt-status="204"/);
    expect(page).toContain("毫秒");
    // redeliver through htmx: the row comes back queued
    const csrf = await pageCsrf(owner, `/admin/webhooks/${hook.id}`);
    const r = await post(`/admin/webhooks/${hook.id}/deliveries/${ev.eventId}/redeliver`, owner, { _csrf: csrf }, HX);
    expect(r.status).toBe(200);
    const frag = await r.text();
    expect(frag).toMatch(/^<li[^>]*data-event-id/);
    expect(frag).toContain('data-delivery-state="pending"');
    expect(frag).toContain("data-queued");
    await runUntil(
      hook,
      uid,
      Date.now() + 41 * 86_400_000,
      (d) => d.find((x) => x.eventId === ev.eventId)!.log.length === 2,
    );
    expect((await received(hook.path)).filter((d) => d.id === ev.eventId)).toHaveLength(2);
    // rotate with a grace period: the new secret shown once, both sign
    const rot = await post(`/admin/webhooks/${hook.id}/rotate`, owner, { _csrf: csrf, graceHours: "24" });
    expect(rot.status).toBe(200);
    const newSecret = /data-new-secret[^>]*>([^<]+)</.exec(await rot.text())![1]!;
    expect(newSecret).not.toBe(hook.secret);
    const uid2 = await memberWithEarning(89);
    await runUntil(hook, uid2, Date.now() + 42 * 86_400_000, (d) => d.some((x) => x.state === "delivered"));
    const d2 = (await received(hook.path)).find((d) => d.body.includes(uid2) && d.body.includes('"points":89'))!;
    expect(await independentlyVerified(newSecret, d2)).toBe(true);
    expect(await independentlyVerified(hook.secret, d2)).toBe(true);
    // pause and enable
    expect((await post(`/admin/webhooks/${hook.id}/pause`, owner, { _csrf: csrf })).status).toBe(303);
    expect(await (await get(`/admin/webhooks/${hook.id}`, owner)).text()).toContain('data-webhook-state="paused"');
    expect((await post(`/admin/webhooks/${hook.id}/enable`, owner, { _csrf: csrf })).status).toBe(303);
    expect(await (await get(`/admin/webhooks/${hook.id}`, owner)).text()).toContain('data-webhook-state="enabled"');
    // CSRF is checked
    expect((await post(`/admin/webhooks/${hook.id}/delete`, owner, { _csrf: "00" })).status).toBe(403);
    expect((await post(`/admin/webhooks/${hook.id}/delete`, owner, { _csrf: csrf })).status).toBe(303);
    expect((await get(`/admin/webhooks/${hook.id}`, owner)).status).toBe(404);
    const audit = await db().$client.execute({
      sql: "select action from audit_log where target = ? order by id",
      args: [`webhook:${hook.id}`],
    });
    expect(audit.rows.map((x) => x.action)).toEqual([
      "webhook.create",
      "webhook.rotate_secret",
      "webhook.pause",
      "webhook.enable",
      "webhook.delete",
    ]);
  });

  it("a refused form (no event, a URL not allowed) answers 422 with the message and adds nothing", async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const csrf = await pageCsrf(owner, "/admin/webhooks");
    const url = `${receiver.url}/hooks/refused-${crypto.randomUUID()}`;
    const none = await post("/admin/webhooks", owner, { _csrf: csrf, url });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain("data-webhook-error");
    const ftp = new URLSearchParams({ _csrf: csrf, url: "ftp://127.0.0.1/x", events: "points.earned" });
    const bad = await postForm("/admin/webhooks", owner, ftp);
    expect(bad.status).toBe(422);
    const rows = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.url, url));
    expect(rows).toHaveLength(0);
  });

  it("an endpoint disabled after a day of failures is a notice on the dashboard and the webhooks page", async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const hook = await addEndpoint(owner);
    const uid = await memberWithEarning(99);
    await fault(hook.path, { kind: "status", status: 500, times: 100, match: uid });
    let at = Date.now() + 50 * 86_400_000;
    await runUntil(hook, uid, at, (d) => d.some((x) => x.attempts === 1 && x.body.includes('"points":99')));
    for (let n = 1; n < MAX_ATTEMPTS; n++) {
      at += RETRY_DELAYS_MS[n - 1]!;
      await runUntil(hook, uid, at, (d) => d.find((x) => x.body.includes('"points":99'))!.attempts === n + 1);
    }
    const dash = await (await get("/admin/dashboard", owner)).text();
    expect(dash).toContain("data-webhook-failing-notice");
    expect(dash).toContain(hook.url);
    const list = await (await get("/admin/webhooks", owner)).text();
    expect(list).toContain(`data-webhook-id="${hook.id}" data-webhook-state="failing"`);
  });
});
