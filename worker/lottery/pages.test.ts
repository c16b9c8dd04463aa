// /lottery/{id} and POST /lottery/{id}/draw through the real Worker with a real member session: the page (wheel,
// 概率公示, form), a draw without JS (the whole page, the wheel turned to the prize) and with htmx (the stage,
// the balance out of band), a double tap answered alike, the limit, CSRF, guests, and the home page's link.
import { describe, expect, it } from "vitest";
import { call, newRef } from "../api/test-client";
import { mallRules } from "../redeem/test-support";
import { csrfOf, get, HX, inputValue, login, post } from "../shop/test-session";
import { walletFor } from "../wallet/wallet-stub";
import { env } from "cloudflare:workers";
import { stopAngle } from "../../views/lottery/wheel";
import { lotteryFor } from "./lottery-stub";

async function newLotteryViaApi(over: Record<string, unknown> = {}) {
  const r = await call("POST", "/api/v1/lotteries", {
    ref: newRef("page"),
    name: "页面测试转盘",
    kind: "wheel",
    costPoints: 10,
    dailyLimit: 2,
    prizes: [
      { name: "30 积分", kind: "points", points: 30, weight: 1 },
      { name: "谢谢参与", kind: "none", weight: 1 },
    ],
    ...over,
  });
  expect(r.status).toBe(201);
  return r.json.id as string;
}

async function give(uid: string, points: number) {
  const r = await walletFor(env, uid).earn({
    uid,
    ref: `seed-${crypto.randomUUID()}`,
    reason: "测试",
    source: "purchase",
    points,
    now: Date.now(),
    rules: await mallRules(),
  });
  expect(r.ok).toBe(true);
}

const balance = async (uid: string) =>
  (await walletFor(env, uid).summary({ uid, now: Date.now(), rules: await mallRules() })).balance;

describe("lottery pages", () => {
  it("renders the wheel, the odds and the form; a draw without JS answers the page with the wheel on the prize", async () => {
    const id = await newLotteryViaApi();
    const m = await login();
    await give(m.uid, 100);
    const before = await balance(m.uid);
    const page = await get(`/lottery/${id}`, m.cookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("概率公示");
    expect(html).toMatch(/data-prize-id="p1" data-odds="0.5"/);
    expect(html).toContain('class="wheel"');
    const key = inputValue(html, "key")!;
    const csrf = inputValue(html, "_csrf")!;
    const res = await post(`/lottery/${id}/draw`, m.cookie, { key, _csrf: csrf });
    expect(res.status).toBe(200);
    const out = await res.text();
    const prizeId = /data-result="(?:won|none)" data-prize-id="(p\d)"/.exec(out)?.[1];
    expect(prizeId).toBeDefined();
    const angle = stopAngle(prizeId === "p1" ? 0 : 1, 2);
    expect(out).toContain(`data-stop-angle="${angle}"`);
    expect(out).toContain(`<animateTransform`);
    const after = await balance(m.uid);
    expect(after).toBe(before - 10 + (prizeId === "p1" ? 30 : 0));

    // A double tap of the same form: the same draw, nothing spent again.
    const again = await post(`/lottery/${id}/draw`, m.cookie, { key, _csrf: csrf }, HX);
    expect(again.status).toBe(200);
    const frag = await again.text();
    expect(frag).toContain(`data-prize-id="${prizeId}"`);
    expect(frag).toContain('id="balance-badge"');
    expect(frag).toContain('hx-swap-oob="true"');
    expect(await balance(m.uid)).toBe(after);

    // The second draw of the day, then the daily limit (2): refused with its code, nothing spent.
    const k2 = inputValue(frag, "key")!;
    expect(k2).not.toBe(key);
    expect((await post(`/lottery/${id}/draw`, m.cookie, { key: k2, _csrf: csrf }, HX)).status).toBe(200);
    const mid = await balance(m.uid);
    const third = await post(`/lottery/${id}/draw`, m.cookie, { key: crypto.randomUUID(), _csrf: csrf }, HX);
    expect(third.status).toBe(409);
    expect(await third.text()).toContain('data-error-code="DRAW_DAILY_LIMIT"');
    expect(await balance(m.uid)).toBe(mid);
    const limited = await (await get(`/lottery/${id}`, m.cookie)).text();
    expect(limited).toMatch(/<button[^>]*disabled[^>]*data-draw-button/);
  });

  it("refuses a guest, a bad CSRF token and a key that is not a UUID; too few points is a 409 and spends nothing", async () => {
    const id = await newLotteryViaApi({ costPoints: 100_000 });
    expect((await post(`/lottery/${id}/draw`, undefined, { key: crypto.randomUUID() }, HX)).status).toBe(401);
    const guestPage = await (await get(`/lottery/${id}`)).text();
    expect(guestPage).toContain("概率公示");
    const m = await login();
    const csrf = await csrfOf(m.cookie);
    expect((await post(`/lottery/${id}/draw`, m.cookie, { key: crypto.randomUUID(), _csrf: "x" })).status).toBe(403);
    expect((await post(`/lottery/${id}/draw`, m.cookie, { key: "signup_bonus", _csrf: csrf })).status).toBe(422);
    const b = await balance(m.uid);
    const poor = await post(`/lottery/${id}/draw`, m.cookie, { key: crypto.randomUUID(), _csrf: csrf });
    expect(poor.status).toBe(409);
    expect(await poor.text()).toContain('data-error-code="INSUFFICIENT_POINTS"');
    expect(await balance(m.uid)).toBe(b);
    expect((await get("/lottery/L000000000000")).status).toBe(404);
  });

  it("刮刮卡: the card holds the server's prize under a foil (a closed <details>), its script loads, the result waits for it", async () => {
    const id = await newLotteryViaApi({ kind: "scratch", name: "页面刮刮卡" });
    const m = await login();
    await give(m.uid, 100);
    const html = await (await get(`/lottery/${id}`, m.cookie)).text();
    expect(html).toContain("data-scratch-idle>");
    expect(html).toContain('<script src="/js/scratch.js');
    expect(html).toMatch(/<button[^>]*data-draw-button[^>]*>刮一张 · 每次 10 积分</);
    const res = await post(`/lottery/${id}/draw`, m.cookie, {
      key: inputValue(html, "key")!,
      _csrf: inputValue(html, "_csrf")!,
    });
    expect(res.status).toBe(200);
    const out = await res.text();
    const card = /<details class="scratch" data-scratch data-prize-id="(p\d)">/.exec(out);
    expect(card).not.toBeNull(); // closed: no open attribute
    const result = /data-result="(?:won|none)" data-prize-id="(p\d)"/.exec(out)?.[1];
    expect(result).toBe(card![1]);
    expect(out).toContain("lottery__result--after-scratch");
    const draw = (await lotteryFor(env, id).draws({ limit: 1, uid: m.uid })).draws[0]!;
    expect(draw.prize?.id).toBe(result);
    expect(out).toContain(`data-scratch-prize>${draw.prize!.name}<`);
    expect(out).toMatch(/data-draw-button[^>]*>再刮一张</);
  });

  it("the home page links a live lottery, not one that has ended", async () => {
    const live = await newLotteryViaApi({ name: "首页可见转盘" });
    const ended = await newLotteryViaApi({
      name: "已结束转盘",
      startsAt: "2020-01-01T00:00:00Z",
      endsAt: "2020-02-01T00:00:00Z",
    });
    const home = await (await get("/")).text();
    const links = [...home.matchAll(/data-lottery-id="(L[0-9a-f]{12})"/g)].map((x) => x[1]);
    expect(links).not.toContain(ended);
    // The strip shows the newest three live ones; this one is the newest but for concurrent tests.
    if (links.length < 3) expect(links).toContain(live);
  });
});
