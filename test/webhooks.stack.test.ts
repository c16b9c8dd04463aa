// Webhooks through the whole stack (`wrangler dev`, the wallet, stock and WebhookDelivery objects, the local
// libSQL server with its triggers): a merchant adds an endpoint on the fake receiver through the Merchant API,
// a shopper redeems a coupon on a phone in Chromium, and the receiver gets the order and the points spent,
// signed — checked by the receiver (node:crypto) and again here by hand with WebCrypto — each webhook-id with
// one body. The delivery object finds the events by itself (its alarm); nothing is driven.
import { describe, expect, inject, test } from "vitest";
import { DEMO_ITEMS } from "../db/seed-data";
import { signAutologinLink } from "../worker/identity/autologin-sign";
import { phonePage, useBrowser } from "./browser";
import { TEST_SECRETS } from "./stack-global-setup";

const { base, browser } = useBrowser();
const receiver = inject("fakes").webhookReceiver;
const LATTE = DEMO_ITEMS.findIndex((i) => i.slug === "latte-coupon") + 1;

type Received = {
  id: string;
  timestamp: string;
  signatures: string[];
  verified: boolean | null;
  body: string;
  conflict: boolean;
};

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${TEST_SECRETS.MERCHANT_API_TOKEN}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as any };
}

/** base64(HMAC-SHA256(base64-decoded secret, "id.timestamp.body")), by hand. */
async function signedBy(secret: string, d: Received): Promise<boolean> {
  const key = Uint8Array.from(atob(secret.slice("whsec_".length)), (c) => c.charCodeAt(0));
  const k = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = await crypto.subtle.sign("HMAC", k, new TextEncoder().encode(`${d.id}.${d.timestamp}.${d.body}`));
  return d.signatures.includes(`v1,${Buffer.from(mac).toString("base64")}`);
}

describe("webhooks on the stack", () => {
  test("a redemption on a phone reaches the merchant's receiver as signed order.placed and points.spent webhooks", async () => {
    const path = `/hooks/stack-${crypto.randomUUID()}`;
    const made = await api("POST", "/webhooks", {
      ref: `stack-${crypto.randomUUID()}`,
      url: receiver.url + path,
      events: ["member.created", "points.earned", "points.spent", "order.placed", "order.completed"],
    });
    expect(made.status).toBe(201);
    const secret = made.json.secret as string;
    await fetch(`${receiver.url}/__fake/webhooks/endpoints`, {
      method: "POST",
      body: JSON.stringify({ path, secrets: [secret] }),
    });

    const uid = `hook-${crypto.randomUUID()}`;
    const { page, problems } = await phonePage(browser());
    await page.goto(await signAutologinLink(base, TEST_SECRETS.AUTOLOGIN_SECRET, { uid, nickname: "小栗子" }));
    const earn = await api("POST", `/members/${uid}/points/earn`, {
      ref: `gift-${uid}`,
      reason: "测试赠送",
      points: 1000,
      source: "purchase",
    });
    expect(earn.status).toBe(200);
    await page.goto(`${base}/items/${LATTE}`);
    await page.waitForFunction(() => "htmx" in window);
    await page.click("#redeem-form button[type=submit]");
    const result = page.locator(`#redeem-area-${LATTE} [data-order-id]`);
    await result.waitFor();
    const orderId = await result.getAttribute("data-order-id");
    expect(orderId).toMatch(/^PM\d{8}[0-9A-F]{12}$/);

    const mine = async () =>
      ((await (await fetch(`${receiver.url}/__fake/webhooks/deliveries?path=${path}`)).json()) as Received[]).filter(
        (d) => (JSON.parse(d.body) as { data: { uid?: string } }).data.uid === uid,
      );
    const types = async () => (await mine()).map((d) => (JSON.parse(d.body) as { type: string }).type);
    await expect
      .poll(types, { timeout: 45_000, interval: 500 })
      .toEqual(
        expect.arrayContaining(["member.created", "points.earned", "points.spent", "order.placed", "order.completed"]),
      );
    const got = await mine();
    for (const d of got) {
      expect(d.verified, d.body).toBe(true);
      expect(await signedBy(secret, d), d.body).toBe(true);
      expect(d.conflict).toBe(false);
    }
    const byType = (t: string) => got.filter((d) => JSON.parse(d.body).type === t).map((d) => JSON.parse(d.body).data);
    expect(byType("order.placed")).toEqual([
      expect.objectContaining({ orderId, uid, itemId: LATTE, itemType: "coupon", qty: 1, points: 300 }),
    ]);
    expect(byType("points.spent")).toEqual([expect.objectContaining({ uid, points: -300, balance: 750 })]);
    expect(byType("order.completed")).toEqual([expect.objectContaining({ orderId, status: "completed" })]);
    // one body per webhook-id, whatever was retried
    const ids = new Map<string, string>();
    for (const d of got) expect(ids.get(d.id) ?? d.body).toBe(d.body), ids.set(d.id, d.body);
    // the API's delivery log says delivered, with the receiver's status and a response time
    const log = await api("GET", `/webhooks/${made.json.id}/deliveries`);
    const placed = log.json.deliveries.find(
      (d: { type: string; payload: string }) => d.type === "order.placed" && d.payload.includes(orderId!),
    );
    expect(placed).toMatchObject({ state: "delivered", lastStatus: 204 });
    expect(placed.lastResponseMs).toBeGreaterThanOrEqual(0);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 90_000);
});
