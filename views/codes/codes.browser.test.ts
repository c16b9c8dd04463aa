// 兑换码 in Chromium against the real stack: a batch made through the Merchant API, a member opens the printed
// QR code's /codes?c=CODE (the field prefilled), taps 兑换 — the points arrive and the balance badge follows —
// then taps again and is refused with the one message.
import { describe, expect, test } from "vitest";
import { phonePage, useBrowser } from "../../test/browser";
import { TEST_SECRETS } from "../../test/stack-global-setup";
import { signAutologinLink } from "../../worker/identity/autologin-sign";

const { base, browser } = useBrowser();
const auth = { Authorization: `Bearer ${TEST_SECRETS.MERCHANT_API_TOKEN}`, "Content-Type": "application/json" };

describe("redeem codes", () => {
  test("a code is redeemed once and refused the second time", async () => {
    const made = await fetch(`${base}/api/v1/code-batches`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ ref: `browser-${crypto.randomUUID()}`, name: "浏览器测试卡", points: 25, count: 1 }),
    });
    expect(made.status).toBe(201);
    const [code] = ((await made.json()) as { codes: string[] }).codes;

    const { page, problems } = await phonePage(browser());
    const uid = `code-${crypto.randomUUID()}`;
    await page.goto(await signAutologinLink(base, TEST_SECRETS.AUTOLOGIN_SECRET, { uid, nickname: "兑换" }));
    await page.goto(`${base}/codes?c=${encodeURIComponent(code!)}`);
    await page.waitForFunction(() => "htmx" in window);
    expect(await page.inputValue("#code-input")).toBe(code);
    const before = await page.locator("#balance-badge").textContent();
    await page.click("form[data-code-form] button");
    await page.waitForSelector('[data-code-result="ok"]');
    expect(await page.locator("#code-result").textContent()).toContain("获得 25 积分");
    await page.waitForFunction((b) => document.querySelector("#balance-badge")?.textContent !== b, before);
    const after = await page.locator("#balance-badge").textContent();

    await page.click("form[data-code-form] button");
    await page.waitForSelector('[data-code-result="refused"]');
    expect(await page.locator("#code-result").textContent()).toContain("兑换码无效、已被使用或已过期");
    expect(await page.locator("#balance-badge").textContent()).toBe(after);
    // the browser logs the 409 of the refusal; nothing else went wrong
    expect(problems.filter((p) => !p.includes("409"))).toEqual([]);
  });
});
