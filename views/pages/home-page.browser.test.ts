// The mall home in Debian's Chromium at a phone viewport, against the real stack (`wrangler dev` + the
// local libSQL server, seeded with the demo mall) started by test/stack-global-setup.ts.
import { createClient } from "@libsql/client";
import type { Request } from "playwright-core";
import { describe, expect, inject, test } from "vitest";
import { DEMO_ITEMS, DEMO_SETTINGS } from "../../db/seed-data";
import { SAFARI_UA, phonePage, useBrowser } from "../../test/browser";

const { base, browser } = useBrowser();
const PAGE = 10; // cards per page of the home grid (worker/catalog/home-data.ts HOME_PAGE_SIZE)

describe("mall home on a phone", () => {
  test("loads in Chinese with banner, categories, every item and the flash strip; no console errors", async () => {
    const { page, problems } = await phonePage(browser());
    await page.goto(`${base}/`);
    await page.waitForFunction(() =>
      (window as unknown as { htmx?: { version: string } }).htmx?.version?.startsWith("4."),
    );
    expect(await page.title()).toBe(DEMO_SETTINGS.mallName);
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
    expect(await page.locator(".bar__name").textContent()).toBe(DEMO_SETTINGS.mallName);
    expect(await page.locator("img.banner, .banner img").count()).toBe(1);
    expect(await page.locator(".tab").count()).toBe(5);
    expect(await page.locator("#catalog .card").count()).toBe(PAGE); // the first page; 加载更多 for the rest
    expect(await page.locator(".flash").count()).toBe(1);
    expect(await page.locator(".flash__title").textContent()).toBe("限时秒杀");
    // fits the phone: no sideways scrolling; brand colour from the merchant's settings
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(
      await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--brand").trim()),
    ).toBe(DEMO_SETTINGS.brandColor);
    // every image has its size before it loads (no layout shift) and every image actually loaded
    await page.evaluate(() =>
      Promise.all(Array.from(document.images).map((i) => ((i.loading = "eager"), i.decode().catch(() => null)))),
    );
    const images = await page.evaluate(() =>
      Array.from(document.images).map((i) => ({
        src: i.src,
        sized: !!i.getAttribute("width") && !!i.getAttribute("height"),
        w: i.naturalWidth,
      })),
    );
    expect(images.filter((i) => !i.sized)).toEqual([]);
    expect(images.filter((i) => i.w === 0)).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  // Outside WeChat: inside it the page calls wx.config, so swaps keep the URL (wechat-share.browser.test.ts).
  test("a category tab swaps only the catalog (no reload), pushes the URL, and back restores the page", async () => {
    const { page, problems } = await phonePage(browser(), { userAgent: SAFARI_UA });
    const requests: Request[] = [];
    page.on("request", (r) => requests.push(r));
    await page.goto(`${base}/`);
    await page.waitForFunction(() => "htmx" in window);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    requests.length = 0;

    await page.click('.tab[href="/?category=goods"]');
    await page.waitForURL(`${base}/?category=goods`);
    const goods = DEMO_ITEMS.filter((i) => i.category === "goods");
    await expect.poll(() => page.locator("#catalog .card").count()).toBe(goods.length);
    expect(await page.getAttribute(".tab[aria-current]", "href")).toBe("/?category=goods");
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    expect(await page.locator(".flash").count()).toBe(1); // the rest of the page stayed
    const swap = requests.find((r) => r.url() === `${base}/?category=goods`);
    expect(swap?.headers()["hx-request"]).toBe("true");
    expect(requests.filter((r) => r.resourceType() === "document")).toEqual([]);
    expect(await page.title()).toBe(`周边好物 - ${DEMO_SETTINGS.mallName}`);

    await page.goBack();
    await page.waitForURL(`${base}/`);
    await expect.poll(() => page.locator("#catalog .card").count()).toBe(PAGE);
    expect(await page.locator("header.bar").count()).toBe(1);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test("a stale category link answers 400 into the alert slot and leaves the grid and URL alone", async () => {
    const { page, problems } = await phonePage(browser());
    await page.goto(`${base}/?category=bakery`);
    await page.waitForFunction(() => "htmx" in window);
    // A link to a category the merchant has since removed.
    await page.evaluate(() => {
      const tab = document.querySelector<HTMLAnchorElement>('.tab[href="/?category=goods"]')!;
      tab.setAttribute("href", "/?category=retired");
      tab.setAttribute("hx-get", "/?category=retired");
    });
    await page.click('.tab[href="/?category=retired"]');
    await expect.poll(() => page.locator("#catalog-alert [role=alert]").textContent()).toContain("筛选条件有误");
    expect(page.url()).toBe(`${base}/?category=bakery`);
    expect(await page.locator("#catalog .card").count()).toBe(DEMO_ITEMS.filter((i) => i.category === "bakery").length);
    // the browser logs the 400 response itself; nothing else went wrong
    expect(problems.filter((p) => !p.includes("400"))).toEqual([]);
    await page.context().close();
  });

  test("the flash-sale countdown ticks and flips at zero", async () => {
    // Move the demo flash sale to start in 3 s, straight in the database the Worker reads.
    const db = createClient({ url: inject("stackDbUrl") });
    const tumbler = DEMO_ITEMS.findIndex((i) => i.flash) + 1;
    const startsAt = Date.now() + 3000;
    await db.execute({ sql: "update items set sale_starts_at = ? where id = ?", args: [startsAt, tumbler] });
    db.close();
    const { page, problems } = await phonePage(browser());
    await page.goto(`${base}/`);
    const clock = page.locator(".flash [data-clock]");
    const first = await clock.textContent();
    expect(first).toMatch(/^00:00:0[1-3]$/);
    await page.waitForFunction((v) => document.querySelector(".flash [data-clock]")?.textContent !== v, first);
    await expect.poll(() => page.locator(".flash__timer").textContent(), { timeout: 6000 }).toBe("已开始");
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test("加载更多 appends the next page's cards in place; search and a category combine", async () => {
    const { page, problems } = await phonePage(browser(), { userAgent: SAFARI_UA });
    await page.goto(`${base}/`);
    await page.waitForFunction(() => "htmx" in window);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await page.click("#catalog a.more");
    await expect.poll(() => page.locator("#catalog .card").count()).toBe(DEMO_ITEMS.length);
    expect(await page.locator("#catalog a.more").count()).toBe(0);
    expect(
      new Set(await page.locator("#catalog .card").evaluateAll((els) => els.map((a) => a.getAttribute("href")))).size,
    ).toBe(DEMO_ITEMS.length);
    expect(page.url()).toBe(`${base}/`);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);

    await page.fill("#search-q", "咖啡");
    await page.press("#search-q", "Enter");
    const coffee = DEMO_ITEMS.filter((i) => i.name.includes("咖啡"));
    await page.waitForURL(/\?q=/);
    await expect.poll(() => page.locator("#catalog .card").count()).toBe(coffee.length);
    await page.click('.tab[href*="category=goods"]');
    await expect
      .poll(() => page.locator("#catalog .card").count())
      .toBe(coffee.filter((i) => i.category === "goods").length);
    expect(new URL(page.url()).searchParams.get("q")).toBe("咖啡");
    expect(new URL(page.url()).searchParams.get("category")).toBe("goods");
    expect(await page.inputValue("#search-q")).toBe("咖啡");
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1); // never reloaded
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test("without JavaScript the tabs are plain links to whole pages", async () => {
    const context = await browser().newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.click('.tab[href="/?category=vouchers"]');
    await page.waitForURL(`${base}/?category=vouchers`);
    expect(await page.getAttribute(".tab[aria-current]", "href")).toBe("/?category=vouchers");
    expect(await page.locator("#catalog .card").count()).toBe(
      DEMO_ITEMS.filter((i) => i.category === "vouchers").length,
    );
    await context.close();
  });
});
