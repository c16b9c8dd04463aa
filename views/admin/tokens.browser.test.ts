// 接口令牌 in Chromium: the owner logs in, opens 接口令牌 from the nav, creates a token (shown once), the
// token works against the Merchant API (fetched from the test), the list shows its last use, the owner
// revokes it and the API refuses it with 401 at once.
import { expect, test } from "vitest";
import { adminLogin } from "../../test/admin-browser";
import { phonePage, useBrowser } from "../../test/browser";
import { TEST_SECRETS } from "../../test/stack-global-setup";

const { base, browser } = useBrowser();

const api = (token: string) => fetch(`${base}/api/v1/orders`, { headers: { Authorization: `Bearer ${token}` } });

test("owner: create an API token → the API accepts it → revoke it → the API answers 401", async () => {
  const { page, problems } = await phonePage(browser());
  await adminLogin(page, base);
  expect(new URL(page.url()).pathname).toBe("/admin/dashboard");

  await page.click(".anav a[href='/admin/tokens']");
  await page.waitForURL(`${base}/admin/tokens`);
  expect(await page.locator("[data-bootstrap-note]").textContent()).toContain("MERCHANT_API_TOKEN");

  const name = `浏览器测试 ${Date.now()}`;
  await page.fill("#new-token-name", name);
  await page.click("form[action='/admin/tokens'] button[type=submit]");
  await page.locator("[data-new-token]").waitFor();
  const token = (await page.locator("[data-new-token]").textContent())!.trim();
  expect(token).toMatch(/^pm_[A-Za-z0-9_-]{43}$/);
  expect(await page.locator("[data-created-token]").textContent()).toContain("只显示这一次");
  // the token wraps on a 390px phone instead of widening the page past the screen, even one with no "-" in it
  // (a hyphen is a line-break opportunity; about half of all tokens have none)
  await page.locator("[data-new-token]").evaluate((el) => (el.textContent = `pm_${"A".repeat(43)}`));
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  const ok = await api(token);
  expect(ok.status).toBe(200);

  // the list (reloaded) never shows the token again, only its prefix and its last use
  await page.goto(`${base}/admin/tokens`);
  expect(await page.content()).not.toContain(token);
  const row = page.locator(".ausers__row", { hasText: name });
  expect(await row.getAttribute("data-token-state")).toBe("active");
  expect(await row.locator("[data-token-prefix]").textContent()).toBe(`${token.slice(0, 7)}…`);
  expect(await row.locator("[data-last-used]").textContent()).toContain("上次使用");

  await row.locator("button[type=submit]").click();
  const revoked = page.locator(".ausers__row[data-token-state='revoked']", { hasText: name });
  await revoked.waitFor();
  expect(new URL(page.url()).pathname).toBe("/admin/tokens");
  expect(await revoked.locator("button").count()).toBe(0);

  const refused = await api(token);
  expect(refused.status).toBe(401);
  expect((await api(TEST_SECRETS.MERCHANT_API_TOKEN)).status).toBe(200);

  expect(problems).toEqual([]);
  await page.context().close();
});
