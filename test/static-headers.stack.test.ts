// public/_headers through the real stack (`wrangler dev` serving Workers static assets): every static file
// carries the security headers worker/middleware/security-headers.ts gives the Worker's own responses, with
// a CSP fitting its type (deny-all for styles, scripts and images; deny-all plus sandbox for an SVG opened on
// its own), and the pages still load their styles, htmx and images in Chromium under those headers.
import { describe, expect, inject, test } from "vitest";
import { phonePage, useBrowser } from "./browser";

const base = inject("baseUrl");
const { browser } = useBrowser();

/** The headers the middleware sets on every Worker response (HSTS aside: https only, and left to pages). */
const SHARED = [
  "x-content-type-options",
  "referrer-policy",
  "x-frame-options",
  "permissions-policy",
  "cross-origin-opener-policy",
];

const ASSETS: { path: string; type: RegExp; cache: string; svg: boolean }[] = [
  { path: "/css/mall.css", type: /^text\/css/, cache: "public, max-age=3600", svg: false },
  { path: "/css/admin.css", type: /^text\/css/, cache: "public, max-age=3600", svg: false },
  { path: "/js/htmx.min.js", type: /javascript/, cache: "public, max-age=3600", svg: false },
  { path: "/js/mall.js", type: /javascript/, cache: "public, max-age=3600", svg: false },
  { path: "/js/admin-images.js", type: /javascript/, cache: "public, max-age=3600", svg: false },
  { path: "/images/banner.svg", type: /^image\/svg\+xml/, cache: "public, max-age=86400", svg: true },
  { path: "/images/items/latte-coupon.svg", type: /^image\/svg\+xml/, cache: "public, max-age=86400", svg: true },
  { path: "/favicon.svg", type: /^image\/svg\+xml/, cache: "public, max-age=86400", svg: true },
];

async function headersOf(path: string): Promise<Headers> {
  const res = await fetch(base + path);
  await res.arrayBuffer();
  expect(res.status, path).toBe(200);
  return res.headers;
}

describe("static assets carry the pages' security headers", () => {
  test("each file: nosniff, referrer policy, DENY, permissions and opener policy as the Worker sends them; one CSP for its type", async () => {
    const page = await headersOf("/");
    const workerJson = await headersOf("/api/v1/openapi.json"); // a non-page Worker response: the deny-all CSP
    const denyAll = workerJson.get("content-security-policy")!;
    expect(denyAll).toMatch(/^default-src 'none'/);
    for (const name of SHARED) expect(page.get(name), name).toBeTruthy();

    for (const a of ASSETS) {
      const h = await headersOf(a.path);
      expect(h.get("content-type"), a.path).toMatch(a.type);
      for (const name of SHARED) expect(h.get(name), `${a.path} ${name}`).toBe(page.get(name));
      const csp = h.get("content-security-policy");
      if (a.svg) {
        // one policy (the broad rule's is removed, not merged into "…, …"), deny-all and sandboxed
        expect(csp, a.path).toBe(`${denyAll}; form-action 'none'; sandbox`);
      } else {
        expect(csp, a.path).toBe(denyAll);
      }
      expect(h.get("cache-control"), a.path).toBe(a.cache);
    }
  });

  test("in Chromium the home page's stylesheet, htmx and images load under those headers, with no CSP report", async () => {
    const { page, problems } = await phonePage(browser());
    const violations: string[] = [];
    await page.exposeFunction("reportViolation", (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) =>
        (window as unknown as { reportViolation(v: string): void }).reportViolation(
          `${e.violatedDirective} ${e.blockedURI}`,
        ),
      );
    });
    const assets: { url: string; status: number; nosniff: string | null; csp: string | null; xfo: string | null }[] =
      [];
    page.on("response", (r) => {
      const url = new URL(r.url());
      if (/^\/(css|js|images)\//.test(url.pathname) || url.pathname === "/favicon.svg") {
        const h = r.headers();
        assets.push({
          url: url.pathname,
          status: r.status(),
          nosniff: h["x-content-type-options"] ?? null,
          csp: h["content-security-policy"] ?? null,
          xfo: h["x-frame-options"] ?? null,
        });
      }
    });
    await page.goto(`${base}/`);
    await page.waitForFunction(() =>
      (window as unknown as { htmx?: { version: string } }).htmx?.version?.startsWith("4."),
    );
    await page.evaluate(() =>
      Promise.all(Array.from(document.images).map((i) => ((i.loading = "eager"), i.decode().catch(() => null)))),
    );
    // the stylesheet applied (the card grid is laid out by mall.css), every image decoded
    expect(await page.evaluate(() => getComputedStyle(document.querySelector("#catalog .grid")!).display)).toBe("grid");
    expect(
      await page.evaluate(() =>
        Array.from(document.images)
          .filter((i) => i.naturalWidth === 0)
          .map((i) => i.src),
      ),
    ).toEqual([]);
    const kinds = new Set(assets.map((a) => a.url.split("/")[1]));
    expect([...kinds].sort()).toEqual(expect.arrayContaining(["css", "images", "js"]));
    for (const a of assets) {
      expect(a.status === 200 || a.status === 304, a.url).toBe(true);
      expect([a.nosniff, a.xfo], a.url).toEqual(["nosniff", "DENY"]);
      expect(a.csp, a.url).toMatch(/^default-src 'none'/);
    }
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test("an SVG opened on its own renders as a sandboxed document", async () => {
    const { page, problems } = await phonePage(browser());
    const res = await page.goto(`${base}/images/banner.svg`);
    expect(res?.headers()["content-security-policy"]).toContain("sandbox");
    expect(await page.evaluate(() => document.documentElement.localName)).toBe("svg");
    // drawn: the root has its 750×300 box
    expect(
      await page.evaluate(() => (document.documentElement as unknown as SVGSVGElement).getBBox().width),
    ).toBeGreaterThan(0);
    // sandboxed without allow-same-origin: an opaque origin, so no storage of the mall's origin is reachable
    expect(await page.evaluate(() => window.origin)).toBe("null");
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
