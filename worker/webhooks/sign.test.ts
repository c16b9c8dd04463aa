// The webhook signer in workerd: Standard Webhooks' published vector, and every header checked by an
// independent HMAC written here with WebCrypto (not the standardwebhooks package).
import { describe, expect, it } from "vitest";
import { generateWebhookSecret, isWebhookSecret, signWebhook, verifyWebhook } from "./sign";

// standard-webhooks/standard-webhooks@b2fa7b8719fb75d326b591077f5d1b385cfcdfae libraries/go/webhook_test.go
// TestWebhookSign (the same vector is in the C# and Java suites): secret, msg id, time, payload → signature.
const SPEC = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};

/** Independent implementation: base64(HMAC-SHA256(base64decode(secret without whsec_), "id.ts.body")). */
async function independentSign(secret: string, id: string, ts: string, body: string): Promise<string> {
  const key = Uint8Array.from(atob(secret.replace(/^whsec_/, "")), (c) => c.charCodeAt(0));
  const k = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", k, new TextEncoder().encode(`${id}.${ts}.${body}`)));
  return "v1," + btoa(String.fromCharCode(...mac));
}

describe("signWebhook", () => {
  it("reproduces the Standard Webhooks test vector", async () => {
    const h = signWebhook({
      id: SPEC.id,
      body: SPEC.body,
      secrets: [SPEC.secret],
      timestamp: new Date(SPEC.timestamp * 1000),
    });
    expect(h).toEqual({
      "webhook-id": SPEC.id,
      "webhook-timestamp": "1614265330",
      "webhook-signature": SPEC.signature,
    });
    expect(await independentSign(SPEC.secret, SPEC.id, "1614265330", SPEC.body)).toBe(SPEC.signature);
  });

  it("signs with every secret during rotation, current first, each checkable on its own", async () => {
    const [current, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const body = JSON.stringify({ type: "points.earned", data: { uid: "u1", points: 5, note: "签到" } });
    const h = signWebhook({ id: "evt_1", body, secrets: [current, previous] });
    const sigs = h["webhook-signature"].split(" ");
    expect(sigs).toEqual([
      await independentSign(current, "evt_1", h["webhook-timestamp"], body),
      await independentSign(previous, "evt_1", h["webhook-timestamp"], body),
    ]);
    expect(Math.abs(Number(h["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(5);
    expect(verifyWebhook(previous, body, h)).toBe(true);
    expect(verifyWebhook(generateWebhookSecret(), body, h)).toBe(false);
    expect(verifyWebhook(current, body + " ", h)).toBe(false);
  });

  it("refuses ids with dots and an empty secret list; secrets are whsec_ + 24–64 bytes", () => {
    expect(() => signWebhook({ id: "a.b", body: "", secrets: [SPEC.secret] })).toThrow();
    expect(() => signWebhook({ id: "a", body: "", secrets: [] })).toThrow();
    expect(isWebhookSecret(SPEC.secret)).toBe(true);
    expect(isWebhookSecret(generateWebhookSecret())).toBe(true);
    expect(isWebhookSecret("whsec_" + btoa("short"))).toBe(false);
    expect(isWebhookSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).toBe(false);
  });
});
