// Webhooks end to end in workerd: facts made through the Merchant API become events in Turso (by the triggers of
// migration 0006), each endpoint's WebhookDelivery object pulls and signs them, and the fake receiver gets them.
// Signatures are checked by the receiver (node:crypto) and again here by hand (WebCrypto); retries are driven
// with the scheduler's clock given to the object's run(), so a day of back-off takes no time.
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { call } from "../api/test-client";
import { walletFor } from "../wallet/wallet-stub";
import { MAX_ATTEMPTS, RETRY_DELAYS_MS, TIMEOUT_MS } from "./retry-schedule";
import {
  createHook,
  delivery,
  deliveriesFor,
  eventually,
  fault,
  independentlyVerified,
  memberWithEarning,
  received,
  receivedFor,
  registerSecrets,
  runUntil,
} from "./test-webhooks";

const DAY = 24 * 3_600_000;
/** The scheduler's clock for driven rounds: far ahead of the real one, so the object's own alarms (real
 *  clock) never find these deliveries due and every attempt happens at a time the test chose. */
const future = () => Date.now() + 30 * DAY;

/** Settles the alarm the endpoint's creation set, so the next round is the test's own. */
async function quiet(hook: { id: string }) {
  await runDurableObjectAlarm(env.WEBHOOK_DELIVERY.getByName(hook.id));
}

describe("webhooks: events to signed deliveries", () => {
  it("a member earning reaches the receiver by the object's own alarm, signed, verified independently", async () => {
    const hook = await createHook(["points.earned", "member.created"]);
    const uid = await memberWithEarning(120);
    const got = await eventually(async () => {
      const ds = await receivedFor(hook.path, uid);
      return ds.some((d) => JSON.parse(d.body).data.points === 120) && ds.length >= 2 ? ds : undefined;
    });
    const earned = got.find((d) => JSON.parse(d.body).data.points === 120)!;
    expect(earned.verified).toBe(true); // the receiver's node:crypto check
    expect(await independentlyVerified(hook.secret, earned)).toBe(true);
    expect(await independentlyVerified(hook.secret, { ...earned, body: earned.body.replace("120", "121") })).toBe(
      false,
    );
    expect(earned.id).toMatch(/^evt_[0-9a-f]{32}$/);
    expect(Math.abs(Number(earned.timestamp) - Date.now() / 1000)).toBeLessThan(60);
    expect(earned.headers["content-type"]).toBe("application/json");
    const body = JSON.parse(earned.body);
    expect(body).toMatchObject({ type: "points.earned", data: { uid, points: 120, source: "purchase" } });
    expect(Number.isNaN(Date.parse(body.timestamp))).toBe(false);
    expect(got.map((d) => JSON.parse(d.body).type)).toContain("member.created");
    // the object's log says the same
    const log = await deliveriesFor(hook, uid);
    const mine = log.find((d) => d.eventId === earned.id)!;
    expect(mine).toMatchObject({ state: "delivered", attempts: 1, lastStatus: 204, body: earned.body });
    expect(mine.log[0]!.ms).toBeGreaterThanOrEqual(0);
  });

  it("only the subscribed event types are sent", async () => {
    const hook = await createHook(["points.adjusted"]);
    await quiet(hook);
    const uid = await memberWithEarning(50);
    const r = await call("POST", `/api/v1/members/${uid}/points/deduct`, { ref: `d-${uid}`, reason: "扣", points: 20 });
    expect(r.status).toBe(200);
    await walletFor(env, uid).drainOutbox();
    const ds = await runUntil(hook, uid, future(), (d) => d.some((x) => x.state === "delivered"));
    expect(ds.map((d) => d.type)).toEqual(["points.adjusted"]); // an API deduction is an adjustment
    const got = await receivedFor(hook.path, uid);
    expect(got.map((d) => JSON.parse(d.body))).toMatchObject([{ type: "points.adjusted", data: { points: -20 } }]);
  });

  it("retries after 500s on the schedule (first retry 5 s later), same webhook-id and bytes every time", async () => {
    const hook = await createHook(["points.earned"]);
    await quiet(hook);
    const uid = await memberWithEarning(77);
    await fault(hook.path, { kind: "status", status: 500, times: 2, match: '"points":77' });
    const t0 = future();
    const first = await runUntil(hook, uid, t0, (d) =>
      d.some((x) => x.attempts === 1 && x.body.includes('"points":77')),
    );
    const ev = first.find((x) => x.body.includes('"points":77'))!;
    expect(ev).toMatchObject({ state: "pending", lastStatus: 500, nextAttemptAt: t0 + 5_000 });
    expect(RETRY_DELAYS_MS[0]).toBeLessThanOrEqual(30_000);
    // not yet due: a round before the retry time sends nothing for it
    await delivery(hook).run({ now: t0 + 4_999 });
    expect((await deliveriesFor(hook, uid)).find((x) => x.eventId === ev.eventId)!.attempts).toBe(1);
    await runUntil(hook, uid, t0 + 5_000, (d) => d.find((x) => x.eventId === ev.eventId)!.attempts === 2);
    const done = await runUntil(
      hook,
      uid,
      t0 + 65_000,
      (d) => d.find((x) => x.eventId === ev.eventId)!.state === "delivered",
    );
    const final = done.find((x) => x.eventId === ev.eventId)!;
    expect(final.log.map((a) => [a.at - t0, a.status])).toEqual([
      [0, 500],
      [5_000, 500],
      [65_000, 204],
    ]);
    const got = (await received(hook.path)).filter((d) => d.id === ev.eventId);
    expect(got.map((d) => d.answer)).toEqual([500, 500, 204]);
    expect(new Set(got.map((d) => d.body)).size).toBe(1);
    expect(got.every((d) => d.verified === true && !d.conflict)).toBe(true);
  });

  it(`a receiver that does not answer within ${TIMEOUT_MS / 1000} s is a failed attempt, retried`, async () => {
    const hook = await createHook(["points.earned"]);
    await quiet(hook);
    const uid = await memberWithEarning(66);
    await fault(hook.path, { kind: "hang", times: 1, match: '"points":66' });
    const t0 = future();
    const ds = await runUntil(hook, uid, t0, (d) => d.some((x) => x.body.includes('"points":66') && x.attempts === 1));
    const ev = ds.find((x) => x.body.includes('"points":66'))!;
    expect(ev).toMatchObject({ state: "pending", lastStatus: null, lastError: "timeout", nextAttemptAt: t0 + 5_000 });
    expect(ev.log[0]!.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(ev.log[0]!.ms).toBeLessThan(TIMEOUT_MS + 3_000);
    const after = await runUntil(
      hook,
      uid,
      t0 + 5_000,
      (d) => d.find((x) => x.eventId === ev.eventId)!.state === "delivered",
    );
    expect(after.find((x) => x.eventId === ev.eventId)!.log.map((a) => a.status)).toEqual([null, 204]);
  }, 40_000);

  it("gives up after about a day of failures, disables the endpoint, tells the owner, and sends nothing more", async () => {
    const hook = await createHook(["points.earned"]);
    await quiet(hook);
    const uid = await memberWithEarning(55);
    await fault(hook.path, { kind: "status", status: 503, times: 100, match: uid });
    const t0 = future();
    let ds = await runUntil(hook, uid, t0, (d) => d.some((x) => x.body.includes('"points":55') && x.attempts === 1));
    const id = ds.find((x) => x.body.includes('"points":55'))!.eventId;
    let at = t0;
    for (let n = 1; n < MAX_ATTEMPTS; n++) {
      at += RETRY_DELAYS_MS[n - 1]!;
      ds = await runUntil(hook, uid, at, (d) => d.find((x) => x.eventId === id)!.attempts === n + 1);
    }
    const ev = ds.find((x) => x.eventId === id)!;
    expect(ev.state).toBe("failed");
    expect(ev.nextAttemptAt).toBeNull();
    const gaps = ev.log.slice(1).map((a, i) => a.at - ev.log[i]!.at);
    expect(gaps).toEqual([...RETRY_DELAYS_MS]);
    const span = ev.log.at(-1)!.at - ev.log[0]!.at;
    expect(span).toBeGreaterThan(20 * 3_600_000);
    expect(span).toBeLessThan(30 * 3_600_000);
    // disabled, with the reason, in the API and the audit log
    const ep = await call("GET", `/api/v1/webhooks/${hook.id}`);
    expect(ep.json).toMatchObject({ enabled: false, disabledReason: "failing" });
    const audit = await getDb(env.TURSO_DATABASE_URL).$client.execute({
      sql: "select actor, action from audit_log where target = ?",
      args: [`webhook:${hook.id}`],
    });
    expect(audit.rows.map((r) => [r.actor, r.action])).toContainEqual(["system:webhooks", "webhook.disable"]);
    // a disabled endpoint's object sends nothing, even a redeliver waits for it to be enabled again
    const before = (await received(hook.path)).length;
    const r = await delivery(hook).run({ now: at + DAY });
    expect(r.attempted).toBe(0);
    expect((await received(hook.path)).length).toBe(before);
  });

  it("redeliver sends the same webhook-id with the same body again; the log marks it", async () => {
    const hook = await createHook(["points.earned"]);
    await quiet(hook);
    const uid = await memberWithEarning(44);
    const t0 = future();
    const ds = await runUntil(hook, uid, t0, (d) =>
      d.some((x) => x.body.includes('"points":44') && x.state === "delivered"),
    );
    const ev = ds.find((x) => x.body.includes('"points":44'))!;
    const r = await call("POST", `/api/v1/webhooks/${hook.id}/deliveries/${ev.eventId}/redeliver`);
    expect(r.status).toBe(200);
    await runUntil(hook, uid, t0 + 1_000, (d) => d.find((x) => x.eventId === ev.eventId)!.log.length === 2);
    const got = (await received(hook.path)).filter((d) => d.id === ev.eventId);
    expect(got).toHaveLength(2);
    expect(got[1]!.body).toBe(got[0]!.body);
    expect(got.every((d) => !d.conflict && d.verified)).toBe(true);
    const log = (await deliveriesFor(hook, uid)).find((x) => x.eventId === ev.eventId)!.log;
    expect(log.map((a) => a.manual)).toEqual([false, true]);
    const unknown = await call("POST", `/api/v1/webhooks/${hook.id}/deliveries/evt_${"0".repeat(32)}/redeliver`);
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe("DELIVERY_NOT_FOUND");
  });

  it("after a rotation both secrets sign during the grace period; with no grace only the new one", async () => {
    const hook = await createHook(["points.earned"], { secrets: "none" });
    await quiet(hook);
    const rot = await call("POST", `/api/v1/webhooks/${hook.id}/rotate`, { graceHours: 24 });
    expect(rot.status).toBe(200);
    expect(rot.json.secret).toMatch(/^whsec_/);
    expect(Date.parse(rot.json.previousSecretValidUntil) - Date.now()).toBeGreaterThan(23 * 3_600_000);
    await registerSecrets(hook.path, [hook.secret]); // the receiver still knows only the old one
    const uid = await memberWithEarning(33);
    await runUntil(hook, uid, future(), (d) =>
      d.some((x) => x.state === "delivered" && x.body.includes('"points":33')),
    );
    const [d] = (await receivedFor(hook.path, uid)).filter((x) => x.body.includes('"points":33'));
    expect(d!.signatures).toHaveLength(2);
    expect(d!.verified).toBe(true);
    expect(await independentlyVerified(rot.json.secret, d!)).toBe(true);
    expect(await independentlyVerified(hook.secret, d!)).toBe(true);
    // rotate again without grace: only the newest secret signs
    const rot2 = await call("POST", `/api/v1/webhooks/${hook.id}/rotate`, { graceHours: 0 });
    const uid2 = await memberWithEarning(34);
    await runUntil(hook, uid2, future(), (x) =>
      x.some((y) => y.state === "delivered" && y.body.includes('"points":34')),
    );
    const [d2] = (await receivedFor(hook.path, uid2)).filter((x) => x.body.includes('"points":34'));
    expect(d2!.signatures).toHaveLength(1);
    expect(await independentlyVerified(rot2.json.secret, d2!)).toBe(true);
    expect(await independentlyVerified(rot.json.secret, d2!)).toBe(false);
  });

  it("a deleted endpoint's object stops and forgets its deliveries", async () => {
    const hook = await createHook(["points.earned"]);
    await quiet(hook);
    const uid = await memberWithEarning(22);
    await runUntil(hook, uid, future(), (d) => d.some((x) => x.state === "delivered"));
    const del = await call("DELETE", `/api/v1/webhooks/${hook.id}`);
    expect(del.status).toBe(200);
    expect((await call("GET", `/api/v1/webhooks/${hook.id}`)).status).toBe(404);
    await delivery(hook).run({ now: future() });
    expect(await delivery(hook).deliveries({ limit: 10 })).toEqual([]);
    const alarm = await runInDurableObject(env.WEBHOOK_DELIVERY.getByName(hook.id), (_, s) => s.storage.getAlarm());
    expect(alarm).toBeNull();
  });
});
