// Issue 11 in Chromium (a phone whose browser asks for zh-CN): the footer's switch turns the mall into English
// — <html lang="en">, English texts, 1,200 points, dates as English writes them — and stays so across pages
// (the `lang` cookie), then into 繁體 on the page the member is on (2026/12/03 22:00). No JavaScript needed:
// the switch is a link, the Worker answers 303 back to the page.
import { expect, test } from "vitest";
import { DEMO_SETTINGS } from "../../db/seed-data";
import { adminLogin } from "../../test/admin-browser";
import { phonePage, useBrowser } from "../../test/browser";
import { TEST_SECRETS } from "../../test/stack-global-setup";
import { signAutologinLink } from "../../worker/identity/autologin-sign";

const { base, browser } = useBrowser();

test("the English home page and 繁體 from the footer's language switch", async () => {
  const { page, problems } = await phonePage(browser());
  const uid = `browser-locale-${Date.now()}`;
  await page.goto(await signAutologinLink(base, TEST_SECRETS.AUTOLOGIN_SECRET, { uid, nickname: "Chestnut" }));
  expect(new URL(page.url()).pathname).toBe("/");
  expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
  expect(await page.locator("#catalog-title").textContent()).toBe("积分好礼");

  // English, from the footer, back on the same page
  await page.locator(".foot .lang-switch a[lang=en]").click();
  await page.waitForURL(`${base}/`);
  expect(await page.locator("html").getAttribute("lang")).toBe("en");
  expect(await page.locator("#catalog-title").textContent()).toBe("Rewards");
  expect(await page.locator(".flash__title").textContent()).toBe("Flash sale");
  await expect.poll(() => page.locator("#balance-badge").textContent()).toContain("50 points");
  expect(await page.locator(".foot .lang-switch [aria-current]").textContent()).toBe("English");
  // the mall's chrome in English; what the merchant wrote (its name, categories, items) stays as written
  expect(await page.locator("#checkin-form button").textContent()).toBe("Check in");
  expect(await page.locator("input[name=q]").getAttribute("placeholder")).toBe("Search by item name");
  expect(await page.locator(".foot__text").textContent()).toBe(
    `${DEMO_SETTINGS.mallName} · Points redemption is subject to the store's notices`,
  );
  // The demo mug on a search for it: items other stack tests created (sort 0) come before it on the home
  // page's first ten, so it is not always there.
  await page.goto(`${base}/?q=${encodeURIComponent("品牌马克杯")}`);
  expect(await page.locator("html").getAttribute("lang")).toBe("en");
  const mug = page.locator(".card", { hasText: "品牌马克杯" }); // the merchant's own item names stay as written
  expect(await mug.locator(".price").textContent()).toBe("1,200 points");

  // the choice holds on the next page; dates are written the English way
  await page.click("#balance-badge");
  await page.waitForURL(`${base}/me/points`);
  expect(await page.locator("html").getAttribute("lang")).toBe("en");
  expect(await page.locator("h1").first().textContent()).toBe("My points");
  const meta = await page.locator(".ledger__row .ledger__meta").first().textContent();
  expect(meta).toMatch(/^Earned · [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M/);
  expect(await page.locator("#cal-title").textContent()).toMatch(/^Check-ins in [A-Z][a-z]+ \d{4}/);

  // nothing wider than the phone: a page wider than its viewport would be zoomed out (longer English labels)
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    await page.evaluate(() => document.documentElement.clientWidth),
  );

  // 繁體 from this page's footer returns to this page
  await page.locator(".foot .lang-switch a[lang=zh-Hant]").click();
  await page.waitForURL(`${base}/me/points`);
  expect(await page.locator("html").getAttribute("lang")).toBe("zh-Hant");
  expect(await page.locator("h1").first().textContent()).toBe("我的積分");
  expect(await page.locator(".ledger__row .ledger__meta").first().textContent()).toMatch(
    /^獲得 · \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/,
  );
  expect(problems).toEqual([]);
  await page.context().close();
});

test("the console in English from its footer's switch, and back to 简体中文", async () => {
  const { page, problems } = await phonePage(browser());
  await adminLogin(page, base);
  await page.goto(`${base}/admin/tasks`);
  expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
  await page.locator(".foot .lang-switch a[lang=en]").click();
  await page.waitForURL(`${base}/admin/tasks`);
  expect(await page.locator("html").getAttribute("lang")).toBe("en");
  expect(await page.locator("h1").first().textContent()).toBe("Tasks");
  expect(await page.locator('.anav__link[href="/admin/orders"]').textContent()).toBe("Orders");
  expect(await page.title()).toBe("Tasks - Points Mall Console");
  await page.locator(".foot .lang-switch a[lang=zh-CN]").click();
  await page.waitForURL(`${base}/admin/tasks`);
  expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
  expect(await page.locator("h1").first().textContent()).toBe("任务");
  expect(problems).toEqual([]);
  await page.context().close();
});
