// Share cards and the in-app browser through the real Worker (workerd) on the demo mall: under WeChat's
// User-Agent the item and home pages carry a wx.config signed for their exact URL (WeChat's check — the
// fake's — accepts it), the card, and a CSP that lets the JS-SDK load; elsewhere none of it. Static URLs are
// versioned for every browser; in WeChat no swap pushes a URL.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { DEMO_ITEMS, DEMO_SETTINGS } from "../../db/seed-data";
import worker from "../index";

const BASE = "http://mall.test";
const WECHAT_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800322c) NetType/WIFI Language/zh_CN";
const SAFARI_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
const f = inject("fakes").wechat;
const catalogEnv = { ...env, TURSO_DATABASE_URL: inject("catalogDbUrl") };

async function get(path: string, ua: string, environment: Env = catalogEnv): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`${BASE}${path}`, { headers: { "User-Agent": ua } }), environment, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}
const meta = (html: string, name: string) => {
  const m = new RegExp(`<meta name="${name}" content="([^"]*)"`).exec(html);
  return m ? JSON.parse(m[1]!.replace(/&quot;/g, '"').replace(/&amp;/g, "&")) : null;
};
const verify = (config: Record<string, unknown>, url: string) =>
  fetch(`${f.url}/__fake/wechat/verify-config`, { method: "POST", body: JSON.stringify({ ...config, url }) }).then(
    (r) => r.json(),
  );

describe("share cards under WeChat's User-Agent", () => {
  it("an item page: wx.config signed for its exact URL, the item's card, the JS-SDK allowed by the CSP", async () => {
    const path = "/items/1?from=groupmessage&isappinstalled=0";
    const res = await get(path, WECHAT_UA);
    expect(res.status).toBe(200);
    const html = await res.text();
    const config = meta(html, "wx-config");
    expect(config).toMatchObject({
      appId: f.appid,
      jsApiList: ["updateAppMessageShareData", "updateTimelineShareData"],
    });
    expect(config.signature).toMatch(/^[0-9a-f]{40}$/);
    expect(Math.abs(config.timestamp - Date.now() / 1000)).toBeLessThan(60);
    expect(await verify(config, `${BASE}${path}#reviews`)).toEqual({ ok: true });
    // signed for this URL only: another query string is another page
    expect(await verify(config, `${BASE}/items/1`)).toEqual({ ok: false, reason: "invalid signature" });
    const card = meta(html, "wx-share");
    expect(card.title).toBe(DEMO_ITEMS[0]!.name);
    expect(card.desc).toContain(DEMO_SETTINGS.mallName);
    expect(card.link).toBe(`${BASE}/items/1`);
    expect(card.imgUrl).toMatch(/^http:\/\/mall\.test\//);
    expect(html).toContain(`<script src="${env.WECHAT_JSSDK_URL}" defer></script>`);
    expect(html).toMatch(/<script src="\/js\/wechat-share\.js\?v=[0-9A-Za-z_-]+" defer><\/script>/);
    const csp = res.headers.get("Content-Security-Policy") ?? "";
    expect(csp).toContain(`script-src 'self' ${new URL(env.WECHAT_JSSDK_URL).origin};`);
  });

  it("the home page has the mall's card and no swap that pushes a URL", async () => {
    const html = await (await get("/", WECHAT_UA)).text();
    expect(meta(html, "wx-share")).toMatchObject({ title: DEMO_SETTINGS.mallName, link: `${BASE}/` });
    expect(await verify(meta(html, "wx-config"), `${BASE}/`)).toEqual({ ok: true });
    expect(html).not.toContain('hx-push-url="true"');
    expect(html).toContain('hx-push-url="false"');
    // fragments swapped into that page do not push either
    const ctx = createExecutionContext();
    const frag = await worker.fetch(
      new Request(`${BASE}/?category=goods`, { headers: { "User-Agent": WECHAT_UA, "HX-Request": "true" } }),
      catalogEnv,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(await frag.text()).not.toContain('hx-push-url="true"');
  });

  it("outside WeChat, or with no account configured, no card, no JS-SDK and swaps push as before", async () => {
    for (const [ua, e] of [
      [SAFARI_UA, catalogEnv],
      [WECHAT_UA, { ...catalogEnv, WECHAT_APPID: undefined }],
    ] as const) {
      const res = await get("/", ua, e as Env);
      const html = await res.text();
      expect(meta(html, "wx-config")).toBeNull();
      expect(html).not.toContain("jweixin");
      expect(html).toContain('hx-push-url="true"');
      expect(res.headers.get("Content-Security-Policy")).toContain("script-src 'self';");
    }
  });
});

describe("static URLs are versioned (WeChat's browser ignores Cache-Control)", () => {
  it("css, js and images carry ?v=<content version>, the same on every page, and are served at that URL", async () => {
    const home = await (await get("/", SAFARI_UA)).text();
    const item = await (await get("/items/1", SAFARI_UA)).text();
    const css = /<link rel="stylesheet" href="(\/css\/mall\.css\?v=[0-9A-Za-z_-]+)"/.exec(home)?.[1];
    expect(css).toBeDefined();
    expect(item).toContain(`href="${css}"`);
    expect(home).toMatch(/<script src="\/js\/htmx\.min\.js\?v=[0-9A-Za-z_-]+" defer>/);
    expect(home).toMatch(/<script src="\/js\/mall\.js\?v=[0-9A-Za-z_-]+" defer>/);
    expect(home).toMatch(/<img class="bar__logo" src="\/images\/[^"?]+\?v=[0-9A-Za-z_-]+"/);
    const served = await env.ASSETS.fetch(`${BASE}${css}`);
    expect(served.status).toBe(200);
    expect(await served.text()).toContain("{");
    // a different file has a different version
    const js = /\/js\/mall\.js\?v=([0-9A-Za-z_-]+)/.exec(home)?.[1];
    expect(js).not.toBe(css!.split("?v=")[1]);
  });
});
