// 消息中心 in Chromium against the real stack: the merchant sets the reminder's N days in the console (and, for
// this test, points that expire 3 days after they are earned); a new member's welcome points are then within the
// N days, the schedule runs (wrangler's /__scheduled), and the member finds the reminder in the message centre:
// the header's badge counts it, 标为已读 swaps the list (htmx, no reload) and the badge out of band.
import { expect, test } from "vitest";
import { adminLogin } from "../../test/admin-browser";
import { phonePage, useBrowser } from "../../test/browser";
import { TEST_SECRETS } from "../../test/stack-global-setup";
import { signAutologinLink } from "../../worker/identity/autologin-sign";

const { base, browser } = useBrowser();

async function saveExpiryRule(page: import("playwright-core").Page, kind: string, field: [string, string]) {
  await page.goto(`${base}/admin/settings`);
  await page.selectOption("#rules-expiryKind", kind);
  await page.fill(`#rules-${field[0]}`, field[1]);
  await Promise.all([
    page.waitForURL((u) => u.search.includes("saved=rules")),
    page.click("form[action='/admin/settings/rules'] button[type=submit]:not([formaction])"),
  ]);
}

test("a points-expiry reminder in the message centre: badge, list, mark read", async () => {
  const admin = await phonePage(browser());
  await adminLogin(admin.page, base);
  await admin.page.goto(`${base}/admin/settings/messages`);
  await admin.page.fill("#expiry-days", "7");
  await Promise.all([
    admin.page.waitForURL(`${base}/admin/settings/messages?saved=1`),
    admin.page.click("form[action='/admin/settings/messages'] button[type=submit]"),
  ]);
  expect(await admin.page.inputValue("#expiry-days")).toBe("7");
  await saveExpiryRule(admin.page, "days", ["expiryDays", "3"]);

  try {
    const { page, problems } = await phonePage(browser());
    const uid = `msg-browser-${Date.now()}`;
    await page.goto(await signAutologinLink(base, TEST_SECRETS.AUTOLOGIN_SECRET, { uid, nickname: "小消息" }));
    await page.waitForFunction(() => "htmx" in window);
    expect(await page.locator("#message-badge").getAttribute("data-unread")).toBe("0");

    // the welcome points reach Turso's expiring projection (the wallet's outbox), then the schedule runs
    await expect
      .poll(
        async () => {
          expect((await fetch(`${base}/__scheduled?cron=${encodeURIComponent("*/5 * * * *")}`)).status).toBe(200);
          await page.goto(`${base}/`);
          return page.locator("#message-badge").getAttribute("data-unread");
        },
        { timeout: 20_000, interval: 1_000 },
      )
      .toBe("1");
    expect(await page.locator("#message-badge .mbar__dot").textContent()).toContain("1");

    await page.click("#message-badge");
    await page.waitForURL(`${base}/messages`);
    const item = page.locator("#message-list [data-kind=points_expiring]");
    expect(await item.count()).toBe(1);
    expect(await item.locator(".inbox-item__title").textContent()).toContain("积分即将到期");
    expect(await item.locator(".inbox-item__body").textContent()).toMatch(/^您有 50 积分将于 \d{4}-\d{2}-\d{2} 到期/);
    expect(await item.getAttribute("data-read")).toBe("false");

    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 11));
    await item.locator("button[type=submit]").click();
    await expect
      .poll(() => page.locator("#message-list [data-kind=points_expiring]").getAttribute("data-read"))
      .toBe("true");
    await expect.poll(() => page.locator("#message-badge").getAttribute("data-unread")).toBe("0");
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(11); // no reload

    // the link leads to the subject: 我的积分
    await page.locator("#message-list [data-kind=points_expiring] a").click();
    await page.waitForURL(`${base}/me/points`);
    expect(problems).toEqual([]);
    await page.context().close();
  } finally {
    await saveExpiryRule(admin.page, "end_of_year", ["expiryYears", "1"]);
    expect(admin.problems).toEqual([]);
    await admin.page.context().close();
  }
});
