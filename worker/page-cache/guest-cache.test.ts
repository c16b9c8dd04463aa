// The guest page cache through the real Worker (SELF), caches.default and Turso: a guest's second request for
// a page is the cached one (a Turso write that bumps nothing does not show); a console/API change bumps the
// page version and the next guest request renders afresh; a member never gets a guest page; page views are
// counted for cached answers too; pages and htmx fragments, and locales, are kept apart.
import { env } from "cloudflare:workers";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { items, pageViews } from "../../db/schema";
import { visitorHash, VISITOR_COOKIE } from "../analytics/page-views";
import { call, newRef } from "../api/test-client";
import { createItem, db } from "../redeem/test-support";
import { cachedPageVersion } from "../settings/load-settings";
import { BASE, get, HX, login } from "../shop/test-session";
import { CACHE_HEADER, cacheKeyOf, GUEST_ITEM_TTL_S } from "./guest-cache";
import { entryCount, forgetIsolateEntries, REFRESH_AHEAD_MS } from "./isolate-entries";

const cacheState = (res: Response) => res.headers.get(CACHE_HEADER);

/** A name written to Turso behind the console's back: no version bump, so cached pages keep the old one. */
async function renameQuietly(itemId: number, name: string) {
  await db().update(items).set({ name }).where(eq(items.id, itemId));
}

/** Whether caches.default holds `key` (its write runs after the answer: waited for a moment). */
async function edgeHas(key: string): Promise<boolean> {
  const edge = (caches as unknown as { default: Cache }).default;
  for (let i = 0; i < 50; i++) {
    const hit = await edge.match(key);
    if (hit) {
      await hit.body?.cancel();
      return true;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

describe("guest page cache", () => {
  it("serves an item page from the cache until the API changes the item, which bumps the version", async () => {
    const { itemId } = await createItem({ name: `缓存商品 ${crypto.randomUUID().slice(0, 6)}` });
    const first = await get(`/items/${itemId}`);
    expect(first.status).toBe(200);
    expect(cacheState(first)).toBe("miss");
    expect(first.headers.get("Cache-Control")).toBe("no-store");
    const body = await first.text();

    await renameQuietly(itemId, "悄悄改的名字");
    const second = await get(`/items/${itemId}`);
    expect(cacheState(second)).toBe("hit");
    expect(second.headers.get("Cache-Control")).toBe("no-store"); // only the edge keeps it
    const cached = await second.text();
    expect(cached).not.toContain("悄悄改的名字");
    expect(cached).toBe(body);
    // static URLs versioned once, in the entry (a hit skips the in-app browser's pass, and never doubles it)
    expect(cached).toMatch(/src="\/js\/htmx\.min\.js\?v=[0-9A-Za-z_-]+"/);
    expect(cached.match(/\?v=[0-9A-Za-z_-]+\?v=/)).toBeNull();

    const before = await cachedPageVersion(db());
    const renamed = `API 改的名字 ${crypto.randomUUID().slice(0, 6)}`;
    const patch = await call("PATCH", `/api/v1/items/${itemId}`, { ref: newRef(), name: renamed });
    expect(patch.status, JSON.stringify(patch.json)).toBe(200);
    expect(await cachedPageVersion(db())).toBeGreaterThan(before);
    const third = await get(`/items/${itemId}`);
    expect(cacheState(third)).toBe("miss");
    expect(await third.text()).toContain(renamed);
    expect(cacheState(await get(`/items/${itemId}`))).toBe("hit");
  });

  it("a stock adjustment through the API retires the cached item page (its number is the object's)", async () => {
    const { itemId } = await createItem({ stock: 40 });
    expect(await (await get(`/items/${itemId}`)).text()).toContain("40");
    expect(cacheState(await get(`/items/${itemId}`))).toBe("hit");
    const adjusted = await call("POST", `/api/v1/items/${itemId}/stock`, { ref: newRef(), delta: 17 });
    expect(adjusted.status, JSON.stringify(adjusted.json)).toBe(200);
    const after = await get(`/items/${itemId}`);
    expect(cacheState(after)).toBe("miss");
    expect(await after.text()).toContain("57");
  });

  it("the home page and its listing fragment are cached apart, and a new item shows on both", async () => {
    const page = await get("/?category=");
    // an empty category is refused (400): errors are never cached
    expect(page.status).toBe(400);
    expect(cacheState(page)).toBeNull();

    const q = `搜${crypto.randomUUID().slice(0, 4)}`;
    const path = `/?q=${encodeURIComponent(q)}`;
    const full = await get(path);
    expect(full.status).toBe(200);
    expect(await full.text()).toContain("<html");
    const fragment = await get(path, undefined, HX);
    expect(cacheState(fragment)).toBe("miss"); // not the page's entry
    expect(await fragment.text()).not.toContain("<html");
    expect(cacheState(await get(path, undefined, HX))).toBe("hit");
    expect(await (await get(path)).text()).toContain("<html");

    const { itemId } = await createItem({ name: `${q} 新品` }); // as the API's create: bumps the version
    const listed = await get(path);
    expect(cacheState(listed)).toBe("miss");
    expect(await listed.text()).toContain(`/items/${itemId}`);
  });

  it("keeps locales apart by the language the request resolved to (the lang cookie, else Accept-Language)", async () => {
    const { itemId } = await createItem();
    const path = `/items/${itemId}`;
    expect(cacheState(await get(path, undefined, { "Accept-Language": "zh-CN,zh;q=0.9" }))).toBe("miss");
    expect(cacheState(await get(path))).toBe("hit"); // no header is zh-CN too
    const en = await get(path, undefined, { "Accept-Language": "en-US,en;q=0.9" });
    expect(cacheState(en)).toBe("miss");
    expect(await en.text()).toContain('<html lang="en"');
    expect(cacheState(await get(path, undefined, { "Accept-Language": "en-GB" }))).toBe("hit");
    expect(cacheState(await get(path, "lang=zh-Hant", { "Accept-Language": "en" }))).toBe("miss");
    const hant = await get(path, undefined, { "Accept-Language": "zh-TW" });
    expect(cacheState(hant)).toBe("hit");
    expect(await hant.text()).toContain('<html lang="zh-Hant"');
    expect(cacheState(await get(path, "lang=zh-CN", { "Accept-Language": "en" }))).toBe("hit");
  });

  it("a member never gets the guest page as it is, even right after a guest cached it", async () => {
    const { itemId } = await createItem();
    await get("/");
    await get(`/items/${itemId}`);
    expect(cacheState(await get(`/items/${itemId}`))).toBe("hit");
    const member = await login();
    // home: the guest entry with the member's own header (./member-home.test.ts); item: rendered for them
    for (const [path, state] of [
      ["/", "member-hit"],
      [`/items/${itemId}`, null],
    ] as const) {
      const res = await get(path, member.cookie);
      expect(res.status).toBe(200);
      expect(cacheState(res)).toBe(state);
      const html = await res.text();
      expect(html).toContain(`id="balance-badge"`);
    }
    // and the member's page did not become the guests' entry
    const guest = await get(`/items/${itemId}`);
    expect(cacheState(guest)).toBe("hit");
    expect(await guest.text()).not.toContain(`id="balance-badge"`);
  });

  it("counts a page view for every cached answer too", async () => {
    const { itemId } = await createItem();
    const vid = `g${crypto.randomUUID().replace(/-/g, "").slice(0, 21)}`;
    const visitor = await visitorHash(env.SESSION_SECRET, vid);
    const states: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await get(`/items/${itemId}`, `${VISITOR_COOKIE}=${vid}`);
      expect(res.status).toBe(200);
      states.push(cacheState(res));
    }
    expect(states).toEqual(["miss", "hit", "hit"]);
    let n = 0;
    for (let i = 0; i < 100 && n < 3; i++) {
      const [row] = await db().all<{ n: number }>(
        sql`select count(*) as n from ${pageViews} where visitor = ${visitor} and path = ${`/items/${itemId}`}`,
      );
      n = row!.n;
      if (n < 3) await new Promise((r) => setTimeout(r, 50));
    }
    expect(n).toBe(3);
  });

  it("a cached page's countdowns count against the serving time, not the render time", async () => {
    const now = Date.now();
    const { itemId } = await createItem({ saleStartsAt: now + 3_600_000, saleEndsAt: now + 7_200_000 });
    const first = await (await get(`/items/${itemId}`)).text();
    const rendered = Number(/data-countdown-now="(\d+)"/.exec(first)?.[1]);
    expect(rendered).toBeGreaterThanOrEqual(now);
    await new Promise((r) => setTimeout(r, 30));
    const hit = await get(`/items/${itemId}`);
    expect(cacheState(hit)).toBe("hit");
    const cached = await hit.text();
    const served = Number(/data-countdown-now="(\d+)"/.exec(cached)?.[1]);
    expect(served).toBeGreaterThan(rendered);
    // every countdown re-timed, and nothing else of the page changed
    const clocks = (html: string) => [...html.matchAll(/data-countdown-now="(\d+)"/g)].map((m) => m[1]);
    expect(clocks(cached)).toHaveLength(clocks(first).length);
    expect(new Set(clocks(cached))).toEqual(new Set([String(served)]));
    const timeless = (html: string) => html.replace(/data-countdown-now="\d+"/g, "");
    expect(timeless(cached)).toBe(timeless(first));
  });

  it("near an entry's expiry one request renders the page again while the others are still answered from it", async () => {
    const { itemId } = await createItem({ name: `续期商品 ${crypto.randomUUID().slice(0, 6)}` });
    const path = `/items/${itemId}`;
    const t0 = Date.now();
    const first = await get(path);
    expect(cacheState(first)).toBe("miss");
    const body = await first.text();
    // The entry expires GUEST_ITEM_TTL_S after the first request's own clock (≥ t0, well within a second of it).
    const expiry = t0 + GUEST_ITEM_TTL_S * 1000;
    const clock = vi.spyOn(Date, "now");
    try {
      clock.mockReturnValue(expiry - REFRESH_AHEAD_MS - 1); // not near its expiry yet: answered from it
      const early = await Promise.all([0, 1, 2].map(() => get(path)));
      expect(early.map(cacheState)).toEqual(["hit", "hit", "hit"]);
      clock.mockReturnValue(expiry - 1); // near it: four at once, exactly one renders
      const near = await Promise.all([0, 1, 2, 3].map(() => get(path)));
      const states = near.map(cacheState);
      expect(
        states.filter((s) => s === "miss"),
        states.join(),
      ).toHaveLength(1);
      expect(states.filter((s) => s === "hit")).toHaveLength(3);
      for (const res of near) if (cacheState(res) === "hit") expect(await res.text()).toBe(body);
      // past the old entry's expiry the isolate's new copy answers (kept for its own TTL from the refresh)
      clock.mockReturnValue(expiry + 500);
      expect(entryCount()).toBeGreaterThan(0);
      const renewed = await get(path);
      expect(cacheState(renewed)).toBe("hit");
      expect(await renewed.text()).toBe(body);
    } finally {
      clock.mockRestore();
    }
  });

  it("keeps each entry in the isolate too, with caches.default behind it", async () => {
    const { itemId } = await createItem({ name: `副本商品 ${crypto.randomUUID().slice(0, 6)}` });
    const path = `/items/${itemId}`;
    const first = await get(path);
    expect(cacheState(first)).toBe("miss");
    const body = await first.text();
    const key = cacheKeyOf(
      new Request(`${BASE}${path}`),
      "zh-CN",
      env.TURSO_DATABASE_URL,
      await cachedPageVersion(db()),
    );
    expect(await edgeHas(key), key).toBe(true);
    // caches.default forgets it: the isolate's copy still answers, the same page
    await renameQuietly(itemId, "悄悄改的名字");
    expect(await (caches as unknown as { default: Cache }).default.delete(key)).toBe(true);
    const fromCopy = await get(path);
    expect(cacheState(fromCopy)).toBe("hit");
    expect(await fromCopy.text()).toBe(body);
    expect(fromCopy.headers.get("Cache-Control")).toBe("no-store");
    // neither has it: rendered afresh (the quiet rename shows), kept again in both
    forgetIsolateEntries();
    const fresh = await get(path);
    expect(cacheState(fresh)).toBe("miss");
    expect(await fresh.text()).toContain("悄悄改的名字");
    // another isolate's entry (only caches.default has it) answers, and is copied in
    expect(await edgeHas(key)).toBe(true);
    forgetIsolateEntries();
    expect(entryCount()).toBe(0);
    const fromEdge = await get(path);
    expect(cacheState(fromEdge)).toBe("hit");
    expect(await fromEdge.text()).toContain("悄悄改的名字");
    expect(fromEdge.headers.get("X-Guest-Cache-Until")).toBeNull(); // the entry's own markers stay inside
    expect(entryCount()).toBe(1);
  });
});
