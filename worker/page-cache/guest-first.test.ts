// The guest hit answered before the middleware chain (./guest-first.ts): through the real Worker (SELF) its
// answer is the chain's to the byte and header (a guest whose bad session cookie sends it through the chain is
// the comparison), page views and the new visitor's cookie included; and the middleware itself, in front of a
// route that says "chain", answers only the isolate's guest hits and lets everything else through.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { pageViews } from "../../db/schema";
import { VISITOR_COOKIE, visitorHash } from "../analytics/page-views";
import type { AppEnv } from "../app-env";
import { INVITE_COOKIE } from "../referrals/arrival";
import { createItem, db } from "../redeem/test-support";
import { invalidateSettings } from "../settings/load-settings";
import { BASE, get, HX } from "../shop/test-session";
import { CACHE_HEADER } from "./guest-cache";
import { guestFirst } from "./guest-first";
import { forgetIsolateEntries } from "./isolate-entries";

const cacheState = (res: Response) => res.headers.get(CACHE_HEADER);
/** A bad signature: readSession says guest, but only the chain can tell, so the chain answers. */
const FORGED = "pm_session=forged.signature";
const timeless = (html: string) => html.replace(/data-countdown-now="\d+"/g, "");
/** A response's headers, the visitor cookie's random id blanked. */
function headerList(res: Response): [string, string][] {
  const out: [string, string][] = [];
  res.headers.forEach((v, k) => {
    out.push([k, k === "set-cookie" ? v.replace(/pm_vid=[^;]+/, "pm_vid=…") : v]);
  });
  return out;
}

/** guestFirst in front of a route that answers "chain" (what the rest of the app would do). */
async function front(path: string, init: RequestInit = {}): Promise<Response> {
  const app = new Hono<AppEnv>();
  app.get("/items/:id", guestFirst(), (c) => c.text("chain"));
  app.get("/", guestFirst(), (c) => c.text("chain"));
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${BASE}${path}`, init), env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}
/** Whether guestFirst answered (a page), not the route behind it (text/plain; a HEAD has no body to tell). */
const answeredFirst = async (res: Response) => {
  await res.body?.cancel();
  return (res.headers.get("Content-Type") ?? "").startsWith("text/html");
};

describe("guest hit before the chain", () => {
  it("answers exactly as the chain does: body, status and every header", async () => {
    const now = Date.now();
    const { itemId } = await createItem({ saleStartsAt: now + 3_600_000, saleEndsAt: now + 7_200_000 });
    const path = `/items/${itemId}`;
    const miss = await get(path, `${VISITOR_COOKIE}=${"a".repeat(22)}`);
    expect(cacheState(miss)).toBe("miss");
    await miss.text();
    for (const [cookie, headers] of [
      [undefined, {}], // a new visitor: the visitor cookie is minted on both paths
      [`${VISITOR_COOKIE}=${"b".repeat(22)}`, {}],
      ["lang=en", {}],
      [undefined, { "Accept-Language": "zh-TW" }],
      [undefined, HX],
    ] as const) {
      await (await get(path, cookie, headers)).text(); // each locale and kind is an entry of its own
      const first = await get(path, cookie, headers);
      const chain = await get(path, cookie ? `${cookie}; ${FORGED}` : FORGED, headers);
      expect(first.status).toBe(200);
      expect(chain.status).toBe(200);
      expect(cacheState(first)).toBe("hit");
      expect(cacheState(chain)).toBe("hit");
      expect(headerList(first)).toEqual(headerList(chain));
      const html = await first.text();
      expect(timeless(html)).toBe(timeless(await chain.text()));
      expect(html).toMatch(/data-countdown-now="\d+"/);
    }
    const plain = await get(path);
    expect(plain.headers.get("Vary")).toContain("Accept-Language, Cookie");
    expect(plain.headers.get("X-Frame-Options")).toBe("DENY");
    expect(plain.headers.get("X-Static-Versioned")).toBeNull();
    expect(plain.headers.get("Cache-Control")).toBe("no-store");
    expect(plain.headers.get("Set-Cookie")).toMatch(/^pm_vid=[A-Za-z0-9_-]{22}; Max-Age=31536000; Path=\/; HttpOnly;/);
  });

  it("counts the page view of each hit it answers, not of a fragment", async () => {
    const { itemId } = await createItem();
    const path = `/items/${itemId}`;
    const vid = `f${crypto.randomUUID().replace(/-/g, "").slice(0, 21)}`;
    const cookie = `${VISITOR_COOKIE}=${vid}`;
    expect(cacheState(await get(path, cookie))).toBe("miss");
    for (let i = 0; i < 2; i++) {
      const res = await front(path, { headers: { Cookie: cookie } });
      expect(await answeredFirst(res)).toBe(true);
      expect(res.headers.get("Set-Cookie")).toBeNull(); // a known visitor
    }
    // a fragment's hit is answered first too, and is no page view
    expect(cacheState(await get(path, cookie, HX))).toBe("miss");
    expect(await answeredFirst(await front(path, { headers: { Cookie: cookie, ...HX } }))).toBe(true);
    const visitor = await visitorHash(env.SESSION_SECRET, vid);
    let n = 0;
    for (let i = 0; i < 100 && n < 3; i++) {
      const [row] = await db().all<{ n: number }>(
        sql`select count(*) as n from ${pageViews} where visitor = ${visitor} and path = ${path}`,
      );
      n = row!.n;
      if (n < 3) await new Promise((r) => setTimeout(r, 50));
    }
    expect(n).toBe(3);
    await new Promise((r) => setTimeout(r, 400)); // past another flush: no fourth row
    const [after] = await db().all<{ n: number }>(
      sql`select count(*) as n from ${pageViews} where visitor = ${visitor} and path = ${path}`,
    );
    expect(after!.n).toBe(3);
  });

  it("leaves to the chain a session cookie, HEAD, ?inv= and ?share=, an unread version and a missing entry", async () => {
    const { itemId } = await createItem();
    const path = `/items/${itemId}`;
    await (await get(path)).text();
    expect(await answeredFirst(await front(path))).toBe(true);
    expect(await answeredFirst(await front(path, { headers: { Cookie: FORGED } }))).toBe(false);
    expect(await answeredFirst(await front(path, { method: "HEAD" }))).toBe(false);
    expect(await answeredFirst(await front(`${path}?inv=ABCD2345`))).toBe(false);
    expect(await answeredFirst(await front(`${path}?share=x`))).toBe(false);
    expect(await answeredFirst(await front(`${path}?utm=1`))).toBe(false); // its own key: not held
    expect(await answeredFirst(await front(`/items/${itemId + 1_000_000}`))).toBe(false);
    // the invite is still remembered on a cached page (by the chain)
    const invited = await get(`${path}?inv=ABCD2345`);
    expect(invited.status).toBe(200);
    expect(invited.headers.get("Set-Cookie") ?? "").toContain(`${INVITE_COOKIE}=`);
    invalidateSettings(); // the version is read again by the chain before a hit is answered first
    expect(await answeredFirst(await front(path))).toBe(false);
    await (await get(path)).text();
    expect(await answeredFirst(await front(path))).toBe(true);
    forgetIsolateEntries();
    expect(await answeredFirst(await front(path))).toBe(false);
  });
});
