// The sold-out refusal at the edge (redeem-sold-out.tsx) through the real route: once the stock object said
// SOLD_OUT, an htmx redemption is refused before the session's Turso read (shown by a session revoked in Turso
// behind the isolate's back: the edge does not read it, the full route does), each key keeps its single
// answer (recorded by the wallet: the same key is still refused once units are back; the winner's double tap
// replays its order), and what the edge cannot decide goes on to the full route (bad CSRF, a guest, no memo).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { memberSessionRevocations } from "../../db/schema";
import { forgetAllSessions } from "../identity/session-memo";
import { createItem, db, expectInvariants, settleAll } from "../redeem/test-support";
import { forgetSoldOut, knownSoldOut, rememberSoldOut } from "../redeem/sold-out-memo";
import { errorCodeIn, givePoints, HX, inputValue, login, orderIdIn, post, redeemForm } from "./test-session";

const sessionId = (cookie: string) =>
  (JSON.parse(decodeURIComponent(cookie.split("=")[1]!).replace(/\.[^.]*$/, "")) as { sid: string }).sid;

describe("the sold-out refusal at the edge", () => {
  it("refuses before the session read, keeps each key's answer, and leaves the rest to the full route", async () => {
    const { itemId } = await createItem({ stock: 1, points: 100, type: "virtual" });
    const [winner, late, revoked, spare] = await Promise.all([login(), login(), login(), login()]);
    await Promise.all([winner, late, revoked, spare].map((m) => givePoints(m.uid, 500)));
    const forms = await Promise.all([winner, late, revoked, spare].map((m) => redeemForm(m.cookie, itemId)));
    const [fw, fl, fr, fs] = forms;
    const tap = (m: { cookie: string }, f: { key: string; csrf: string }, headers: Record<string, string> = HX) =>
      post(`/items/${itemId}/redeem`, m.cookie, { _csrf: f.csrf, key: f.key, qty: "1" }, headers);

    const won = await tap(winner, fw!);
    expect(won.status).toBe(200);
    const orderId = orderIdIn(await won.text());
    expect(orderId).toBeTruthy();
    // the full route meets the stock object's SOLD_OUT and arms the memo
    const first = await tap(spare, fs!);
    expect(first.status).toBe(409);
    expect(errorCodeIn(await first.text())).toBe("SOLD_OUT");
    expect(knownSoldOut(itemId, 1, Date.now())).toBe(true);
    // The memo lasts a second; on a slow machine the steps below may take longer, so each edge step renews it
    // as another shopper's SOLD_OUT from the stock object would (0 units left, as the stock object just said).
    const renew = () => rememberSoldOut(itemId, 0, Date.now());

    // a session logged out in another isolate (its revocation only in Turso): the edge does not read it
    await db()
      .insert(memberSessionRevocations)
      .values({ sid: sessionId(revoked.cookie), expiresAt: Date.now() + 3600_000 });
    forgetAllSessions(); // this isolate's session memo lapsed (SESSION_MEMO_MS), so any session read meets Turso
    renew();
    const atEdge = await tap(revoked, fr!);
    expect(atEdge.status).toBe(409);
    const html = await atEdge.text();
    expect(errorCodeIn(html)).toBe("SOLD_OUT");
    expect(inputValue(html, "key")).toMatch(/^[0-9a-f-]{36}$/); // a fresh key, out of band
    // … the full route does (a whole page: never answered at the edge)
    expect((await tap(revoked, fr!, {})).status).toBe(401);

    // the winner's double tap: its order, not SOLD_OUT
    renew();
    const replay = await tap(winner, fw!);
    expect(replay.status).toBe(200);
    expect(orderIdIn(await replay.text())).toBe(orderId);
    renew();
    // a bad CSRF token and a guest go on to the full route's answers
    expect(
      (await post(`/items/${itemId}/redeem`, late.cookie, { _csrf: "0".repeat(40), key: fl!.key }, HX)).status,
    ).toBe(403);
    expect((await post(`/items/${itemId}/redeem`, undefined, { _csrf: fl!.csrf, key: fl!.key }, HX)).status).toBe(401);

    renew();
    // a new key at the edge: refused, and recorded as the key's answer by the wallet
    const refused = await tap(late, fl!);
    expect(refused.status).toBe(409);
    expect(errorCodeIn(await refused.text())).toBe("SOLD_OUT");
    // a unit comes back (the API's stock adjustment forgets the memo in this isolate)
    const res = await fetch_(`/api/v1/items/${itemId}/stock`, { ref: crypto.randomUUID(), delta: 1 });
    expect(res.status).toBe(200);
    expect(knownSoldOut(itemId, 1, Date.now())).toBe(false);
    const again = await tap(late, fl!);
    expect(again.status).toBe(409);
    expect(errorCodeIn(await again.text())).toBe("SOLD_OUT"); // the same key: the same answer
    const fresh = await redeemForm(late.cookie, itemId);
    const bought = await tap(late, fresh);
    expect(bought.status).toBe(200);
    expect(orderIdIn(await bought.text())).toBeTruthy();

    forgetSoldOut(itemId);
    const now = Date.now();
    const uids = [winner, late, revoked, spare].map((m) => m.uid);
    await settleAll([itemId], uids, now);
    await expectInvariants([itemId], uids, now);
  });
});

describe("the sold-out refusal answered before the middleware chain", () => {
  it("speaks the request's language, carries the chain's headers, and reuses its fragment with fresh keys", async () => {
    const { itemId } = await createItem({ stock: 0, points: 100, type: "virtual" });
    const [a, b] = await Promise.all([login(), login()]);
    await Promise.all([a, b].map((m) => givePoints(m.uid, 500)));
    const [fa, fb] = await Promise.all([a, b].map((m) => redeemForm(m.cookie, itemId)));
    // the full route meets the stock object's SOLD_OUT (0 units) and arms the memo
    const first = await post(`/items/${itemId}/redeem`, a.cookie, { _csrf: fa!.csrf, key: fa!.key }, HX);
    expect(errorCodeIn(await first.text())).toBe("SOLD_OUT");
    rememberSoldOut(itemId, 0, Date.now());
    const en = await post(
      `/items/${itemId}/redeem`,
      b.cookie,
      { _csrf: fb!.csrf, key: fb!.key, qty: "1" },
      { ...HX, "Accept-Language": "en-GB,en;q=0.8" },
    );
    expect(en.status).toBe(409);
    const enHtml = await en.text();
    expect(errorCodeIn(enHtml)).toBe("SOLD_OUT");
    expect(enHtml).toContain("Too late, this item is sold out");
    // what the chain would have set: security headers, a deny-all CSP, the Vary of language and htmx, no-store
    const h = en.headers;
    expect(h.get("X-Content-Type-Options")).toBe("nosniff");
    expect(h.get("X-Frame-Options")).toBe("DENY");
    expect(h.get("Content-Security-Policy")).toContain("default-src 'none'");
    expect(h.get("Cache-Control")).toBe("no-store");
    for (const v of ["HX-Request", "Accept-Language", "Cookie"]) expect(h.get("Vary")).toContain(v);
    expect(h.get("Content-Type")).toMatch(/^text\/html/);
    // nothing for the in-app-browser pass: no static URLs, no hx-push-url
    expect(enHtml).not.toMatch(/<(link|script|img)\b|hx-push-url/);
    // the same fragment again (the memo renewed as another shopper's SOLD_OUT would), in the default locale,
    // with a fresh key each time; a retry of the same key is the same refusal
    rememberSoldOut(itemId, 0, Date.now());
    const zh = await post(`/items/${itemId}/redeem`, b.cookie, { _csrf: fb!.csrf, key: fb!.key, qty: "1" }, HX);
    const zhHtml = await zh.text();
    expect(zh.status).toBe(409);
    expect(zhHtml).toContain("手慢了，商品已兑完");
    const k1 = inputValue(enHtml, "key");
    const k2 = inputValue(zhHtml, "key");
    expect(k1).toMatch(/^[0-9a-f-]{36}$/);
    expect(k2).toMatch(/^[0-9a-f-]{36}$/);
    expect(k1).not.toBe(k2);
    expect(k1).not.toBe("00000000-0000-4000-8000-000000000000");
    // a malformed qty goes on to the full route (its 400), nothing recorded at the edge
    rememberSoldOut(itemId, 0, Date.now());
    const bad = await post(`/items/${itemId}/redeem`, b.cookie, { _csrf: fb!.csrf, key: fb!.key, qty: "0" }, HX);
    expect(bad.status).toBe(400);
    forgetSoldOut(itemId);
    const now = Date.now();
    await settleAll([itemId], [a.uid, b.uid], now);
    await expectInvariants([itemId], [a.uid, b.uid], now);
  });
});

async function fetch_(path: string, body: unknown): Promise<Response> {
  const { SELF } = await import("cloudflare:test");
  return SELF.fetch(`http://mall.test${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${env.MERCHANT_API_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}
