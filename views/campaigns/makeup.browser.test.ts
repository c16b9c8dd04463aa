// 补签 in Chromium against the real stack: a member opens 我的积分, taps a missed day on the check-in calendar —
// the calendar swaps in place with the result, the day shows as made up, the balance badge follows — and
// without JavaScript the same form posts and answers the page. Needs missed days before today in this month
// (merchant-local, Asia/Shanghai in the demo), so on the 1st and 2nd it says so instead of running.
import { describe, expect, test } from "vitest";
import { phonePage, useBrowser } from "../../test/browser";
import { TEST_SECRETS } from "../../test/stack-global-setup";
import { signAutologinLink } from "../../worker/identity/autologin-sign";
import { localDate } from "../../worker/wallet/local-time";

const { base, browser } = useBrowser();
const day = Number(localDate(Date.now(), "Asia/Shanghai").slice(8, 10));

describe("补签 on the calendar", () => {
  test.runIf(day >= 3)("a missed day is made up with htmx, and without JavaScript", async () => {
    const { page, problems } = await phonePage(browser());
    const uid = `makeup-${crypto.randomUUID()}`;
    await page.goto(await signAutologinLink(base, TEST_SECRETS.AUTOLOGIN_SECRET, { uid, nickname: "补签" }));
    await page.goto(`${base}/me/points`);
    await page.waitForFunction(() => "htmx" in window);
    expect(await page.locator("#balance-badge").textContent()).toContain("50 积分");
    expect(await page.locator("#cal .cal__hint").textContent()).toContain("本月还可补签 2 次");

    await page.click('#cal button[data-makeup="1"]');
    await page.waitForSelector('#cal [data-makeup-result="ok"]');
    expect(await page.locator("#cal [data-makeup-result]").textContent()).toContain("补签成功");
    expect(await page.locator("#cal .cal__day--madeup").count()).toBe(1);
    expect(await page.locator('#cal button[data-makeup="1"]').count()).toBe(0);
    await page.waitForFunction(() => document.querySelector("#balance-badge")?.textContent?.includes("35 积分"));
    expect(await page.locator("#cal .cal__hint").textContent()).toContain("本月还可补签 1 次");
    expect(problems).toEqual([]);

    // Without JavaScript: the form posts and the answer is the page with the result and the calendar.
    const context = await browser().newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 812 } });
    const plain = await context.newPage();
    await plain.goto(await signAutologinLink(base, TEST_SECRETS.AUTOLOGIN_SECRET, { uid, nickname: "补签" }));
    await plain.goto(`${base}/me/points`);
    await plain.click('#cal button[data-makeup="2"]');
    await plain.waitForURL(`${base}/checkin/makeup`);
    expect(await plain.locator('[data-makeup-result="ok"]').textContent()).toContain("补签成功");
    expect(await plain.locator(".cal__day--madeup").count()).toBe(2);
    expect(await plain.locator("#balance-badge").textContent()).toContain("23 积分"); // 35 − 20 + 8 (the 2nd continues the 1st: day 2 of the table)
    expect(await plain.locator(".cal__hint").textContent()).toContain("本月补签次数已用完");
    await context.close();
  });
});
