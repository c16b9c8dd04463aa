// 设置 in Chromium: the owner changes the brand colour in the console and the shopper home page renders
// with it at once (the theme is a CSS variable rendered from the settings on every page). The original
// colour is put back at the end: the other browser tests share this stack.
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { adminLogin } from "../../test/admin-browser";
import { phonePage, useBrowser } from "../../test/browser";

const { base, browser } = useBrowser();

function rgb(hex: string): string {
  const n = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${n.join(", ")})`;
}

async function saveBrandColor(page: Page, color: string) {
  await page.goto(`${base}/admin/settings`);
  await page.fill("#mall-brandColor", color);
  await Promise.all([
    page.waitForURL(`${base}/admin/settings?saved=mall`),
    page.click("form[action='/admin/settings/mall'] button[type=submit]"),
  ]);
  expect(await page.locator("[data-saved='mall']").count()).toBe(1);
  expect(await page.inputValue("#mall-brandColor")).toBe(color);
}

/** The colour of the current category tab's underline on the home page: background var(--brand). */
async function homeBrandColor(page: Page): Promise<string> {
  await page.goto(`${base}/`);
  const tab = page.locator(".tab[aria-current]").first();
  await tab.waitFor();
  return tab.evaluate((el) => getComputedStyle(el, "::after").backgroundColor);
}

test("owner: change the brand colour in 设置 → the shopper home page uses it at once", async () => {
  const { page, problems } = await phonePage(browser());
  await adminLogin(page, base);
  await page.click(".anav a[href='/admin/settings']");
  await page.waitForURL(`${base}/admin/settings`);
  const original = await page.inputValue("#mall-brandColor");
  expect(original).toMatch(/^#[0-9a-f]{6}$/);
  const shopper = await page.context().newPage();
  expect(await homeBrandColor(shopper)).toBe(rgb(original));

  const next = original === "#1d4ed8" ? "#b91c1c" : "#1d4ed8";
  try {
    await saveBrandColor(page, next);
    expect(await homeBrandColor(shopper)).toBe(rgb(next));
  } finally {
    await saveBrandColor(page, original);
  }
  expect(await homeBrandColor(shopper)).toBe(rgb(original));
  expect(problems).toEqual([]);
  await page.context().close();
});

test("owner: changing a rule previews its effect (htmx) before anything is saved", async () => {
  const { page, problems } = await phonePage(browser());
  await adminLogin(page, base);
  await page.goto(`${base}/admin/settings`);
  await page.fill("#rules-checkin1", "40");
  await page.locator("#rules-checkin1").dispatchEvent("change");
  const week = page.locator("#rules-preview [data-preview-checkin]");
  await week.waitFor();
  expect(await week.textContent()).toBe("123 积分（现为 88 积分）");
  expect(new URL(page.url()).pathname).toBe("/admin/settings");
  // nothing saved: a fresh page shows the saved table
  await page.goto(`${base}/admin/settings`);
  expect(await page.inputValue("#rules-checkin1")).toBe("5");
  expect(problems).toEqual([]);
  await page.context().close();
});
