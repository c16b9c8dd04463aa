import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { h } from "preact";
import { describe, expect, test } from "vitest";
import { Catalog } from "./components/catalog";
import { ErrorNotice } from "./components/error-notice";
import { FlashSaleStrip } from "./components/flash-sale-strip";
import { AddressStep } from "./components/address-step";
import { ItemCard } from "./components/item-card";
import { OrderRows } from "./components/order-list";
import { RedeemArea } from "./components/redeem-area";
import { RedeemRefusal, RedeemSuccess } from "./components/redeem-result";
import type { RedeemFormView } from "./components/redeem-area";
import type { OrderSummary } from "../domain";
import { flashCountdown, formatCountdown, formatPointsPrice, formatStock, formatYuan } from "./format";
import { t, translate } from "./i18n";
import { zhCN } from "./i18n/zh-CN";
import { Layout } from "./layout";
import { ErrorPage } from "./pages/error-page";
import { HomePage, homeTitle } from "./pages/home-page";
import { NotFoundPage } from "./pages/not-found-page";
import { renderFragment, renderPage } from "./render";
import { demoCategories, demoFlash, demoHome, demoItems, demoMall, itemsIn } from "./test-fixtures";
import { brandInk, contrastOnWhite, safeBrandColor, themeCss, themeStyleHash } from "./theme";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const PUBLIC = join(ROOT, "public");
const gz = (s: string | Buffer) => gzipSync(s, { level: 9 }).length;
const NOW = Date.UTC(2026, 4, 1, 2, 0, 0);

/** Opening tags `<tag …>` in HTML, with their attributes (Preact always double-quotes values). */
function tags(html: string, tag: string): Record<string, string>[] {
  return [...html.matchAll(new RegExp(`<${tag}(\\s[^>]*)?>`, "g"))].map((m) =>
    Object.fromEntries([...(m[1] ?? "").matchAll(/\s([^\s=>/]+)(?:="([^"]*)")?/g)].map((a) => [a[1]!, a[2] ?? ""])),
  );
}

const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&amp;/g, "&");

function home(category: string | null = null) {
  return renderPage(h(HomePage, demoHome(category, NOW)));
}

describe("format", () => {
  test("yuan from fen with integer maths", () => {
    expect(formatYuan(1000)).toBe("¥10.00");
    expect(formatYuan(5)).toBe("¥0.05");
    expect(formatYuan(1999)).toBe("¥19.99");
    expect(formatYuan(0)).toBe("¥0.00");
  });

  test("points price, with and without cash", () => {
    expect(formatPointsPrice(300, 0)).toBe("300 积分");
    expect(formatPointsPrice(300, 1000)).toBe("300 积分 + ¥10.00");
    expect(formatPointsPrice(1500, 50)).toBe("1500 积分 + ¥0.50");
  });

  test("countdown HH:MM:SS rounds up to whole seconds and never goes negative", () => {
    expect(formatCountdown(0)).toBe("00:00:00");
    expect(formatCountdown(-5000)).toBe("00:00:00");
    expect(formatCountdown(1)).toBe("00:00:01");
    expect(formatCountdown(1000)).toBe("00:00:01");
    expect(formatCountdown(1001)).toBe("00:00:02");
    expect(formatCountdown(10 * 60_000)).toBe("00:10:00");
    expect(formatCountdown(3661_000)).toBe("01:01:01");
    expect(formatCountdown(72 * 3600_000 - 1000)).toBe("71:59:59");
  });

  test("stock text", () => {
    expect(formatStock({ stock: 23, stockState: "in_stock" })).toBe("库存 23");
    expect(formatStock({ stock: 3, stockState: "low" })).toBe("仅剩 3 件");
    expect(formatStock({ stock: 0, stockState: "sold_out" })).toBe("已兑完");
  });

  test("flash countdown is computed from the server's now, not the clock", () => {
    const at = 1_000_000;
    expect(flashCountdown({ state: "upcoming", startsAt: at + 3_723_000, endsAt: at + 9e6, now: at })).toMatchObject({
      label: "距开始",
      clock: "01:02:03",
      target: at + 3_723_000,
      doneText: "已开始",
    });
    expect(flashCountdown({ state: "live", startsAt: at - 1, endsAt: at + 59_000, now: at })).toMatchObject({
      label: "距结束",
      clock: "00:00:59",
      target: at + 59_000,
    });
    expect(flashCountdown({ state: "ended", startsAt: at - 9, endsAt: at - 1, now: at })).toEqual({
      kind: "ended",
      text: "已结束",
    });
  });
});

describe("i18n", () => {
  test("t interpolates {params} from the zh-CN catalogue", () => {
    expect(t("stock.low", { stock: 3 })).toBe("仅剩 3 件");
    expect(t("catalog.all")).toBe("全部");
    expect(translate("zh-CN", "page.title", { title: "页面不存在", mall: "栗子咖啡" })).toBe("页面不存在 - 栗子咖啡");
  });

  test("every message is non-empty Chinese-or-symbol text", () => {
    for (const [key, value] of Object.entries(zhCN)) expect(value.trim(), key).not.toBe("");
  });
});

describe("theme", () => {
  test("themeCss is exactly the brand custom properties; bad colours fall back to WeChat green", () => {
    expect(themeCss("#07C160")).toBe(":root{--brand:#07c160;--brand-ink:#058743}");
    expect(themeCss("red;}body{display:none")).toBe(themeCss("#07c160"));
    // kept per colour: each answer the first one's, several colours in turn
    for (let i = 0; i < 2; i++) {
      expect(themeCss("#07C160")).toBe(":root{--brand:#07c160;--brand-ink:#058743}");
      expect(themeCss("#b5651d")).toBe(`:root{--brand:#b5651d;--brand-ink:${brandInk("#b5651d")}}`);
      expect(themeCss(" not a colour ")).toBe(themeCss("#07c160"));
    }
    expect(safeBrandColor("url(x)")).toBe("#07c160");
  });

  test("brand ink reaches 4.5:1 on white and keeps colours that already do", () => {
    for (const c of ["#07c160", "#b5651d", "#ffc300", "#fa5151", "#1677ff"]) {
      expect(contrastOnWhite(brandInk(c))).toBeGreaterThanOrEqual(4.5);
    }
    expect(brandInk("#333333")).toBe("#333333");
  });

  test("themeStyleHash is the CSP source for the exact <style> text", async () => {
    const expected = createHash("sha256").update(themeCss("#b5651d")).digest("base64");
    expect(await themeStyleHash("#b5651d")).toBe(`'sha256-${expected}'`);
  });
});

describe("catalog fragment (the htmx swap target)", () => {
  const html = renderFragment(
    h(Catalog, { categories: demoCategories, activeCategory: "coffee", items: itemsIn("coffee") }),
  );

  test("is one <section id=catalog> with no page chrome", () => {
    expect(html.startsWith('<section id="catalog"')).toBe(true);
    expect(html.endsWith("</section>")).toBe(true);
    expect(html).not.toMatch(/<html|<head|<body|<header|doctype/i);
  });

  test("every tab is a real link that htmx 4 GETs into #catalog, swapping outerHTML and pushing the URL", () => {
    const links = tags(html, "a").filter((a) => a.class === "tab");
    expect(links.map((a) => a.href)).toEqual([
      "/",
      "/?category=coffee",
      "/?category=bakery",
      "/?category=goods",
      "/?category=vouchers",
    ]);
    for (const a of links) {
      expect(a["hx-get"]).toBe(a.href);
      expect(a["hx-target"]).toBe("#catalog");
      expect(a["hx-swap"]).toBe("outerHTML");
      expect(a["hx-push-url"]).toBe("true");
      // htmx 4 swaps 4xx/5xx bodies: route them into the alert slot inside the catalog, keep the URL
      expect(a["hx-status:4xx"]).toBe("target:#catalog-alert swap:innerHTML push:false");
      expect(a["hx-status:5xx"]).toBe("target:#catalog-alert swap:innerHTML push:false");
    }
    expect(html).toContain('<div id="catalog-alert" class="catalog__alert"></div>');
  });

  test("the active tab, and only it, has aria-current=page", () => {
    const current = tags(html, "a").filter((a) => "aria-current" in a);
    expect(current).toHaveLength(1);
    expect(current[0]).toMatchObject({ href: "/?category=coffee", "aria-current": "page" });
    const all = renderFragment(h(Catalog, { categories: demoCategories, activeCategory: null, items: demoItems }));
    expect(
      tags(all, "a")
        .filter((a) => "aria-current" in a)
        .map((a) => a.href),
    ).toEqual(["/"]);
  });

  test("lists the category's items, linking to their detail pages", () => {
    const cards = tags(html, "a").filter((a) => a.class?.startsWith("card"));
    expect(cards.map((a) => a.href)).toEqual(["/items/1", "/items/2", "/items/3"]);
    expect(text(html)).toContain("拿铁兑换券");
  });

  test("as a fragment it can carry the listing's <title> (htmx 4 moves it to document.title)", () => {
    const frag = renderFragment(
      h(Catalog, {
        categories: demoCategories,
        activeCategory: "bakery",
        items: itemsIn("bakery"),
        pageTitle: homeTitle(demoMall, demoCategories, "bakery"),
      }),
    );
    expect(frag).toMatch(/^<section id="catalog"[^>]*><title>烘焙甜点 - 栗子咖啡积分商城<\/title>/);
    expect(html).not.toContain("<title>");
  });

  test("an empty category gets a friendly message and a way back", () => {
    const empty = renderFragment(h(Catalog, { categories: demoCategories, activeCategory: "goods", items: [] }));
    expect(empty).not.toContain('class="grid"');
    expect(text(empty)).toContain("这个分类暂时没有商品");
    expect(tags(empty, "a").find((a) => a.class === "btn")?.href).toBe("/");
  });

  test("an error is shown inside the catalog with role=alert", () => {
    const withError = renderFragment(
      h(Catalog, { categories: demoCategories, activeCategory: null, items: [], error: "筛选条件有误" }),
    );
    expect(withError).toMatch(
      /<div id="catalog-alert" class="catalog__alert"><div class="alert" role="alert"><p>筛选条件有误<\/p>/,
    );
    const notice = renderFragment(
      h(ErrorNotice, { code: "BAD_FILTER", message: "筛选条件有误", detail: "没有这个分类" }),
    );
    expect(notice).toBe(
      '<div class="alert" role="alert" data-error-code="BAD_FILTER"><p>筛选条件有误</p><p class="alert__detail">没有这个分类</p></div>',
    );
  });
});

describe("item card", () => {
  const item = (slug: string) => demoItems.find((i) => i.slug === slug)!;

  test("points-only and points + cash prices", () => {
    expect(text(renderFragment(h(ItemCard, { item: item("latte-coupon") })))).toContain("300 积分");
    const tote = renderFragment(h(ItemCard, { item: item("canvas-tote") }));
    expect(tote).toContain('<p class="price">300 积分 + ¥10.00</p>');
  });

  test("stock badges: plenty, low, sold out (greyed)", () => {
    const latte = renderFragment(h(ItemCard, { item: item("latte-coupon") }));
    expect(latte).toContain('<span class="badge badge--in-stock">库存 200</span>');
    const beans = renderFragment(h(ItemCard, { item: item("coffee-beans") }));
    expect(beans).toContain('<span class="badge badge--low">仅剩 3 件</span>');
    const drip = renderFragment(h(ItemCard, { item: item("drip-bags") }));
    expect(drip).toContain('<a class="card card--out" href="/items/11">');
    expect(drip).toContain('<span class="badge badge--sold-out">已兑完</span>');
  });

  test("image has its size; lazy unless eager", () => {
    const lazy = tags(renderFragment(h(ItemCard, { item: item("croissant") })), "img")[0]!;
    expect(lazy).toMatchObject({
      src: "/images/items/croissant.svg",
      width: "400",
      height: "400",
      loading: "lazy",
      decoding: "async",
    });
    const eager = tags(renderFragment(h(ItemCard, { item: item("croissant"), eager: true })), "img")[0]!;
    expect(eager.loading).toBeUndefined();
    expect(eager.width).toBe("400");
  });
});

describe("flash-sale strip", () => {
  const strip = (state: "upcoming" | "live" | "ended") =>
    renderFragment(h(FlashSaleStrip, { flash: demoFlash(state, NOW) }));

  test("upcoming counts down to the start, from the server's now", () => {
    const html = strip("upcoming");
    expect(text(html)).toContain("限时秒杀");
    expect(text(html)).toContain("距开始 00:10:00");
    const section = tags(html, "section")[0]!;
    expect(section["data-countdown-to"]).toBe(String(NOW + 10 * 60_000));
    expect(section["data-countdown-now"]).toBe(String(NOW));
    expect(html).toContain('data-done-text="已开始"');
    expect(html).toContain('<span class="price">990 积分</span>');
    expect(html).toMatch(/<s class="flash__orig"><span class="sr">原价<\/span>2000 积分<\/s>/);
    expect(tags(html, "a")[0]!.href).toBe("/flash");
  });

  test("live counts down to the end", () => {
    const html = strip("live");
    expect(text(html)).toContain("距结束 01:01:01");
    expect(tags(html, "section")[0]!["data-countdown-to"]).toBe(String(NOW + 3600_000 + 61_000));
    expect(html).toContain('data-done-text="已结束"');
    expect(text(html)).toContain("立即抢兑");
  });

  test("ended shows 已结束 and does not tick", () => {
    const html = strip("ended");
    expect(text(html)).toContain("已结束");
    expect(html).not.toContain("data-countdown-to");
    expect(html).not.toContain("data-clock");
    expect(html).toContain('class="flash flash--ended"');
  });
});

describe("home page", () => {
  const html = home();

  test("is a whole zh-CN document with the shell the brief asks for", () => {
    expect(html.startsWith('<!doctype html><html lang="zh-CN"><head>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8"/>');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover"/>');
    expect(html).toContain('<meta name="theme-color" content="#b5651d"/>');
    expect(html).toContain("<title>栗子咖啡积分商城</title>");
    expect(html).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml"/>');
    expect(html).toContain('<link rel="stylesheet" href="/css/mall.css"/>');
    expect(tags(html, "script")).toEqual([
      { src: "/js/htmx.min.js", defer: "" },
      { src: "/js/mall.js", defer: "" },
    ]);
    expect(html).toMatch(/<header class="bar">.*栗子咖啡积分商城.*<\/header>/);
    expect(html).toContain('<footer class="foot">');
  });

  test("banner, flash strip, then the catalog", () => {
    const banner = html.indexOf('class="banner"');
    const flash = html.indexOf('class="flash ');
    const catalog = html.indexOf('id="catalog"');
    expect(banner).toBeGreaterThan(0);
    expect(flash).toBeGreaterThan(banner);
    expect(catalog).toBeGreaterThan(flash);
    expect(tags(html, "img").find((i) => i.class === "banner")).toMatchObject({
      src: "/images/banner.svg",
      alt: "积分当钱花，好礼天天换",
      width: "750",
      height: "300",
      fetchpriority: "high",
    });
    expect(renderPage(h(HomePage, { ...demoHome(null, NOW), flash: null }))).not.toContain('class="flash');
  });

  test("CSP-safe: no style attributes, no inline script, no inline handlers; one <style> = themeCss", () => {
    for (const page of [
      html,
      home("coffee"),
      renderPage(h(NotFoundPage, { mall: demoMall })),
      renderPage(h(ErrorPage, { mall: demoMall, status: 500 })),
    ]) {
      expect(page).not.toMatch(/<[^>]*\sstyle=/);
      expect(page).not.toMatch(/<[^>]*\son[a-z]+=/i);
      expect(page).not.toMatch(/<[^>]*\shx-on/);
      expect(page).not.toMatch(/javascript:/i);
      const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts).toHaveLength(2);
      for (const s of scripts) {
        expect(s[1]).toMatch(/\ssrc="\/js\//);
        expect(s[2]).toBe("");
      }
      const styles = [...page.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
      expect(styles).toEqual([themeCss(demoMall.brandColor)]);
    }
  });

  test("every img has width/height; the first 4 item images are eager, the rest lazy + async", () => {
    const imgs = tags(html, "img");
    for (const img of imgs) {
      expect(Number(img.width), img.src).toBeGreaterThan(0);
      expect(Number(img.height), img.src).toBeGreaterThan(0);
      expect(img.alt, img.src).toBeDefined();
    }
    const cards = imgs.filter((i) => i.class === "card__img");
    expect(cards).toHaveLength(14);
    cards.forEach((img, i) => {
      if (i < 4) {
        expect(img.loading, img.src).toBeUndefined();
      } else {
        expect(img.loading, img.src).toBe("lazy");
        expect(img.decoding, img.src).toBe("async");
      }
    });
    for (const cls of ["banner", "bar__logo", "flash__img"])
      expect(imgs.find((i) => i.class === cls)?.loading).toBeUndefined();
  });

  test("category page marks its tab and says so in the title", () => {
    const page = home("vouchers");
    expect(page).toContain("<title>优惠券 - 栗子咖啡积分商城</title>");
    expect(
      tags(page, "a")
        .filter((a) => "aria-current" in a)
        .map((a) => a.href),
    ).toEqual(["/?category=vouchers"]);
  });

  test("header slot for the member area", () => {
    const page = renderPage(
      h(HomePage, { ...demoHome(null, NOW), headerExtra: h("a", { class: "member", href: "/me" }, "1280 积分") }),
    );
    expect(page).toMatch(/<div class="bar__extra"><a class="member" href="\/me">1280 积分<\/a><\/div><\/header>/);
    expect(home()).not.toContain("bar__extra");
  });

  test("user text is escaped", () => {
    const page = renderPage(h(Layout, { mall: { ...demoMall, name: '<img src=x onerror="alert(1)">' }, title: "x" }));
    expect(page).not.toContain("<img src=x");
    expect(page).toContain("&lt;img src=x");
  });
});

describe("not found and error pages", () => {
  test("404 page and 404 item", () => {
    const page = renderPage(h(NotFoundPage, { mall: demoMall }));
    expect(page).toContain("<title>页面不存在 - 栗子咖啡积分商城</title>");
    expect(page).toMatch(/<h1 class="msg__title">页面不存在<\/h1>/);
    expect(tags(page, "a").find((a) => a.class === "btn")?.href).toBe("/");
    const item = renderPage(h(NotFoundPage, { mall: demoMall, kind: "item" }));
    expect(item).toMatch(/<h1 class="msg__title">商品不存在<\/h1>/);
    expect(text(item)).toContain("返回首页");
  });

  test("error page: given texts, or the catalogue's for the status", () => {
    const given = renderPage(
      h(ErrorPage, { mall: demoMall, status: 401, title: "链接已过期", message: "请从公众号菜单重新进入" }),
    );
    expect(given).toContain("<title>链接已过期 - 栗子咖啡积分商城</title>");
    expect(text(given)).toContain("请从公众号菜单重新进入");
    expect(text(given)).toContain("错误码 401");
    expect(text(renderPage(h(ErrorPage, { mall: demoMall, status: 400 })))).toContain("请求有误");
    expect(text(renderPage(h(ErrorPage, { mall: demoMall, status: 503 })))).toContain("服务器开小差了");
    expect(text(renderPage(h(ErrorPage, { mall: demoMall, status: 418 })))).toContain("出错了");
  });
});

describe("budgets", () => {
  const css = readFileSync(join(PUBLIC, "css/mall.css"));
  const js = readFileSync(join(PUBLIC, "js/mall.js"));
  const htmx = readFileSync(
    join(dirname(createRequire(import.meta.url).resolve("htmx.org/package.json")), "dist/htmx.min.js"),
  );

  test("home page with 14 items ≤ 14 KB gzip; CSS < 8 KB; mall.js < 2 KB; first load ≤ 45 KB", () => {
    const page = home();
    expect(tags(page, "img").filter((i) => i.class === "card__img")).toHaveLength(14);
    const sizes = { html: gz(page), css: gz(css), js: gz(js), htmx: gz(htmx) };
    console.log("gzip bytes", sizes, "total", sizes.html + sizes.css + sizes.js + sizes.htmx);
    expect(sizes.html).toBeLessThanOrEqual(14 * 1024);
    expect(sizes.css).toBeLessThan(8 * 1024);
    expect(sizes.js).toBeLessThan(2 * 1024);
    expect(sizes.html + sizes.css + sizes.js + sizes.htmx).toBeLessThanOrEqual(45 * 1024);
  });

  test("mall.js is plain script: no inline-eval, no modules, no htmx 2 event names", () => {
    const src = js.toString();
    expect(src).not.toMatch(/\beval\(|new Function|^\s*(import|export)\s/m);
    expect(src).not.toMatch(/htmx:(afterSwap|afterSettle|load|responseError|sendError)\b/);
    expect(src).toContain("htmx:after:swap");
  });
});

describe("static assets", () => {
  test("one SVG illustration per item: 400×400, small, no script", () => {
    for (const item of demoItems) {
      const file = join(PUBLIC, "images/items", `${item.slug}.svg`);
      const svg = readFileSync(file, "utf8");
      expect(svg, item.slug).toMatch(
        /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="400" height="400" viewBox="0 0 400 400"/,
      );
      expect(statSync(file).size, item.slug).toBeLessThan(3 * 1024);
      expect(svg).not.toMatch(/<script|\son[a-z]+=|href=/i);
    }
    expect(readdirSync(join(PUBLIC, "images/items")).sort()).toEqual(demoItems.map((i) => `${i.slug}.svg`).sort());
  });

  test("banner, logo and favicon", () => {
    const banner = readFileSync(join(PUBLIC, "images/banner.svg"), "utf8");
    expect(banner).toMatch(/width="750" height="300" viewBox="0 0 750 300"/);
    expect(banner).toContain("积分当钱花");
    expect(banner).toContain("好礼天天换");
    expect(readFileSync(join(PUBLIC, "images/logo.svg"), "utf8")).toMatch(/^<svg /);
    expect(readFileSync(join(PUBLIC, "favicon.svg"), "utf8")).toMatch(/^<svg /);
  });

  test("_headers: short caches (no fingerprints) and nosniff everywhere", () => {
    const headers = readFileSync(join(PUBLIC, "_headers"), "utf8");
    const block = (path: string) => headers.split(/\n(?=\S)/).find((b) => b.startsWith(path + "\n")) ?? "";
    expect(block("/*")).toContain("X-Content-Type-Options: nosniff");
    expect(block("/css/*")).toContain("Cache-Control: public, max-age=3600");
    expect(block("/js/*")).toContain("Cache-Control: public, max-age=3600");
    expect(block("/images/*")).toContain("Cache-Control: public, max-age=86400");
    expect(headers).not.toMatch(/immutable|max-age=31536000/);
  });
});

describe("redeem area (README contract)", () => {
  const form = (over: Partial<RedeemFormView> = {}): RedeemFormView => ({
    itemId: 1,
    itemType: "coupon",
    points: 300,
    cashFen: 0,
    key: "0b7c3d8e-1111-4222-8333-944455556666",
    csrf: "a".repeat(40),
    block: null,
    liveUntil: null,
    address: null,
    place: "item",
    ...over,
  });

  test("a member gets #redeem-form posting to /items/{id}/redeem with key, _csrf, qty and the price on the button", () => {
    const html = renderFragment(h(RedeemArea, { itemId: 1, form: form() }));
    const f = tags(html, "form")[0]!;
    expect(f).toMatchObject({
      id: "redeem-form",
      method: "post",
      action: "/items/1/redeem",
      "hx-post": "/items/1/redeem",
      "hx-disable": "find button",
    });
    expect(f["hx-status:422"]).toBe("target:#address-fields-1 swap:outerHTML");
    const inputs = tags(html, "input");
    expect(inputs.find((i) => i.name === "key")?.value).toBe("0b7c3d8e-1111-4222-8333-944455556666");
    expect(inputs.find((i) => i.name === "_csrf")?.value).toBe("a".repeat(40));
    expect(inputs.find((i) => i.name === "qty")?.value).toBe("1");
    expect(text(html)).toContain("确认兑换 300 积分");
    expect(html).not.toContain("disabled");
    expect(tags(html, "section")[0]).toMatchObject({
      id: "redeem-area-1",
      "hx-trigger": "countdown-done",
      "hx-get": "/items/1/redeem",
    });
  });

  test("on /flash the form id carries the item id; guests get the login prompt", () => {
    expect(renderFragment(h(RedeemArea, { itemId: 9, form: form({ itemId: 9, place: "flash" }) }))).toContain(
      '<form id="redeem-form-9"',
    );
    const guest = renderFragment(h(RedeemArea, { itemId: 1, form: null }));
    expect(guest).not.toContain("<form");
    expect(text(guest)).toContain("登录后才能签到和兑换");
  });

  test("a blocked button says why: before the start it counts down (ticked by mall.js)", () => {
    const upcoming = renderFragment(
      h(RedeemArea, { itemId: 9, form: form({ block: { reason: "upcoming", startsAt: NOW + 65_000, now: NOW } }) }),
    );
    expect(upcoming).toMatch(/<button[^>]*disabled[^>]*>即将开抢<\/button>/);
    expect(upcoming).toContain(`data-countdown-to="${NOW + 65_000}" data-countdown-now="${NOW}"`);
    expect(text(upcoming)).toContain("距开始 00:01:05");
    const poor = renderFragment(
      h(RedeemArea, { itemId: 1, form: form({ block: { reason: "points", balance: 120 } }) }),
    );
    expect(text(poor)).toContain("积分不足");
    expect(text(poor)).toContain("当前 120 积分，还差 180 积分");
    expect(text(renderFragment(h(RedeemArea, { itemId: 1, form: form({ block: { reason: "sold_out" } }) })))).toContain(
      "已兑完",
    );
    expect(
      text(
        renderFragment(h(RedeemArea, { itemId: 1, form: form({ block: { reason: "tier", tiers: "黄金 / 钻石" } }) })),
      ),
    ).toContain("仅限黄金 / 钻石会员兑换");
  });

  test("the address step: saved addresses as radios (masked phones), 使用新地址, errors next to the fields", () => {
    const saved = [
      {
        id: 5,
        recipient: "张三",
        phone: "13812345678",
        region: "上海市 徐汇区",
        detail: "漕溪北路 100 号",
        isDefault: true,
      },
    ];
    const html = renderFragment(
      h(AddressStep, {
        itemId: 6,
        step: {
          saved,
          choice: "new",
          values: { recipient: "李", phone: "1", region: "", detail: "" },
          errors: { phone: "请填写正确的 11 位手机号" },
        },
      }),
    );
    expect(html.startsWith('<fieldset id="address-fields-6"')).toBe(true);
    expect(text(html)).toContain("138****5678");
    const radios = tags(html, "input").filter((i) => i.type === "radio");
    expect(radios.map((r) => r.value)).toEqual(["5", "new"]);
    expect(radios.find((r) => "checked" in r)?.value).toBe("new");
    const phone = tags(html, "input").find((i) => i.name === "phone")!;
    expect(phone).toMatchObject({
      "aria-invalid": "true",
      "aria-describedby": "addr-6-phone-error",
      value: "1",
      type: "tel",
    });
    expect(html).toContain(
      '<p id="addr-6-phone-error" class="field__error" data-field-error="phone">请填写正确的 11 位手机号</p>',
    );
  });
});

describe("redeem results and orders", () => {
  const order: OrderSummary = {
    id: "PM20260501ABCDEF012345",
    itemId: 1,
    itemName: "拿铁兑换券",
    itemType: "coupon",
    qty: 1,
    points: 300,
    cashFen: 0,
    status: "completed",
    couponCodes: ["LATTE-0001"],
    address: null,
    carrier: null,
    trackingNo: null,
    createdAt: NOW,
  };

  test("success: the order number, the code, the balance, links to the order and the item", () => {
    const html = renderFragment(h(RedeemSuccess, { order, balance: 750, asArea: true }));
    expect(html.startsWith('<section id="redeem-area-1"')).toBe(true);
    expect(html).toContain('data-order-id="PM20260501ABCDEF012345"');
    expect(html).toContain('data-coupon-code="LATTE-0001"');
    expect(text(html)).toContain("消耗 300 积分，剩余 750 积分");
    expect(tags(html, "a").map((a) => a.href)).toEqual(["/me/orders/PM20260501ABCDEF012345", "/items/1"]);
  });

  test("a refusal carries its code and a fresh key out of band", () => {
    const html = renderFragment(
      h(RedeemRefusal, { itemId: 1, code: "SOLD_OUT", message: "手慢了，商品已兑完", freshKey: "k-2" }),
    );
    expect(html).toContain('data-error-code="SOLD_OUT"');
    expect(tags(html, "input")[0]).toMatchObject({
      id: "redeem-key-1",
      name: "key",
      value: "k-2",
      "hx-swap-oob": "true",
    });
  });

  test("order rows: states in Chinese, newest first as given, 加载更多 with the cursor", () => {
    const html = renderFragment(
      h(OrderRows, {
        orders: [
          order,
          { ...order, id: "PM2", itemType: "physical", status: "placed" },
          { ...order, id: "PM3", status: "cancelled" },
        ],
        nextCursor: "abc",
        timeZone: "Asia/Shanghai",
      }),
    );
    expect([...html.matchAll(/data-status="(\w+)">([^<]+)</g)].map((m) => m[2])).toEqual([
      "已完成",
      "待发货",
      "已取消",
    ]);
    const more = tags(html, "a").at(-1)!;
    expect(more).toMatchObject({
      href: "/me/orders?cursor=abc",
      "hx-get": "/me/orders/more?cursor=abc",
      "hx-target": "closest li",
    });
  });
});
