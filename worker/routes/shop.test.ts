// The shopper pages through the real Worker in workerd, reading the seeded demo mall from a real local
// libSQL server.
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { DEMO_CATEGORIES, DEMO_ITEMS, DEMO_SETTINGS } from "../../db/seed-data";

const BASE = "http://mall.test";

function get(path: string, headers: Record<string, string> = {}) {
  return SELF.fetch(`${BASE}${path}`, { headers, redirect: "manual" });
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
    for (const it of DEMO_ITEMS) expect(html).toContain(it.name);
    expect(html).toContain("限时秒杀");
    expect(html).toContain('src="/js/htmx.min.js"');
    expect(html).toContain("已兑完"); // drip-bags has no stock
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
    expect(html).toMatch(/href="\/\?category=goods"[^>]*aria-current="page"|aria-current="page"[^>]*href="\/\?category=goods"/);
  });

  it("serves the same filter as a whole page without htmx", async () => {
    const res = await get("/?category=vouchers");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<html");
    expect(countCards(html.slice(html.indexOf('id="catalog"')))).toBe(DEMO_ITEMS.filter((i) => i.category === "vouchers").length);
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
