// Issue 11, locales, through the real Worker: which language a request gets (the `lang` cookie beats
// Accept-Language, q-values decide among ranges, anything we do not have falls back to zh-CN), the switch
// (GET /lang sets the cookie and returns to the page), answers that vary by it, and the texts that follow it:
// pages and <html lang>, a refused redemption, the console, the API's JSON message and zod's own messages.
import { describe, expect, it } from "vitest";
import { call, earn, newRef, newUid, putMember } from "../api/test-client";
import { login as adminLogin, OWNER } from "../admin/test-admin";
import { withLocale } from "../../views/i18n";
import { parseQuestions, questionsText } from "../admin/tasks/task-form";
import { localeOfAcceptLanguage, pickLocale } from "../middleware/locale";
import { errorCodeIn, get, HX, login, post, redeemForm } from "../shop/test-session";

const LATTE = 1; // coupon, 300 积分

const htmlLang = (html: string) => /<html lang="([^"]+)"/.exec(html)?.[1];

async function home(headers: Record<string, string>) {
  const res = await get("/", undefined, headers);
  expect(res.status).toBe(200);
  return { res, html: await res.text() };
}

describe("choosing the locale", () => {
  it("follows Accept-Language: English, 繁體 for zh-TW / zh-HK / zh-Hant, 简体 for zh / zh-CN", async () => {
    const en = await home({ "Accept-Language": "en-US,en;q=0.9" });
    expect(htmlLang(en.html)).toBe("en");
    expect(en.html).toContain("Rewards");
    expect(en.html).not.toContain("积分好礼");
    for (const tag of ["zh-TW", "zh-HK", "zh-Hant-TW"]) {
      const { html } = await home({ "Accept-Language": tag });
      expect(htmlLang(html), tag).toBe("zh-Hant");
      expect(html).toContain("積分好禮");
    }
    const zh = await home({ "Accept-Language": "zh" });
    expect(htmlLang(zh.html)).toBe("zh-CN");
    expect(zh.html).toContain("积分好礼");
  });

  it("weighs q-values: the highest we have wins, q=0 never does", async () => {
    expect(htmlLang((await home({ "Accept-Language": "en;q=0.5, zh-TW;q=0.9" })).html)).toBe("zh-Hant");
    expect(htmlLang((await home({ "Accept-Language": "fr-FR, de;q=0.9, en;q=0.3" })).html)).toBe("en");
    expect(htmlLang((await home({ "Accept-Language": "en;q=0, zh-HK;q=0.1" })).html)).toBe("zh-Hant");
    expect(localeOfAcceptLanguage("zh-CN;q=0.8, en-GB;q=0.8")).toBe("zh-CN"); // a tie: the order given
    expect(localeOfAcceptLanguage("*")).toBeNull();
  });

  it("falls back to zh-CN for a language we do not have, no header, or a cookie of no locale", async () => {
    expect(htmlLang((await home({ "Accept-Language": "fr-FR, ja;q=0.8" })).html)).toBe("zh-CN");
    expect(htmlLang((await home({})).html)).toBe("zh-CN");
    expect(htmlLang((await home({ Cookie: "lang=xx", "Accept-Language": "fr" })).html)).toBe("zh-CN");
    // a broken cookie is ignored, not obeyed: Accept-Language still counts
    expect(htmlLang((await home({ Cookie: "lang=klingon", "Accept-Language": "en" })).html)).toBe("en");
    expect(pickLocale(undefined, null, "en")).toBe("en"); // the merchant's default (MALL_DEFAULT_LOCALE)
    expect(pickLocale(undefined, null, "nonsense")).toBe("zh-CN");
  });

  it("the `lang` cookie beats Accept-Language", async () => {
    const { html } = await home({ Cookie: "lang=zh-Hant", "Accept-Language": "en-US,en;q=0.9" });
    expect(htmlLang(html)).toBe("zh-Hant");
    expect(html).toContain("積分好禮");
    expect(htmlLang((await home({ Cookie: "lang=en", "Accept-Language": "zh-CN" })).html)).toBe("en");
  });

  it("says the answer varies by Accept-Language and Cookie (pages, fragments, the API)", async () => {
    const { res } = await home({ "Accept-Language": "en" });
    const vary = (res.headers.get("Vary") ?? "").split(",").map((v) => v.trim());
    expect(vary).toEqual(expect.arrayContaining(["Accept-Language", "Cookie", "HX-Request"]));
    const fragment = await get("/?q=x", undefined, { ...HX, "Accept-Language": "en" });
    expect(fragment.headers.get("Vary")).toContain("Accept-Language");
    expect((await call("GET", "/api/v1/members/nobody-here")).headers.get("Vary")).toContain("Accept-Language");
  });
});

describe("the language switch", () => {
  it("every page's footer links each language back to the same page, the current one unlinked", async () => {
    const html = await (await get(`/items/${LATTE}`, undefined, { "Accept-Language": "en" })).text();
    const nav = /<nav class="lang-switch"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? "";
    expect(nav).toContain('aria-label="Language"');
    expect(nav).toContain(`href="/lang?to=zh-CN&amp;back=%2Fitems%2F${LATTE}"`);
    expect(nav).toContain(`href="/lang?to=zh-Hant&amp;back=%2Fitems%2F${LATTE}"`);
    expect(nav).toMatch(/<span[^>]*lang="en"[^>]*aria-current="true"[^>]*>English<\/span>/);
  });

  it("GET /lang sets the cookie for a year and returns to the page; the next page speaks it", async () => {
    const res = await get("/lang?to=en&back=%2Fitems%2F1%3Fq%3D1", undefined, { "Accept-Language": "zh-CN" });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/items/1?q=1");
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("lang="))!;
    expect(cookie).toMatch(/^lang=en; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax/);
    const page = await (await get("/items/1", "lang=en", { "Accept-Language": "zh-CN" })).text();
    expect(htmlLang(page)).toBe("en");
    expect(page).toContain("Log in to check in and redeem");
    // without back: the home page
    expect((await get("/lang?to=zh-Hant")).headers.get("Location")).toBe("/");
  });

  it("refuses a language we do not have or a way back off the site, with 400 and no cookie", async () => {
    for (const q of [
      "to=fr",
      "to=",
      "to=en&back=%2F%2Fevil.example",
      "to=en&back=https%3A%2F%2Fevil.example%2F",
      "to=en&back=%2F%5Cevil",
    ]) {
      const res = await get(`/lang?${q}`, undefined, { "Accept-Language": "en" });
      expect(res.status, q).toBe(400);
      expect(
        res.headers.getSetCookie().some((c) => c.startsWith("lang=")),
        q,
      ).toBe(false);
    }
  });
});

describe("texts in the request's language", () => {
  it("a refused redemption says why in English", async () => {
    const m = await login(); // 50 points, the latte costs 300
    const en = { "Accept-Language": "en" };
    const { key, csrf } = await redeemForm(`${m.cookie}; lang=en`, LATTE);
    const res = await post(`/items/${LATTE}/redeem`, m.cookie, { _csrf: csrf, key }, { ...HX, ...en });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(errorCodeIn(html)).toBe("INSUFFICIENT_POINTS");
    expect(html).toContain("Not enough points: you have 50 points, 300 needed");
    expect(html).not.toMatch(/积分/);
    // and in 繁體 through the cookie, whatever the browser says
    const again = await redeemForm(m.cookie, LATTE);
    const hant = await post(
      `/items/${LATTE}/redeem`,
      `${m.cookie}; lang=zh-Hant`,
      { _csrf: again.csrf, key: again.key },
      { ...HX, ...en },
    );
    expect(await hant.text()).toContain("積分不足：目前 50 積分，需要 300 積分");
  });

  it("the console speaks English: nav, page and <html lang>", async () => {
    const cookie = await adminLogin(OWNER.email, OWNER.password);
    const res = await get("/admin/items", cookie, { "Accept-Language": "en-GB,en;q=0.9" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(htmlLang(html)).toBe("en");
    expect(html).toContain("<title>Items - Points Mall Console</title>");
    expect(html).toMatch(/<a class="anav__link" href="\/admin\/orders"[^>]*>Orders<\/a>/);
    expect(html).toContain(`Signed in as ${OWNER.email} (Owner)`);
    expect(html).toContain('class="lang-switch"');
    expect(html).not.toContain("商品管理");
  });

  it("the newer member pages speak the cookie's language: task centre, redeem codes, invitations", async () => {
    const m = await login();
    const pages: [string, string, string][] = [
      ["/tasks", "Task centre", "任务中心"],
      ["/codes", "Redeem a code", "兑换码"],
      ["/invite", "Invite friends", "邀请有礼"],
    ];
    for (const [path, en, zh] of pages) {
      const english = await (await get(path, `${m.cookie}; lang=en`)).text();
      expect(htmlLang(english), path).toBe("en");
      expect(english, path).toContain(en);
      expect(english, path).not.toContain(zh);
      expect(await (await get(path, m.cookie)).text(), path).toContain(zh);
    }
  });

  it("the console's survey lines are read with any language's prefix and written back in the console's", () => {
    const lines = "single: Colour?|Red|Blue\n多選：水果|蘋果|香蕉\n问答：建议";
    const parsed = parseQuestions(lines);
    expect(parsed).toEqual({
      ok: true,
      questions: [
        { kind: "single", text: "Colour?", options: ["Red", "Blue"] },
        { kind: "multi", text: "水果", options: ["蘋果", "香蕉"] },
        { kind: "text", text: "建议" },
      ],
    });
    const task = {
      questions: [
        { id: "q1", kind: "single" as const, text: "Colour?", options: ["Red", "Blue"] },
        { id: "q2", kind: "text" as const, text: "Why?", options: [] },
      ],
    };
    expect(withLocale("en", () => questionsText(task))).toBe("single: Colour?|Red|Blue\ntext: Why?");
    expect(withLocale("zh-Hant", () => questionsText(task))).toBe("單選：Colour?|Red|Blue\n問答：Why?");
    expect(questionsText(task)).toBe("单选：Colour?|Red|Blue\n问答：Why?");
    expect(withLocale("en", () => parseQuestions("选择：x"))).toEqual({
      ok: false,
      detail: "Line 1: Start with “single:”, “multi:” or “text:”",
    });
  });

  it("the API's JSON message and zod's messages follow Accept-Language; the code stays", async () => {
    const uid = newUid();
    expect((await putMember(uid, {})).status).toBe(201);
    const body = { ref: newRef(), reason: "purchase", points: -5, source: "purchase" };
    const en = await call("POST", `/api/v1/members/${uid}/points/earn`, body, { "Accept-Language": "en" });
    expect(en.status).toBe(422);
    expect(en.json.error.code).toBe("VALIDATION_FAILED");
    expect(en.json.error.message).toBe(
      "Some of the details are invalid; please check and try again: points: must be a positive integer",
    );
    const zh = await earn(uid, { ...body, ref: newRef() });
    expect(zh.json.error.message).toBe("填写的信息有误，请检查后重试: points: 须为正整数");
    // a check without a message of ours: zod's own English
    const unknown = await call("GET", `/api/v1/members/${uid}/ledger?limit=abc`, undefined, {
      "Accept-Language": "en",
    });
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.message).not.toMatch(/\p{Script=Han}/u);
  });

  it("the OpenAPI document describes the error codes in the asker's language, one cached copy per language", async () => {
    const en = await get("/api/v1/openapi.json", undefined, { "Accept-Language": "en" });
    const zh = await get("/api/v1/openapi.json", undefined, { "Accept-Language": "zh-CN" });
    const enText = await en.text();
    expect(enText).toContain("INSUFFICIENT_POINTS: Not enough points");
    expect(await zh.text()).toContain("INSUFFICIENT_POINTS: 积分不足");
    expect(await (await get("/api/v1/openapi.json", undefined, { "Accept-Language": "en" })).text()).toBe(enText);
    expect(en.headers.get("Vary")).toContain("Accept-Language");
  });
});
