// 拼团 in Debian's Chromium at a phone viewport against the real stack (wrangler dev, the GroupBuy, stock and
// wallet objects, the local libSQL server): member A opens a group from the item page, member B opens A's share
// link on another phone and joins with htmx; the group fills, both have an order and paid the group price.
import { describe, expect, test } from "vitest";
import { phonePage, useBrowser } from "../../test/browser";
import { TEST_SECRETS } from "../../test/stack-global-setup";
import { signAutologinLink } from "../../worker/identity/autologin-sign";

const { base, browser } = useBrowser();
const auth = { Authorization: `Bearer ${TEST_SECRETS.MERCHANT_API_TOKEN}`, "Content-Type": "application/json" };

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, { method, headers: auth, body: body ? JSON.stringify(body) : undefined });
  return { status: res.status, json: (await res.json()) as any };
}

async function earn(uid: string, points: number): Promise<number> {
  const r = await api("POST", `/api/v1/members/${encodeURIComponent(uid)}/points/earn`, {
    ref: `gift-${crypto.randomUUID()}`,
    reason: "测试赠送",
    points,
    source: "purchase",
  });
  expect(r.status).toBe(200);
  return r.json.balance as number;
}

async function member(nickname: string) {
  const { page, problems } = await phonePage(browser());
  const uid = `grp-${crypto.randomUUID()}`;
  await page.goto(await signAutologinLink(base, TEST_SECRETS.AUTOLOGIN_SECRET, { uid, nickname }));
  return { page, problems, uid, balance: await earn(uid, 150) };
}

describe("group buy", () => {
  test("two members fill a group of two: A opens it on the item page, B joins from the share link", async () => {
    const sku = `grp-${crypto.randomUUID().slice(0, 8)}`;
    const item = await api("POST", "/api/v1/items", {
      sku,
      name: "拼团咖啡券",
      type: "virtual",
      points: 100,
      stock: 5,
    });
    expect(item.status).toBe(201);
    const itemId = item.json.id as number;
    const deal = await api("POST", "/api/v1/group-deals", {
      ref: `deal-${crypto.randomUUID()}`,
      itemId,
      groupSize: 2,
      pointsPrice: 60,
      fillHours: 24,
    });
    expect(deal.status).toBe(201);

    const a = await member("团长");
    await a.page.goto(`${base}/items/${itemId}`);
    await a.page.click(`[data-deal-id="${deal.json.id}"] .gbuy__open button`);
    await a.page.waitForURL(/\/groups\/T[0-9a-f]{12}$/);
    const groupUrl = a.page.url();
    expect(await a.page.locator("[data-seats-left]").textContent()).toBe("还差 1 人成团");
    expect(await a.page.locator("#balance-badge").textContent()).toContain(`${a.balance - 60} 积分`);
    const share = await a.page.locator(".gbuy__link").inputValue();
    expect(share).toBe(groupUrl);

    const b = await member("团员");
    await b.page.goto(share);
    await b.page.waitForFunction(() => "htmx" in window);
    await b.page.click(".gbuy__join button");
    await b.page.locator('#group-panel[data-group-state="completed"]').waitFor();
    expect(await b.page.locator("[data-my-seat]").getAttribute("data-my-seat")).toBe("ordered");
    expect(await b.page.locator("#balance-badge").textContent()).toContain(`${b.balance - 60} 积分`);

    await a.page.reload();
    expect(await a.page.locator("#group-panel").getAttribute("data-group-state")).toBe("completed");
    const orderA = await a.page.locator("[data-my-seat] [data-order-id]").getAttribute("data-order-id");
    const orderB = await b.page.locator("[data-my-seat] [data-order-id]").getAttribute("data-order-id");
    for (const [uid, id] of [
      [a.uid, orderA],
      [b.uid, orderB],
    ]) {
      const o = await api("GET", `/api/v1/orders/${id}`);
      expect(o.json).toMatchObject({ uid, itemId, points: 60 });
    }
    expect(a.problems).toEqual([]);
    expect(b.problems).toEqual([]);
    await a.page.close();
    await b.page.close();
  }, 60_000);
});
