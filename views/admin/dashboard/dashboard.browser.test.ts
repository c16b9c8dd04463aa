// 概览 in Chromium against the real stack: a shopper's visit to the home page shows up in today's 浏览量
// (recorded after the response), and the page fits a 390px phone and uses the width of a laptop, with
// both SVG charts and no console or CSP errors. The stack's database is shared: counts only grow.
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { adminLogin } from "../../../test/admin-browser";
import { phonePage, useBrowser } from "../../../test/browser";

const { base, browser } = useBrowser();

const todayViews = async (page: Page) =>
  Number((await page.locator("[data-period=today] [data-stat=views] dd").textContent())!.replace(/,/g, ""));

test("phone: a shopper's visit is counted today; the dashboard fits the screen with its two charts", async () => {
  const { page, problems } = await phonePage(browser());
  await adminLogin(page, base);
  expect(new URL(page.url()).pathname).toBe("/admin/dashboard");
  const before = await todayViews(page);

  const shopper = await phonePage(browser());
  await shopper.page.goto(`${base}/`);
  const vid = (await shopper.page.context().cookies()).find((c) => c.name === "pm_vid");
  expect(vid?.httpOnly).toBe(true);
  expect(vid?.sameSite).toBe("Lax");
  await shopper.page.context().close();

  let after = before;
  for (let i = 0; i < 20 && after <= before; i++) {
    await page.reload();
    after = await todayViews(page);
    if (after <= before) await page.waitForTimeout(100);
  }
  expect(after).toBeGreaterThan(before);

  const charts = page.locator("svg.dchart__svg[role=img]");
  expect(await charts.count()).toBe(2);
  for (const chart of await charts.all()) {
    const box = (await chart.boundingBox())!;
    expect(box.width).toBeGreaterThan(300);
    expect(box.width).toBeLessThanOrEqual(390);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await page.locator("[data-rate-help]").textContent()).toContain("积分核销率");
  expect(problems).toEqual([]);
  await page.context().close();
});

test("laptop: four figures a row, charts in two columns", async () => {
  const context = await browser().newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN" });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(msg.text());
  });
  await adminLogin(page, base);
  const cards = await page.locator("[data-period=today] .dstats__card").all();
  const ys = await Promise.all(cards.slice(0, 5).map(async (c) => (await c.boundingBox())!.y));
  expect(ys.slice(1, 4).every((y) => Math.abs(y - ys[0]!) < 2)).toBe(true);
  expect(ys[4]!).toBeGreaterThan(ys[0]! + 10);
  const [a, b] = await page.locator("figure.dchart").all();
  expect(Math.abs((await a!.boundingBox())!.y - (await b!.boundingBox())!.y)).toBeLessThan(2);
  expect(problems).toEqual([]);
  await context.close();
});
