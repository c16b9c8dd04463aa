// A share card in Chromium under WeChat's User-Agent, against the real stack: the item page loads the JS-SDK
// (the fake's double, which checks wx.config the way WeChat's client does: against its own ticket and the
// page's location.href without the fragment), wx.ready fires and the card is set; static files are loaded by
// versioned URLs; on the home page a category swap keeps the URL, so the signed URL stays the page's.
import { describe, expect, inject, test } from "vitest";
import { DEMO_ITEMS, DEMO_SETTINGS } from "../../db/seed-data";
import { phonePage, useBrowser } from "../../test/browser";

const { base, browser } = useBrowser();
const f = inject("fakes").wechat;
type Share = { kind: string; url: string; title: string; desc?: string; link: string; imgUrl: string };
const shares = async (url: string): Promise<Share[]> =>
  (await fetch(`${f.url}/__fake/wechat/shares?url=${encodeURIComponent(url)}`)).json() as Promise<Share[]>;

describe("share cards in WeChat's in-app browser", () => {
  test("an item page: wx.config accepted for its exact URL, the item's card set for chats and Moments", async () => {
    const { page, problems } = await phonePage(browser());
    const entered = `${base}/items/1?from=singlemessage&t=${Date.now()}`;
    await page.goto(`${entered}#desc`);
    await page.waitForSelector("html[data-wx-share]", { state: "attached" });
    expect(await page.getAttribute("html", "data-wx-error")).toBeNull();
    expect(await page.getAttribute("html", "data-wx-share")).toBe("ready");
    const set = await shares(entered);
    expect(set.map((s) => s.kind).sort()).toEqual(["appmessage", "timeline"]);
    const chat = set.find((s) => s.kind === "appmessage")!;
    expect(chat).toMatchObject({ title: DEMO_ITEMS[0]!.name, link: `${base}/items/1` });
    expect(chat.desc).toContain(DEMO_SETTINGS.mallName);
    expect(chat.imgUrl.startsWith(`${base}/`)).toBe(true);
    // the card's image is one the mall serves
    expect((await fetch(chat.imgUrl)).status).toBe(200);
    // our static files came by versioned URLs and applied (the stylesheet styles the page)
    const links = await page.evaluate(() =>
      Array.from(document.querySelectorAll("link[rel=stylesheet], script[src^='/']")).map(
        (e) => e.getAttribute("href") ?? e.getAttribute("src"),
      ),
    );
    expect(links.length).toBeGreaterThanOrEqual(4);
    for (const l of links) expect(l).toMatch(/\?v=[0-9A-Za-z_-]+$/);
    expect(await page.evaluate(() => document.styleSheets[0]?.cssRules.length ?? 0)).toBeGreaterThan(10);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test("a signature for another URL is refused by WeChat's check: the page reports the error, no card", async () => {
    const { page, problems } = await phonePage(browser());
    // the config is rendered for /items/2, then the page's URL changes under it before wx.config (a pushState)
    await page.addInitScript(() => history.replaceState(null, "", "/items/2?pushed=1"));
    await page.goto(`${base}/items/2`);
    await page.waitForSelector("html[data-wx-share]", { state: "attached" });
    expect(await page.getAttribute("html", "data-wx-share")).toBe("error");
    expect(await page.getAttribute("html", "data-wx-error")).toBe("config:invalid signature");
    expect(await shares(`${base}/items/2?pushed=1`)).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test("the home page's card; a category swap keeps the URL the config was signed for", async () => {
    const { page, problems } = await phonePage(browser());
    await page.goto(`${base}/`);
    await page.waitForSelector("html[data-wx-share=ready]", { state: "attached" });
    await page.waitForFunction(() => "htmx" in window);
    await page.click('.tab[href="/?category=goods"]');
    const goods = DEMO_ITEMS.filter((i) => i.category === "goods");
    await expect.poll(() => page.locator("#catalog .card").count()).toBe(goods.length);
    expect(page.url()).toBe(`${base}/`);
    expect(await page.evaluate(() => history.length)).toBe(2); // about:blank and the page: nothing pushed
    expect((await shares(`${base}/`)).find((s) => s.kind === "appmessage")).toMatchObject({
      title: DEMO_SETTINGS.mallName,
      link: `${base}/`,
    });
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
