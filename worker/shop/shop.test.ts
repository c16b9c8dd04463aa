// The shopper pages through the real Worker in workerd, reading the seeded demo mall from a real local
// libSQL server. These tests count what the shelves hold, so they run against a copy of the demo mall that
// no other test file writes to (catalogDbUrl); the Worker's fetch handler is called with that database.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import worker from "../index";
import { DEMO_CATEGORIES, DEMO_ITEMS, DEMO_SETTINGS } from "../../db/seed-data";
import { login } from "./test-session";

const BASE = "http://mall.test";

const catalogEnv = { ...env, TURSO_DATABASE_URL: inject("catalogDbUrl") };

async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`${BASE}${path}`, { headers, redirect: "manual" }), catalogEnv, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

function countCards(html: string): number {
  return (html.match(/href="\/items\/\d+"/g) ?? []).length;
}

describe("home page", () => {
  it("renders the seeded mall in Chinese with categories, every item, and the flash-sale strip", async () => {
    const res = await get("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain('lang="zh-CN"');
    expect(html).toContain(DEMO_SETTINGS.mallName);
    for (const c of DEMO_CATEGORIES) expect(html).toContain(`href="/?category=${c.slug}"`);
    // the first page of the grid: ten cards, then 加载更多
    for (const it of DEMO_ITEMS.slice(0, 10)) expect(html).toContain(it.name);
    expect(countCards(html.slice(html.indexOf('id="catalog"')))).toBe(10);
    expect(html).toMatch(/<a class="more" href="\/\?page=2" hx-get="\/catalog\?page=2"/);
    expect(html).toContain("限时秒杀");
    expect(html).toContain('href="/flash"');
    expect(html).toMatch(/src="\/js\/htmx\.min\.js\?v=[0-9A-Za-z_-]+"/);
    expect(html).toContain("300 积分 + ¥10"); // the points+cash tote bag
  });

  it("sends security headers and a CSP that allows only the hashed theme style", async () => {
    const res = await get("/");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toMatch(/style-src 'self' 'sha256-[A-Za-z0-9+/=]{44}'/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    // The hash is of the exact theme text in the page.
    const html = await res.text();
    const style = /<style>([^<]*)<\/style>/.exec(html)?.[1] ?? "";
    expect(style).toContain(DEMO_SETTINGS.brandColor);
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(style));
    const b64 = btoa(String.fromCharCode(...new Uint8Array(digest)));
    expect(csp).toContain(`'sha256-${b64}'`);
  });

  it("answers an htmx category request with only the catalog fragment for that category", async () => {
    const res = await get("/?category=goods", { "HX-Request": "true" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain("<html");
    expect(html).toMatch(/^<section[^>]*id="catalog"/);
    const goods = DEMO_ITEMS.filter((i) => i.category === "goods");
    expect(countCards(html)).toBe(goods.length);
    for (const it of goods) expect(html).toContain(it.name);
    expect(html).not.toContain("拿铁兑换券");
    expect(html).toMatch(
      /href="\/\?category=goods"[^>]*aria-current="page"|aria-current="page"[^>]*href="\/\?category=goods"/,
    );
  });

  it("serves the same filter as a whole page without htmx", async () => {
    const res = await get("/?category=vouchers");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<html");
    expect(countCards(html.slice(html.indexOf('id="catalog"')))).toBe(
      DEMO_ITEMS.filter((i) => i.category === "vouchers").length,
    );
  });

  it("refuses a malformed or unknown category with 400 and the error page", async () => {
    for (const q of ["?category=%3Cscript%3E", "?category=", "?category=no-such-thing"]) {
      const res = await get(`/${q}`);
      expect(res.status, q).toBe(400);
      const html = await res.text();
      expect(html).toContain("<html");
      expect(html).not.toContain("<script>");
    }
  });

  it("pages the grid: htmx appends the next page's cards, a browser gets ?page=2 as a whole page", async () => {
    const frag = await get("/catalog?page=2", { "HX-Request": "true" });
    expect(frag.status).toBe(200);
    const rows = await frag.text();
    expect(rows).toMatch(/^<li>/);
    expect(countCards(rows)).toBe(DEMO_ITEMS.length - 10);
    for (const it of DEMO_ITEMS.slice(10)) expect(rows).toContain(it.name);
    expect(rows).toContain("已兑完"); // drip-bags has no stock
    expect(rows).not.toContain("加载更多");
    const page = await get("/?page=2");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(countCards(html.slice(html.indexOf('id="catalog"')))).toBe(DEMO_ITEMS.length - 10);
    expect(html).toContain('href="/"'); // 上一页 (and the tabs)
    expect(html).toContain("上一页");
    const browser = await get("/catalog?page=2");
    expect(browser.status).toBe(303);
    expect(browser.headers.get("location")).toBe("/?page=2");
    const past = await get("/?page=9");
    expect(past.status).toBe(200);
    expect(await past.text()).toContain("没有更多商品了");
  });

  it("searches names, together with the category filter", async () => {
    const coffee = DEMO_ITEMS.filter((i) => i.name.includes("咖啡"));
    const res = await get(`/?q=${encodeURIComponent("咖啡")}`, { "HX-Request": "true" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(countCards(html)).toBe(coffee.length);
    for (const it of coffee) expect(html).toContain(it.name);
    expect(html).toContain("<title>搜索「咖啡」 - ");
    // the tabs keep the search
    expect(html).toContain(`href="/?category=goods&amp;q=${encodeURIComponent("咖啡")}"`);
    const both = await (await get(`/?category=goods&q=${encodeURIComponent("咖啡")}`, { "HX-Request": "true" })).text();
    const goodsCoffee = coffee.filter((i) => i.category === "goods");
    expect(goodsCoffee.length).toBeGreaterThan(0);
    expect(countCards(both)).toBe(goodsCoffee.length);
    expect(both).toMatch(/<input type="hidden" name="category" value="goods"/);
    // nothing found: a message, 200
    const none = await get(`/?q=${encodeURIComponent("%")}`);
    expect(none.status).toBe(200);
    expect(await none.text()).toContain("没有找到「%」相关的商品");
    // an empty search is no search
    expect(countCards(await (await get("/?q=", { "HX-Request": "true" })).text())).toBe(10);
  });

  it("refuses a bad page or an over-long search with 400", async () => {
    for (const q of ["?page=0", "?page=abc", "?page=-1", `?q=${"长".repeat(41)}`]) {
      expect((await get(`/${q}`)).status, q).toBe(400);
    }
    expect((await get("/catalog?page=x", { "HX-Request": "true" })).status).toBe(400);
  });

  it("answers a bad filter from htmx with a 400 fragment, not a page", async () => {
    const res = await get("/?category=no-such-thing", { "HX-Request": "true" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).not.toContain("<html");
    expect(html).toContain("no-such-thing");
  });
});

describe("item page and errors", () => {
  it("shows an item's details", async () => {
    const res = await get("/items/1");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(DEMO_ITEMS[0]!.name);
    expect(html).toContain(DEMO_ITEMS[0]!.description);
  });

  it("answers 404 with the not-found page for unknown items and paths", async () => {
    for (const path of ["/items/99999", "/items/abc", "/items/0", "/no/such/page"]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toContain("<html");
    }
  });
});

describe("budgets", () => {
  async function gzipBytes(text: string): Promise<number> {
    const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
    return (await new Response(stream).arrayBuffer()).byteLength;
  }

  it("keeps the home page, a search and an item page with its redeem form under 14 KB of gzipped HTML", async () => {
    const m = await login();
    for (const path of ["/", "/?q=%E5%92%96%E5%95%A1", "/items/6", "/flash"]) {
      const html = await (await get(path, { Cookie: m.cookie })).text();
      expect(await gzipBytes(html), path).toBeLessThanOrEqual(14 * 1024);
    }
  });
});
