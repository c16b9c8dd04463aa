// The merchant console in Chromium: the owner logs in through the form (a wrong password first is refused
// with the message), lands on the dashboard (概览, its charts), finds their login in the audit log, and logs out.
import { expect, test } from "vitest";
import { phonePage, useBrowser } from "../../test/browser";
import { TEST_SECRETS } from "../../test/stack-global-setup";

const { base, browser } = useBrowser();

test("owner: wrong password refused → log in → dashboard → audit log shows the login → log out", async () => {
  const { page, problems } = await phonePage(browser());
  await page.goto(`${base}/admin/audit`);
  expect(new URL(page.url()).pathname).toBe("/admin/login");

  await page.fill("#admin-email", TEST_SECRETS.ADMIN_EMAIL);
  await page.fill("#admin-password", "not-the-password");
  await page.click("form[action='/admin/login'] button[type=submit]");
  await page.waitForLoadState();
  expect(await page.locator("[data-error=login]").textContent()).toContain("邮箱或密码错误");
  expect(await page.inputValue("#admin-email")).toBe(TEST_SECRETS.ADMIN_EMAIL);

  await page.fill("#admin-password", TEST_SECRETS.ADMIN_PASSWORD);
  await page.click("form[action='/admin/login'] button[type=submit]");
  await page.waitForURL(`${base}/admin/dashboard`);
  expect(await page.locator(".anav a[aria-current=page]").getAttribute("href")).toBe("/admin/dashboard");
  expect(await page.locator("svg[role=img]").count()).toBe(2);
  await page.goto(`${base}/admin/audit`);
  const newest = page.locator(".audit__row").first();
  expect(await newest.getAttribute("data-action")).toBe("admin.login");
  expect(await newest.locator(".audit__who").textContent()).toBe(TEST_SECRETS.ADMIN_EMAIL);
  expect(await page.locator(".audit__row[data-action='admin.login_failed']").count()).toBeGreaterThan(0);
  expect(await page.locator(".anav a[href='/admin/users']").count()).toBe(1);

  await page.click(".anav__button");
  await page.waitForURL(`${base}/admin/login`);
  await page.goto(`${base}/admin/audit`);
  expect(new URL(page.url()).pathname).toBe("/admin/login");
  // the browser logs the 401 of the wrong password; nothing else went wrong
  expect(problems.filter((p) => !p.includes("401"))).toEqual([]);
  await page.context().close();
});
