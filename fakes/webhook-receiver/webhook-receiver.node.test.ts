// The webhook receiver over real HTTP: deliveries signed by worker/webhooks/sign.ts (the standardwebhooks
// package) are checked by the receiver's own node:crypto HMAC; faults make it answer 500 or hang.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateWebhookSecret, signWebhook } from "../../worker/webhooks/sign";
import { checkSignature, startWebhookReceiverFake, type WebhookReceiverFake } from "./index";

let fake: WebhookReceiverFake;
const deliver = (path: string, body: string, headers: Record<string, string>, timeoutMs = 5000) =>
  fetch(fake.url + path, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });

beforeAll(async () => {
  fake = await startWebhookReceiverFake();
});
afterAll(() => fake.stop());

describe("webhook receiver", () => {
  it("checks the Standard Webhooks test vector with its own HMAC", () => {
    // standard-webhooks@b2fa7b8 libraries/go/webhook_test.go TestWebhookSign
    const sig = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    expect(
      checkSignature(
        ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
        "msg_p5jXN8AQM9LWM0D4loKWxJek",
        "1614265330",
        sig,
        '{"test": 2432232314}',
        1614265330_000,
      ),
    ).toEqual({ ok: true });
    expect(
      checkSignature(
        ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
        "msg_p5jXN8AQM9LWM0D4loKWxJek",
        "1614265330",
        sig,
        '{"test": 2432232315}',
        1614265330_000,
      ).ok,
    ).toBe(false);
  });

  it("records deliveries with headers and verifies the mall's signatures, the old secret too during rotation", async () => {
    const [current, old] = [generateWebhookSecret(), generateWebhookSecret()];
    await fetch(`${fake.url}/__fake/webhooks/endpoints`, {
      method: "POST",
      body: JSON.stringify({ path: "/hooks/crm", secrets: [old] }),
    });
    const body = JSON.stringify({
      type: "order.placed",
      timestamp: new Date().toISOString(),
      data: { orderId: "PM1", uid: "alice" },
    });
    const res = await deliver("/hooks/crm", body, signWebhook({ id: "evt_1", body, secrets: [current, old] }));
    expect(res.status).toBe(204);
    const forged = signWebhook({ id: "evt_2", body, secrets: [generateWebhookSecret()] });
    await deliver("/hooks/crm", body, forged);
    const stale = signWebhook({ id: "evt_3", body, secrets: [old], timestamp: new Date(Date.now() - 400_000) });
    await deliver("/hooks/crm", body, stale);
    const log = (await (await fetch(`${fake.url}/__fake/webhooks/deliveries?path=/hooks/crm`)).json()) as {
      id: string;
      verified: boolean;
      reason?: string;
      signatures: string[];
      headers: Record<string, string>;
    }[];
    expect(log.map((d) => [d.id, d.verified])).toEqual([
      ["evt_1", true],
      ["evt_2", false],
      ["evt_3", false],
    ]);
    expect(log[0]!.signatures).toHaveLength(2);
    expect(log[0]!.headers["content-type"]).toBe("application/json");
    expect(log[2]!.reason).toMatch(/timestamp/);
  });

  it("answers 500 or hangs on demand, and flags an id redelivered with different content", async () => {
    const s = generateWebhookSecret();
    fake.setSecrets("/hooks/shop", [s]);
    await fetch(`${fake.url}/__fake/faults`, {
      method: "POST",
      body: JSON.stringify({ path: "/hooks/shop", kind: "status", status: 500, times: 2 }),
    });
    const body = '{"type":"points.earned","data":{"uid":"u","points":5}}';
    expect((await deliver("/hooks/shop", body, signWebhook({ id: "evt_9", body, secrets: [s] }))).status).toBe(500);
    expect((await deliver("/hooks/shop", body, signWebhook({ id: "evt_9", body, secrets: [s] }))).status).toBe(500);
    expect((await deliver("/hooks/shop", body, signWebhook({ id: "evt_9", body, secrets: [s] }))).status).toBe(204);
    await fetch(`${fake.url}/__fake/faults`, {
      method: "POST",
      body: JSON.stringify({ path: "/hooks/shop", kind: "hang" }),
    });
    await expect(deliver("/hooks/shop", body, signWebhook({ id: "evt_9", body, secrets: [s] }), 200)).rejects.toThrow();
    const changed = body.replace("5", "6");
    await deliver("/hooks/shop", changed, signWebhook({ id: "evt_9", body: changed, secrets: [s] }));
    const log = (await (await fetch(`${fake.url}/__fake/webhooks/deliveries?id=evt_9`)).json()) as {
      verified: boolean;
      conflict: boolean;
      answer: number | string;
    }[];
    expect(log.map((d) => d.answer)).toEqual([500, 500, 204, "hang", 204]);
    expect(log.every((d) => d.verified)).toBe(true);
    expect(log.map((d) => d.conflict)).toEqual([false, false, false, false, true]);
  });
});
