// Duiba-compatible mode in Debian's Chromium against the real stack (wrangler dev, the DuibaAccount and stock
// objects, the local libSQL server) and the fake merchant server: the owner switches the mode on in the console,
// a member arrives through the merchant's signed Duiba autologin link and sees the merchant's credits, redeems
// an item on the phone (the merchant's 扣积分 decides; its credits and the header both drop), and the console's
// call log shows the autologin and the 扣积分 call. The mode is switched back off at the end.
import { afterAll, describe, expect, inject, test } from "vitest";
import { adminLogin } from "../../../test/admin-browser";
import { phonePage, useBrowser } from "../../../test/browser";
import { TEST_SECRETS } from "../../../test/stack-global-setup";

const { base, browser } = useBrowser();
const f = inject("fakes").duibaMerchant;
const auth = { Authorization: `Bearer ${TEST_SECRETS.MERCHANT_API_TOKEN}`, "Content-Type": "application/json" };

async function fakeMember(uid: string, credits: number) {
  await fetch(`${f.url}/__fake/duiba/members`, { method: "POST", body: JSON.stringify({ uid, credits }) });
}
const fakeCredits = async (uid: string) =>
  ((await (await fetch(`${f.url}/__fake/duiba/members/${uid}`)).json()) as { credits: number }).credits;

let switchedOn = false;
afterAll(async () => {
  if (!switchedOn) return;
  const { page } = await phonePage(browser());
  await adminLogin(page, base);
  await page.goto(`${base}/admin/duiba`);
  await page.check('input[name="mode"][value="native"]');
  await page.click("form[data-duiba-settings] button[type=submit]");
  await page.waitForSelector("[data-duiba-notice]");
  await page.context().close();
});

describe("Duiba-compatible mode", () => {
  test("console switch, a Duiba autologin, a redemption decided by the merchant's 扣积分, the call log", async () => {
    // An item to redeem (the Merchant API).
    const created = await fetch(`${base}/api/v1/items`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ sku: `DUIBA-${Date.now()}`, name: "兑吧兼容券", type: "virtual", points: 120, stock: 5 }),
    });
    expect(created.status).toBe(201);
    const itemId = ((await created.json()) as { id: number }).id;

    // The owner switches the mode on.
    const admin = await phonePage(browser());
    await adminLogin(admin.page, base);
    await admin.page.goto(`${base}/admin/duiba`);
    await admin.page.check('input[name="mode"][value="duiba"]');
    await admin.page.fill("#duiba-appkey", f.appKey);
    await admin.page.fill("#duiba-secret", f.appSecret);
    await admin.page.fill("#duiba-consume", f.consumeUrl);
    await admin.page.fill("#duiba-notify", f.notifyUrl);
    await admin.page.fill("#duiba-add", f.addCreditsUrl);
    await admin.page.click("form[data-duiba-settings] button[type=submit]");
    await admin.page.waitForSelector("[data-duiba-notice]");
    switchedOn = true;
    expect(await admin.page.locator("#duiba-secret").inputValue()).toBe("");
    expect(await admin.page.locator("#duiba-secret").getAttribute("data-secret-set")).toBe("true");
    expect(await admin.page.content()).not.toContain(f.appSecret);

    // The merchant's server signs an autologin link (node:crypto MD5, as Duiba's SDK) to the item.
    const uid = `duiba-${crypto.randomUUID().slice(0, 8)}`;
    await fakeMember(uid, 300);
    const link = (await (
      await fetch(`${f.url}/__fake/duiba/autologin`, {
        method: "POST",
        body: JSON.stringify({ uid, redirect: `/items/${itemId}`, url: `${base}/autoLogin/autologin` }),
      })
    ).json()) as { url: string };
    const shopper = await phonePage(browser());
    await shopper.page.goto(link.url);
    expect(new URL(shopper.page.url()).pathname).toBe(`/items/${itemId}`);
    await shopper.page.waitForFunction(() => "htmx" in window);
    expect(await shopper.page.locator("#balance-badge").textContent()).toContain("300");

    // Redeem: the merchant's answer decides.
    await shopper.page.click("#redeem-form button[type=submit]");
    const result = shopper.page.locator(`#redeem-area-${itemId} [data-order-id]`);
    await result.waitFor();
    const orderId = (await result.getAttribute("data-order-id"))!;
    expect(orderId).toMatch(/^PM\d{8}[0-9A-F]{12}$/);
    expect(await fakeCredits(uid)).toBe(180);
    await shopper.page.waitForFunction(() => document.querySelector("#balance-badge")?.textContent?.includes("180"));

    // The call log (projected by the object's outbox within a second or so).
    let found = false;
    for (let i = 0; i < 20 && !found; i++) {
      await admin.page.goto(`${base}/admin/duiba`);
      found = (await admin.page.locator(`tr[data-call-kind="consume"][data-order-num="${orderId}"]`).count()) === 1;
      if (!found) await new Promise((r) => setTimeout(r, 500));
    }
    expect(found).toBe(true);
    const row = admin.page.locator(`tr[data-call-kind="consume"][data-order-num="${orderId}"]`);
    expect(await row.getAttribute("data-call-outcome")).toBe("ok");
    expect(await admin.page.locator(`tr[data-call-kind="autologin"]`).count()).toBeGreaterThanOrEqual(1);
    expect(shopper.problems).toEqual([]);
    expect(admin.problems).toEqual([]);
    await shopper.page.context().close();
    await admin.page.context().close();
  });
});
