// Webhooks signed in workerd (standardwebhooks bundled into the Worker) and delivered to the fake receiver,
// which verifies them with its own node:crypto HMAC — including a delivery signed with two secrets.
import { inject } from "vitest";
import { describe, expect, it } from "vitest";
import { generateWebhookSecret, signWebhook } from "./sign";

const f = inject("fakes").webhookReceiver;

describe("webhook delivery to the fake receiver", () => {
  it("the receiver's independent check accepts the Worker's signatures and refuses a changed body", async () => {
    const path = `/hooks/w${Date.now()}`;
    const [current, old] = [generateWebhookSecret(), generateWebhookSecret()];
    await fetch(`${f.url}/__fake/webhooks/endpoints`, {
      method: "POST",
      body: JSON.stringify({ path, secrets: [old] }),
    });
    const body = JSON.stringify({
      type: "points.spent",
      timestamp: new Date().toISOString(),
      data: { uid: "alice", points: 120, orderId: "PM9" },
    });
    const headers = signWebhook({ id: "evt_wk_1", body, secrets: [current, old] });
    expect(
      (await fetch(f.url + path, { method: "POST", headers: { ...headers, "Content-Type": "application/json" }, body }))
        .status,
    ).toBe(204);
    await fetch(f.url + path, {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/json" },
      body: body.replace("120", "121"),
    });
    const log = (await (await fetch(`${f.url}/__fake/webhooks/deliveries?path=${path}`)).json()) as {
      verified: boolean;
      conflict: boolean;
    }[];
    expect(log.map((d) => [d.verified, d.conflict])).toEqual([
      [true, false],
      [false, true],
    ]);
  });
});
