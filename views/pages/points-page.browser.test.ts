// A member's first visit in Chromium: the merchant's autologin link → home → check in (htmx swap, balance
// badge out of band) → 我的积分 shows the check-in in the ledger and on the calendar → home again (the cached
// page with the member's header) shows the new balance; a guest after them sees no member's header.
import { expect, test } from "vitest";
import { phonePage, useBrowser } from "../../test/browser";
import { TEST_SECRETS } from "../../test/stack-global-setup";
import { signAutologinLink } from "../../worker/identity/autologin-sign";

const { base, browser } = useBrowser();
const SAFARI_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";

test("autologin → home → check in → 我的积分 shows the entry", async () => {
  const { page, problems } = await phonePage(browser());
  const uid = `browser-${Date.now()}`;
  await page.goto(await signAutologinLink(base, TEST_SECRETS.AUTOLOGIN_SECRET, { uid, nickname: "小栗子" }));
  expect(new URL(page.url()).pathname).toBe("/");
  await page.waitForFunction(() => "htmx" in window);
  await expect.poll(() => page.locator("#balance-badge").textContent()).toContain("50 积分");

  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 7));
  await page.click("#checkin-form button");
  await expect.poll(() => page.locator("#notice .toast__title").textContent()).toBe("签到成功 +5 积分");
  await expect.poll(() => page.locator("#balance-badge").textContent()).toContain("55 积分");
  expect(await page.locator("#checkin-form button").textContent()).toBe("已签到");
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(7); // no reload

  // A second tap says it is already done and changes nothing.
  await page.click("#checkin-form button");
  await expect.poll(() => page.locator("#notice [role=alert]").textContent()).toContain("今天已经签到过了");
  expect(await page.locator("#balance-badge").textContent()).toContain("55 积分");

  await page.click("#balance-badge");
  await page.waitForURL(`${base}/me/points`);
  expect(await page.locator(".wallet__balance").textContent()).toBe("55");
  const rows = page.locator(".ledger__row");
  expect(await rows.count()).toBe(2);
  expect(await rows.first().locator(".ledger__amount").textContent()).toBe("+5");
  expect(await page.locator(".cal__day--done.cal__day--today").count()).toBe(1);
  // Home again shows the new balance (WeChat's browser: rendered for the member, its share card is per request).
  await page.goto(`${base}/`);
  expect(await page.locator("#balance-badge").textContent()).toContain("55 积分");
  // the browser logs the 409 of the second tap; nothing else went wrong
  expect(problems.filter((p) => !p.includes("409"))).toEqual([]);
  await page.context().close();

  // Outside WeChat the home page comes from the edge cache (worker/page-cache): a guest caches it, the same
  // member then gets that entry with their own header, fresh; the guest's page never shows it.
  const guest = await phonePage(browser(), { userAgent: SAFARI_UA });
  await guest.page.goto(`${base}/`);
  const guestHome = await guest.page.goto(`${base}/`);
  expect(guestHome?.headers()["x-guest-cache"]).toBe("hit");
  expect(await guest.page.locator("#balance-badge").count()).toBe(0);
  expect(await guest.page.locator(".mbar__login").count()).toBe(1);
  const member = await phonePage(browser(), { userAgent: SAFARI_UA });
  await member.page.goto(await signAutologinLink(base, TEST_SECRETS.AUTOLOGIN_SECRET, { uid, nickname: "小栗子" }));
  const memberHome = await member.page.goto(`${base}/`);
  expect(memberHome?.headers()["x-guest-cache"]).toMatch(/^member-(hit|miss)$/);
  expect(await member.page.locator("#balance-badge").textContent()).toContain("55 积分");
  expect(await member.page.locator("#checkin-form button").textContent()).toBe("已签到");
  await guest.page.reload();
  expect(await guest.page.locator("#balance-badge").count()).toBe(0);
  expect([...guest.problems, ...member.problems]).toEqual([]);
  await guest.page.context().close();
  await member.page.context().close();
});
