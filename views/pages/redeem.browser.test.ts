// Redeeming in Debian's Chromium at a phone viewport, against the real stack (`wrangler dev`, the stock and
// wallet objects, the local libSQL server): a coupon end to end, a physical item with a new address, a
// flash sale before and after its start, cancelling an order, and the whole flow without JavaScript.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { DEMO_ITEMS } from "../../db/seed-data";
import { phonePage, useBrowser } from "../../test/browser";
import { TEST_SECRETS } from "../../test/stack-global-setup";
import { signAutologinLink } from "../../worker/identity/autologin-sign";

const { base, browser } = useBrowser();

const idOf = (slug: string) => DEMO_ITEMS.findIndex((i) => i.slug === slug) + 1;
const LATTE = idOf("latte-coupon");
const COOKIES = idOf("cookie-gift-box");
const MUG = idOf("brand-mug");
const TUMBLER = DEMO_ITEMS.findIndex((i) => i.flash) + 1;

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Serious and critical axe-core violations of the page (evaluated through DevTools, so the CSP stays on). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            o: object,
          ): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  return found;
}

/** Points for a member through the merchant API (the stack's bootstrap token). */
async function earn(uid: string, points: number): Promise<void> {
  const res = await fetch(`${base}/api/v1/members/${encodeURIComponent(uid)}/points/earn`, {
    method: "POST",
    headers: { Authorization: `Bearer ${TEST_SECRETS.MERCHANT_API_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify({ ref: `gift-${crypto.randomUUID()}`, reason: "测试赠送", points, source: "purchase" }),
  });
  expect(res.status).toBe(200);
}

async function memberPage(points: number): Promise<{ page: Page; problems: string[]; uid: string }> {
  const { page, problems } = await phonePage(browser());
  const uid = `redeem-${crypto.randomUUID()}`;
  await page.goto(await signAutologinLink(base, TEST_SECRETS.AUTOLOGIN_SECRET, { uid, nickname: "小栗子" }));
  await page.waitForFunction(() => "htmx" in window);
  if (points > 0) await earn(uid, points);
  return { page, problems, uid };
}

/** Moves the sale window the way a merchant does (the API's PATCH bumps the page version, which retires the
 *  isolate's kept item rows at once; a write behind the app's back would be seen only after their 3 s). */
async function setSaleStart(itemId: number, startsAt: number): Promise<void> {
  const res = await fetch(`${base}/api/v1/items/${itemId}`, {
    method: "PATCH",
    headers: { Authorization: `Bearer ${TEST_SECRETS.MERCHANT_API_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify({
      ref: `window-${crypto.randomUUID()}`,
      saleStartsAt: new Date(startsAt).toISOString(),
      saleEndsAt: new Date(startsAt + 86_400_000).toISOString(),
    }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function fillAddress(
  page: Page,
  itemId: number,
  a: { recipient: string; phone: string; region: string; detail: string },
) {
  for (const [name, value] of Object.entries(a)) await page.fill(`#address-fields-${itemId} [name=${name}]`, value);
}

const ADDRESS = { recipient: "张三", phone: "13812345678", region: "上海市 徐汇区", detail: "漕溪北路 100 号 3 楼" };

describe("redeeming on a phone", () => {
  test("a coupon end to end: confirm, the code at once, the balance badge, the order in 我的订单", async () => {
    const { page, problems } = await memberPage(1000); // 1050 with the bonus
    await page.goto(`${base}/items/${LATTE}`);
    await page.waitForFunction(() => "htmx" in window);
    const button = page.locator("#redeem-form button[type=submit]");
    expect(await button.textContent()).toBe("确认兑换 300 积分");
    // hold the answer a moment: the button is disabled while the request runs
    await page.route(`**/items/${LATTE}/redeem`, async (route) => {
      await new Promise((r) => setTimeout(r, 600));
      await route.continue();
    });
    await button.click();
    await expect.poll(() => page.locator("#redeem-form button[type=submit]").isDisabled(), { timeout: 500 }).toBe(true);
    const result = page.locator(`#redeem-area-${LATTE} [data-order-id]`);
    await result.waitFor();
    const orderId = await result.getAttribute("data-order-id");
    expect(orderId).toBeTruthy();
    expect(await page.locator("#redeem-form").count()).toBe(0); // replaced by the result
    const code = await page.locator("[data-coupon-code]").first().textContent();
    expect(code?.trim().length).toBeGreaterThan(3);
    await expect.poll(() => page.locator("#balance-badge").textContent()).toContain("750 积分");

    await page.click(`a[href="/me/orders/${orderId}"]`);
    await page.waitForURL(`${base}/me/orders/${orderId}`);
    expect(await page.locator("[data-coupon-code]").first().textContent()).toBe(code);
    await page.click('.menav__link[href="/me/orders"]');
    await page.waitForURL(`${base}/me/orders`);
    expect(await page.locator(`.order-row[data-order-id="${orderId}"]`).count()).toBe(1);
    expect(await page.locator(`.order-row[data-order-id="${orderId}"] .order-row__name`).textContent()).toContain(
      "拿铁兑换券",
    );
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test("a physical item with a new address: a mistake is shown next to its field, then the order and the saved address", async () => {
    const { page, problems } = await memberPage(1000);
    await page.goto(`${base}/items/${COOKIES}`);
    await page.waitForFunction(() => "htmx" in window);
    await fillAddress(page, COOKIES, { ...ADDRESS, phone: "1234" });
    await page.click("#redeem-form button[type=submit]");
    const phoneError = page.locator(`#address-fields-${COOKIES} [data-field-error=phone]`);
    await expect.poll(() => phoneError.textContent()).toBe("请填写正确的 11 位手机号");
    expect(await page.inputValue(`#address-fields-${COOKIES} [name=recipient]`)).toBe("张三"); // kept
    await expect.poll(() => page.locator("#balance-badge").textContent()).toContain("1050 积分");

    await page.fill(`#address-fields-${COOKIES} [name=phone]`, ADDRESS.phone);
    await page.click("#redeem-form button[type=submit]");
    const result = page.locator(`#redeem-area-${COOKIES} [data-order-id]`);
    await result.waitFor();
    expect(await result.textContent()).toContain("上海市 徐汇区 漕溪北路 100 号 3 楼");
    await expect.poll(() => page.locator("#balance-badge").textContent()).toContain("250 积分");

    await page.goto(`${base}/me/addresses`);
    const row = page.locator(".addr-row");
    expect(await row.count()).toBe(1);
    expect(await row.getAttribute("data-default")).toBe("true");
    expect(await row.textContent()).toContain("漕溪北路 100 号 3 楼");
    // the browser logs the 422 of the first try; nothing else went wrong
    expect(problems.filter((p) => !p.includes("422"))).toEqual([]);
    await page.context().close();
  });

  test("a flash sale: disabled before the start (a forced POST is refused), redeemable once the clock reaches zero", async () => {
    const { page, problems } = await memberPage(2000);
    await setSaleStart(TUMBLER, Date.now() + 3600_000);
    await page.goto(`${base}/items/${TUMBLER}`);
    await page.waitForFunction(() => "htmx" in window);
    const button = page.locator("#redeem-form button[type=submit]");
    expect(await button.isDisabled()).toBe(true);
    expect(await button.textContent()).toBe("即将开抢");
    expect(await page.locator(`#redeem-area-${TUMBLER} [data-clock]`).textContent()).toMatch(/^0[01]:\d\d:\d\d$/);
    // force it: enable the button by hand and post — the server refuses
    await fillAddress(page, TUMBLER, ADDRESS);
    await page.evaluate(() =>
      document.querySelector<HTMLButtonElement>("#redeem-form button[type=submit]")!.removeAttribute("disabled"),
    );
    await button.click();
    await expect
      .poll(() => page.locator("#redeem-form [data-error-code]").getAttribute("data-error-code"))
      .toBe("NOT_ON_SALE");
    await expect.poll(() => page.locator("#balance-badge").textContent()).toContain("2050 积分");

    // the sale starts in 3 s: the page counts down, fetches the redeem area again, and the button opens
    await setSaleStart(TUMBLER, Date.now() + 3000);
    await page.goto(`${base}/items/${TUMBLER}`);
    await page.waitForFunction(() => "htmx" in window);
    expect(await page.locator("#redeem-form button[type=submit]").isDisabled()).toBe(true);
    await expect
      .poll(() => page.locator("#redeem-form button[type=submit]").textContent(), { timeout: 10_000 })
      .toBe("确认兑换 990 积分");
    expect(await page.locator("#redeem-form button[type=submit]").isDisabled()).toBe(false);
    await fillAddress(page, TUMBLER, ADDRESS);
    await page.click("#redeem-form button[type=submit]");
    await page.locator(`#redeem-area-${TUMBLER} [data-order-id]`).waitFor();
    await expect.poll(() => page.locator("#balance-badge").textContent()).toContain("1060 积分");
    // the browser logs the 409 of the forced POST
    expect(problems.filter((p) => !p.includes("409"))).toEqual([]);
    await page.context().close();
  });

  test("/flash shows the sale with its live stock badge and the per-member limit", async () => {
    const { page, problems } = await memberPage(0);
    await page.goto(`${base}/`);
    await page.click(".flash__item");
    await page.waitForURL(`${base}/flash`);
    expect(await page.locator(".fitem").count()).toBeGreaterThan(0);
    const badge = page.locator(`#flash-stock-${TUMBLER}`);
    expect(await badge.textContent()).toMatch(/^剩余 \d+ 件$|^已抢光$/);
    expect(await page.locator(".fitem__limit").first().textContent()).toBe("每人限兑 1 件");
    // the badge polls every 3 s
    const polled = page.waitForRequest((r) => r.url().endsWith(`/flash/${TUMBLER}/stock`), { timeout: 8000 });
    expect((await polled).headers()["hx-request"]).toBe("true");
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test("cancelling a placed order gives the points back and shows the new balance", async () => {
    const { page, problems } = await memberPage(1200); // 1250
    await page.goto(`${base}/items/${MUG}`);
    await page.waitForFunction(() => "htmx" in window);
    await fillAddress(page, MUG, ADDRESS);
    await page.click("#redeem-form button[type=submit]");
    const result = page.locator(`#redeem-area-${MUG} [data-order-id]`);
    await result.waitFor();
    const orderId = await result.getAttribute("data-order-id");
    await expect.poll(() => page.locator("#balance-badge").textContent()).toContain("50 积分");
    await page.goto(`${base}/me/orders/${orderId}`);
    await page.waitForFunction(() => "htmx" in window);
    expect(await page.locator(".order .status").textContent()).toBe("待发货");
    await page.click(".order__cancel button");
    await expect
      .poll(() => page.locator("#order-detail .toast").textContent())
      .toBe("订单已取消，1200 积分已退回，当前余额 1250 积分");
    expect(await page.locator(".order .status").textContent()).toBe("已取消");
    expect(await page.locator("#balance-badge").textContent()).toContain("1250 积分");
    expect(await page.locator(".order__cancel").count()).toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test("the item page with its address step, /flash, 收货地址 and 我的订单 pass axe-core (no serious violations)", async () => {
    const { page, problems } = await memberPage(3000);
    await page.goto(`${base}/items/${COOKIES}`);
    await page.waitForFunction(() => "htmx" in window);
    expect(await axeViolations(page)).toEqual([]);
    await fillAddress(page, COOKIES, { ...ADDRESS, phone: "1" });
    await page.click("#redeem-form button[type=submit]");
    await page.locator(`#address-fields-${COOKIES} [data-field-error=phone]`).waitFor();
    expect(await axeViolations(page)).toEqual([]); // the 422 state
    await fillAddress(page, COOKIES, ADDRESS);
    await page.click("#redeem-form button[type=submit]");
    const orderId = await page.locator(`#redeem-area-${COOKIES} [data-order-id]`).getAttribute("data-order-id");
    expect(await axeViolations(page)).toEqual([]); // the result
    for (const path of ["/flash", "/me/addresses", "/me/orders", `/me/orders/${orderId}`, `/items/${LATTE}`]) {
      await page.goto(`${base}${path}`);
      expect(await axeViolations(page), path).toEqual([]);
    }
    expect(problems.filter((p) => !p.includes("422"))).toEqual([]);
    await page.context().close();
  });

  test("without JavaScript: the redeem form posts and the answer is a whole result page", async () => {
    const uid = `nojs-${crypto.randomUUID()}`;
    const context = await browser().newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    await page.goto(await signAutologinLink(base, TEST_SECRETS.AUTOLOGIN_SECRET, { uid }));
    await earn(uid, 500);
    await page.goto(`${base}/items/${LATTE}`);
    await page.click("#redeem-form button[type=submit]");
    await page.waitForURL(`${base}/items/${LATTE}/redeem`);
    expect(await page.locator("[data-order-id]").count()).toBe(1);
    expect(await page.locator("[data-coupon-code]").count()).toBe(1);
    expect(await page.locator("#balance-badge").textContent()).toContain("250 积分");
    await context.close();
  });
});
