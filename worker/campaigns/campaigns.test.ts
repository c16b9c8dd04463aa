// The member's side of campaigns through the real Worker: 补签 posted from the calendar (htmx and without JS),
// its refusals with their codes, the streak restored and the calendar showing made-up days; 我的生日 set once;
// PUT /api/v1/members/{uid}/birthday. The make-up rules at fixed instants (limits, caps, the streak table) are
// in worker/wallet/makeup.test.ts; here the clock is the real one, so the tests that need missed days before
// today in this month say which day of the month they need.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { call } from "../api/test-client";
import { loadSettings, walletRules } from "../settings/load-settings";
import { csrfOf, get, HX, login, post } from "../shop/test-session";
import { addDays, localDate } from "../wallet/local-time";
import { walletFor } from "../wallet/wallet-stub";

const db = () => getDb(env.TURSO_DATABASE_URL);
const rules = async () => walletRules(await loadSettings(db()));

async function today(): Promise<string> {
  return localDate(Date.now(), (await rules()).timeZone);
}
const dayOf = (date: string) => Number(date.slice(8, 10));

async function balanceOf(uid: string): Promise<number> {
  return (await walletFor(env, uid).summary({ uid, now: Date.now(), rules: await rules() })).balance;
}

const makeup = (cookie: string, csrf: string, date: string, headers: Record<string, string> = HX) =>
  post("/checkin/makeup", cookie, { _csrf: csrf, date }, headers);

const TODAY = localDate(Date.now(), "Asia/Shanghai");

describe("补签 POST /checkin/makeup", () => {
  it("refuses today, the future and another month with their codes, and writes nothing", async () => {
    const { uid, cookie } = await login();
    const csrf = await csrfOf(cookie);
    const d = await today();
    const cases: [string, number, string][] = [
      [d, 409, "请直接签到"], // MAKEUP_NOT_MISSED: today is checked in, not made up
      [addDays(d, 1), 422, "还没到"], // MAKEUP_FUTURE
      [addDays(`${d.slice(0, 7)}-01`, -1), 422, "只能补签本月"], // MAKEUP_NOT_THIS_MONTH
    ];
    for (const [date, status, text] of cases) {
      const res = await makeup(cookie, csrf, date);
      expect(res.status, date).toBe(status);
      expect(await res.text(), date).toContain(text);
    }
    for (const bad of ["2026-02-30", "12-01", "", "2026-1-01"]) {
      expect((await makeup(cookie, csrf, bad)).status, bad).toBe(422);
    }
    expect((await makeup(cookie, "0".repeat(40), addDays(d, -1))).status).toBe(403); // CSRF
    expect(await balanceOf(uid)).toBe(50);
    const ledger = await walletFor(env, uid).ledger({ limit: 10 });
    expect(ledger.entries.map((e) => e.source)).toEqual(["signup_bonus"]);
  });

  it.runIf(dayOf(TODAY) >= 4)(
    "restores the streak from the calendar, shows made-up days, stops at the month's allowance",
    async () => {
      const { uid, cookie } = await login();
      const csrf = await csrfOf(cookie);
      const d = await today();
      expect((await post("/checkin", cookie, { _csrf: csrf }, HX)).status).toBe(200); // today: day 1, +5

      // The calendar on 我的积分 offers every missed day before today as a make-up form.
      const page = await (await get("/me/points", cookie)).text();
      expect(page).toContain('action="/checkin/makeup"');
      expect(page).toContain(`name="date" value="${addDays(d, -1)}"`);
      expect(page).toContain("本月还可补签 2 次");

      // Yesterday: day 1 of a run that today continues (today becomes day 2).
      const first = await makeup(cookie, csrf, addDays(d, -1));
      expect(first.status).toBe(200);
      const html = await first.text();
      expect(html).not.toContain("<html");
      expect(html).toContain('id="cal"');
      expect(html).toContain("+5 积分（消耗 20 积分）");
      expect(html).toContain("已连续签到 2 天");
      expect(html).toMatch(/id="balance-badge"[^>]*hx-swap-oob="true"[^>]*>.*40 积分/s);
      expect(html).toContain(`${Number(addDays(d, -1).slice(5, 7))}月${dayOf(addDays(d, -1))}日 已补签`);

      // A double tap of the same day answers the first result and charges nothing more.
      const again = await makeup(cookie, csrf, addDays(d, -1));
      expect(again.status).toBe(200);
      expect(await balanceOf(uid)).toBe(40);

      // The day before: the run is now three days (the streak table's 5, 8, 10 for today's run stays as paid).
      const second = await makeup(cookie, csrf, addDays(d, -2), {}); // without JS: the page
      expect(second.status).toBe(200);
      const secondHtml = await second.text();
      expect(secondHtml).toContain("<html");
      expect(secondHtml).toContain("已连续签到 3 天");
      expect(secondHtml).toContain("本月补签次数已用完");
      expect(secondHtml).not.toContain('action="/checkin/makeup"');
      expect(await balanceOf(uid)).toBe(25);

      const third = await makeup(cookie, csrf, addDays(d, -3));
      expect(third.status).toBe(409);
      expect(await third.text()).toContain("本月补签次数已用完（每月 2 次）");
      expect(await balanceOf(uid)).toBe(25);

      const s = await walletFor(env, uid).summary({ uid, now: Date.now(), rules: await rules() });
      expect(s.checkin).toMatchObject({ streak: 3, madeUpDates: [addDays(d, -2), addDays(d, -1)].sort() });
      const ledger = await walletFor(env, uid).ledger({ limit: 20 });
      expect(ledger.entries.filter((e) => e.source === "makeup").map((e) => e.amount)).toEqual([-20, -20]);
    },
  );

  it.runIf(dayOf(TODAY) >= 2)("refuses a member short of points (INSUFFICIENT_POINTS), nothing spent", async () => {
    const { uid, cookie } = await login();
    const csrf = await csrfOf(cookie);
    const r = await rules();
    const cut = await walletFor(env, uid).deduct({
      uid,
      ref: `cut-${uid}`,
      reason: "测试",
      points: 45,
      now: Date.now(),
      rules: r,
    });
    expect(cut.ok).toBe(true);
    const res = await makeup(cookie, csrf, addDays(await today(), -1));
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("积分不足：补签需 20 积分，当前 5");
    expect(await balanceOf(uid)).toBe(5);
  });

  it("a guest is told to log in (401) and nothing happens", async () => {
    const res = await post("/checkin/makeup", undefined, { date: addDays(await today(), -1) }, HX);
    expect(res.status).toBe(401);
  });
});

describe("我的生日 /me/birthday", () => {
  it("is set once by the member (the year optional), then read-only", async () => {
    const { uid, cookie } = await login();
    const page = await (await get("/me/birthday", cookie)).text();
    expect(page).toContain('action="/me/birthday"');
    expect(page).toContain("生日当天消费可获得 2 倍积分");
    const csrf = await csrfOf(cookie);

    const bad = await post("/me/birthday", cookie, { _csrf: csrf, month: "2", day: "30", year: "" }, HX);
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("生日须为");
    expect((await post("/me/birthday", cookie, { _csrf: csrf, month: "13", day: "1" }, HX)).status).toBe(422);
    expect((await post("/me/birthday", cookie, { _csrf: csrf, month: "5", day: "1", year: "99" }, HX)).status).toBe(
      422,
    );

    const ok = await post("/me/birthday", cookie, { _csrf: csrf, month: "5", day: "10", year: "" }, HX);
    expect(ok.status).toBe(200);
    const html = await ok.text();
    expect(html).toContain("生日已保存：5月10日");
    expect(html).not.toContain("<form");
    const s = await walletFor(env, uid).summary({ uid, now: Date.now(), rules: await rules() });
    expect(s.birthday).toBe("05-10");

    const twice = await post("/me/birthday", cookie, { _csrf: csrf, month: "6", day: "1", year: "1990" });
    expect(twice.status).toBe(409);
    const twiceHtml = await twice.text();
    expect(twiceHtml).toContain("你的生日：5月10日");
    expect(twiceHtml).toContain("不能再修改");
    expect((await get("/me/birthday", cookie).then((r) => r.text())).includes('action="/me/birthday"')).toBe(false);
  });
});

describe("PUT /api/v1/members/{uid}/birthday", () => {
  it("sets and corrects a member's birthday (MM-DD or YYYY-MM-DD); bad dates and unknown members are refused", async () => {
    const { uid, cookie } = await login();
    const csrf = await csrfOf(cookie);
    await post("/me/birthday", cookie, { _csrf: csrf, month: "3", day: "8", year: "1991" }, HX);

    const put = (body: unknown) => call("PUT", `/api/v1/members/${uid}/birthday`, body);
    expect(await put({ birthday: "1991-03-09" })).toMatchObject({
      status: 200,
      json: { uid, birthday: "1991-03-09", changed: true },
    });
    expect(await put({ birthday: "1991-03-09" })).toMatchObject({ status: 200, json: { changed: false } });
    expect(await put({ ref: "bd-1", birthday: "02-29" })).toMatchObject({ status: 200, json: { birthday: "02-29" } });
    expect(await put({ ref: "bd-1", birthday: "02-28" })).toMatchObject({
      status: 422,
      json: { error: { code: "REF_REUSED" } },
    });
    for (const bad of ["1991-02-29", "02-30", "1899-12-31", "3-8", "2999-01-01"]) {
      const r = await put({ birthday: bad });
      expect(r.status, bad).toBe(422);
      expect(["INVALID_BIRTHDAY", "VALIDATION_FAILED"], bad).toContain(r.json.error.code);
    }
    expect((await put({ birthday: "03-08", extra: 1 })).status).toBe(422);
    expect(
      (await call("PUT", `/api/v1/members/nobody-${crypto.randomUUID()}/birthday`, { birthday: "03-08" })).status,
    ).toBe(404);
    const s = await walletFor(env, uid).summary({ uid, now: Date.now(), rules: await rules() });
    expect(s.birthday).toBe("02-29");
    expect(await get("/me/birthday", cookie).then((r) => r.text())).toContain("你的生日：2月29日");
  });
});
