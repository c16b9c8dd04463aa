// A member's home page from the guest page cache (./member-header.tsx), through the real Worker (SELF),
// caches.default, Turso and the wallet objects: each member gets the cached guest page with their own header
// (balance, tier, check-in token) and nobody else's; a spend shows at once; a member's miss stores the guest's
// page, never theirs; the listing fragments are the guests' entries; item pages are never served this way.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { members } from "../../db/schema";
import { deduct, newRef } from "../api/test-client";
import { createItem, db } from "../redeem/test-support";
import { balanceOf, get, givePoints, HX, inputValue, login, post } from "../shop/test-session";
import { forgetAllSessions } from "../identity/session-memo";
import { CACHE_HEADER } from "./guest-cache";

const cacheState = (res: Response) => res.headers.get(CACHE_HEADER);
/** The header's member area (Layout's .bar__extra) of a page. */
const header = (html: string) => /<div class="bar__extra">([\s\S]*?)<\/div><\/header>/.exec(html)?.[1] ?? "";
const badge = (html: string) => /id="balance-badge"[^>]*>([\s\S]*?)<\/a>/.exec(html)?.[1] ?? "";
const shown = (n: number) => `${n} 积分`;
/** A page without its header's member area and its serving time (countdowns count from it). */
const rest = (html: string) => html.replace(header(html), "").replace(/data-countdown-now="\d+"/g, "");

/** A page version of its own, so the first request of a test is a miss. */
async function freshVersion() {
  const { itemId } = await createItem();
  return itemId;
}

describe("member home from the guest page cache", () => {
  it("gives each member the cached page with their own header, and never another member's", async () => {
    await freshVersion();
    const a = await login();
    const b = await login();
    const aBalance = await givePoints(a.uid, 1_111);
    const bBalance = await givePoints(b.uid, 7_777);
    expect(aBalance).not.toBe(bBalance);

    const guest = await get("/");
    expect(cacheState(guest)).toBe("miss");
    const guestHtml = await guest.text();
    expect(guestHtml).not.toContain(`id="balance-badge"`);

    const pageA = await get("/", a.cookie);
    const pageB = await get("/", b.cookie);
    expect(pageA.status).toBe(200);
    expect(cacheState(pageA)).toBe("member-hit");
    expect(cacheState(pageB)).toBe("member-hit");
    expect(pageA.headers.get("Cache-Control")).toBe("no-store");
    const htmlA = await pageA.text();
    const htmlB = await pageB.text();
    expect(badge(htmlA)).toContain(shown(aBalance));
    expect(badge(htmlB)).toContain(shown(bBalance));
    expect(htmlA).not.toContain(shown(bBalance));
    expect(htmlB).not.toContain(shown(aBalance));
    // each check-in form carries its own member's token
    const csrfA = inputValue(header(htmlA), "_csrf");
    const csrfB = inputValue(header(htmlB), "_csrf");
    expect(csrfA).toMatch(/^[0-9a-f]{40}$/);
    expect(csrfB).toMatch(/^[0-9a-f]{40}$/);
    expect(csrfA).not.toBe(csrfB);
    expect(htmlB).not.toContain(csrfA!);
    // the rest of the page is the guests' page, byte for byte, and the login link is gone
    expect(rest(htmlA)).toBe(rest(guestHtml));
    expect(header(htmlA)).not.toContain(`href="/login"`);

    // and the guests' entry is still the guests'
    const again = await get("/");
    expect(cacheState(again)).toBe("hit");
    const againHtml = await again.text();
    expect(againHtml).not.toContain(`id="balance-badge"`);
    expect(againHtml).not.toContain(csrfA!);
  });

  it("shows the balance fresh after a spend (the header is the wallet's, not the cache's)", async () => {
    await freshVersion();
    const m = await login();
    const before = await givePoints(m.uid, 900);
    const first = await get("/", m.cookie);
    expect(badge(await first.text())).toContain(shown(before));
    const spent = await deduct(m.uid, { ref: newRef(), points: 300, reason: "测试扣减" });
    expect(spent.status, JSON.stringify(spent.json)).toBe(200);
    const after = await get("/", m.cookie);
    expect(cacheState(after)).toBe("member-hit");
    const html = await after.text();
    expect(badge(html)).toContain(shown(before - 300));
    expect(await balanceOf(m.uid)).toBe(before - 300);
  });

  it("a member's miss stores the guest page, not theirs", async () => {
    await freshVersion();
    const m = await login();
    const balance = await givePoints(m.uid, 4_321);
    const first = await get("/", m.cookie);
    expect(cacheState(first)).toBe("member-miss");
    const html = await first.text();
    expect(badge(html)).toContain(shown(balance));
    const csrf = inputValue(header(html), "_csrf")!;
    const guest = await get("/");
    expect(cacheState(guest)).toBe("hit");
    const guestHtml = await guest.text();
    expect(guestHtml).not.toContain(`id="balance-badge"`);
    expect(guestHtml).not.toContain(csrf);
    expect(guestHtml).not.toContain(shown(balance));
    expect(header(guestHtml)).toContain(`href="/login"`);
  });

  it("a blocked member's header says so (the flag read with the session)", async () => {
    await freshVersion();
    const m = await login();
    await db().update(members).set({ blocked: true }).where(eq(members.uid, m.uid));
    const html = await (await get("/", m.cookie)).text();
    expect(header(html)).toContain("data-member-blocked");
    // Written behind the routes' back, as another isolate would: this isolate keeps what it read for up to
    // SESSION_MEMO_MS (worker/identity/session-memo.ts), then reads again.
    await db().update(members).set({ blocked: false }).where(eq(members.uid, m.uid));
    expect(header(await (await get("/", m.cookie)).text())).toContain("data-member-blocked");
    forgetAllSessions();
    expect(header(await (await get("/", m.cookie)).text())).not.toContain("data-member-blocked");
  });

  it("a signed-out session gets the guest page again", async () => {
    await freshVersion();
    const m = await login();
    expect(header(await (await get("/", m.cookie)).text())).toContain(`id="balance-badge"`);
    const html = await (await get("/", m.cookie)).text();
    const csrf = inputValue(header(html), "_csrf")!;
    const logout = await post("/logout", m.cookie, { _csrf: csrf });
    expect(logout.status).toBe(303);
    const after = await get("/", m.cookie);
    expect(cacheState(after)).toBe("hit");
    expect(await after.text()).not.toContain(`id="balance-badge"`);
  });

  it("members get the listing fragments from the guests' entries, and item pages never from the cache", async () => {
    const q = `搜${crypto.randomUUID().slice(0, 4)}`;
    const { itemId } = await createItem({ name: `${q} 会员` });
    const path = `/?q=${encodeURIComponent(q)}`;
    const m = await login();
    const guestFragment = await get(path, undefined, HX);
    expect(cacheState(guestFragment)).toBe("miss");
    const memberFragment = await get(path, m.cookie, HX);
    expect(cacheState(memberFragment)).toBe("hit");
    const text = await memberFragment.text();
    expect(text).toBe(await guestFragment.text());
    expect(text).toContain(`/items/${itemId}`);

    expect(cacheState(await get(`/items/${itemId}`))).toBe("miss");
    const item = await get(`/items/${itemId}`, m.cookie);
    expect(cacheState(item)).toBeNull();
    expect(await item.text()).toContain(`id="balance-badge"`);
  });
});
