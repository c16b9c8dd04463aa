// For console browser tests: sign in through the real login form as the test owner (or another admin).
import type { Page } from "playwright-core";
import { TEST_SECRETS } from "./stack-global-setup";

export async function adminLogin(
  page: Page,
  base: string,
  email = TEST_SECRETS.ADMIN_EMAIL,
  password = TEST_SECRETS.ADMIN_PASSWORD,
): Promise<void> {
  await page.goto(`${base}/admin/login`);
  await page.fill("#admin-email", email);
  await page.fill("#admin-password", password);
  await Promise.all([
    page.waitForURL((u) => u.pathname !== "/admin/login"),
    page.click("form[action='/admin/login'] button[type=submit]"),
  ]);
}
