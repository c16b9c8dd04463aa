// For the webhook tests: endpoints made through the real API, pointed at the fake receiver (fakes/webhook-receiver)
// under a path of their own; facts made through the real API and projected by the wallet's own outbox; the
// delivery object driven through its RPC with the scheduler's clock given (the alarm passes the real one).
// The database and the receiver are shared with other files running in parallel, so a test only looks at its
// own member's events and its own path.
import { env } from "cloudflare:workers";
import { expect, inject } from "vitest";
import { call, newRef, newUid } from "../api/test-client";
import { walletFor } from "../wallet/wallet-stub";
import { deliveryFor } from "./endpoints";
import type { DeliveryView } from "./types";

export const receiver = inject("fakes").webhookReceiver;

export type Received = {
  id: string;
  timestamp: string;
  signatures: string[];
  verified: boolean | null;
  body: string;
  headers: Record<string, string>;
  conflict: boolean;
  answer: number | string;
};

export type Hook = { id: string; secret: string; path: string; url: string };

export async function createHook(events: string[], opts: { secrets?: "register" | "none" } = {}): Promise<Hook> {
  const path = `/hooks/t-${crypto.randomUUID()}`;
  const url = receiver.url + path;
  const res = await call("POST", "/api/v1/webhooks", { ref: newRef("wh"), url, events });
  expect(res.status).toBe(201);
  const hook = { id: res.json.id as string, secret: res.json.secret as string, path, url };
  if (opts.secrets !== "none") await registerSecrets(path, [hook.secret]);
  return hook;
}

export async function registerSecrets(path: string, secrets: string[]) {
  const r = await fetch(`${receiver.url}/__fake/webhooks/endpoints`, {
    method: "POST",
    body: JSON.stringify({ path, secrets }),
  });
  expect(r.status).toBe(200);
}

export async function received(path: string): Promise<Received[]> {
  return (await (
    await fetch(`${receiver.url}/__fake/webhooks/deliveries?path=${encodeURIComponent(path)}`)
  ).json()) as Received[];
}

/** Deliveries the receiver got for one member's events. */
export async function receivedFor(path: string, uid: string): Promise<Received[]> {
  return (await received(path)).filter((d) => (JSON.parse(d.body) as { data: { uid?: string } }).data.uid === uid);
}

export async function fault(
  path: string,
  f: { kind: "status" | "hang"; status?: number; times?: number; match?: string },
) {
  const r = await fetch(`${receiver.url}/__fake/faults`, { method: "POST", body: JSON.stringify({ path, ...f }) });
  expect(r.status).toBe(200);
}

/** A new member with `points` earned, the wallet's outbox drained to Turso (so the facts' events exist). */
export async function memberWithEarning(points: number, uid = newUid()): Promise<string> {
  const r = await call("POST", `/api/v1/members/${uid}/points/earn`, {
    ref: newRef("e"),
    reason: "测试入账",
    points,
    source: "purchase",
  });
  expect(r.status).toBe(200);
  expect((await walletFor(env, uid).drainOutbox()).ok).toBe(true);
  return uid;
}

export const delivery = (hook: Hook) => deliveryFor(env, hook.id);

/** The endpoint's deliveries of one member's events, oldest first. */
export async function deliveriesFor(hook: Hook, uid: string): Promise<DeliveryView[]> {
  return (await delivery(hook).deliveries({ limit: 200, uid })).reverse();
}

/** Rounds at `now` until `done` holds for the member's deliveries (other files' events share the endpoint's
 *  feed, so one round may be busy with theirs). */
export async function runUntil(hook: Hook, uid: string, now: number, done: (ds: DeliveryView[]) => boolean) {
  for (let i = 0; i < 30; i++) {
    await delivery(hook).run({ now });
    const ds = await deliveriesFor(hook, uid);
    if (done(ds)) return ds;
  }
  throw new Error(`deliveries of ${uid} did not get there: ${JSON.stringify(await deliveriesFor(hook, uid))}`);
}

/** Independent Standard Webhooks check, by hand with WebCrypto (not the standardwebhooks package the mall signs
 *  with, nor the receiver's node:crypto): some v1 signature = base64(HMAC-SHA256(base64-decoded secret, id.ts.body)). */
export async function independentlyVerified(
  secret: string,
  d: { id: string; timestamp: string; signatures: string[]; body: string },
) {
  const key = Uint8Array.from(atob(secret.slice("whsec_".length)), (ch) => ch.charCodeAt(0));
  const k = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(
    await crypto.subtle.sign("HMAC", k, new TextEncoder().encode(`${d.id}.${d.timestamp}.${d.body}`)),
  );
  const expected = `v1,${btoa(String.fromCharCode(...mac))}`;
  return d.signatures.includes(expected);
}

export async function eventually<T>(fn: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error("eventually: timed out");
    await new Promise((r) => setTimeout(r, 200));
  }
}
