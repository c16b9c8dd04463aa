// 订单 in Chromium against the real stack: a shopper redeems a physical item with an address (autologin
// link, the real item page); the owner finds the order in the console by the member, opens it, tries a bad
// tracking number (the 422 shows next to the field), ships it with a carrier and tracking number; the
// shopper's order page then shows that tracking number.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { adminLogin } from "../../test/admin-browser";
import { phonePage, useBrowser } from "../../test/browser";
import { TEST_SECRETS } from "../../test/stack-global-setup";
import { signAutologinLink } from "../../worker/identity/autologin-sign";

const { base, browser } = useBrowser();

async function api(method: string, path: string, body: unknown) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${TEST_SECRETS.MERCHANT_API_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as any };
}

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Serious and critical axe-core violations on the whole console page (nav included). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run(ctx: object, o: object): Promise<Result> } }).axe;
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

const ADDRESS = {
  recipient: "李四",
  phone: "13912345678",
  region: "浙江省 杭州市 西湖区",
  detail: "文三路 90 号 5 楼",
};

test("a shopper's placed physical order: the owner ships it in the console, the shopper sees the tracking number", async () => {
  const item = await api("POST", "/items", {
    sku: `OB-${crypto.randomUUID().slice(0, 8)}`,
    name: "发货测试保温杯",
    type: "physical",
    points: 200,
    stock: 5,
  });
  expect(item.status).toBe(201);
  const itemId: number = item.json.id;

  // the shopper redeems it with an address
  const shopper = await phonePage(browser());
  const uid = `ship-${crypto.randomUUID()}`;
  await shopper.page.goto(await signAutologinLink(base, TEST_SECRETS.AUTOLOGIN_SECRET, { uid, nickname: "小李" }));
  expect(
    (
      await api("POST", `/members/${encodeURIComponent(uid)}/points/earn`, {
        ref: `gift-${crypto.randomUUID()}`,
        reason: "测试赠送",
        points: 500,
        source: "purchase",
      })
    ).status,
  ).toBe(200);
  await shopper.page.goto(`${base}/items/${itemId}`);
  await shopper.page.waitForFunction(() => "htmx" in window);
  for (const [name, value] of Object.entries(ADDRESS))
    await shopper.page.fill(`#address-fields-${itemId} [name=${name}]`, value);
  await shopper.page.click("#redeem-form button[type=submit]");
  const result = shopper.page.locator(`#redeem-area-${itemId} [data-order-id]`);
  await result.waitFor();
  const orderId = (await result.getAttribute("data-order-id"))!;
  expect(orderId).toBeTruthy();

  // the owner finds it by the member and opens it
  const admin = await phonePage(browser());
  await adminLogin(admin.page, base);
  await admin.page.click(".anav a[href='/admin/orders']");
  await admin.page.waitForURL(`${base}/admin/orders`);
  await admin.page.fill("#f-uid", uid);
  await admin.page.click(".afilter button[type=submit]");
  await admin.page.waitForURL((u) => u.searchParams.get("uid") === uid);
  const row = admin.page.locator(`.aorders__row[data-order-id="${orderId}"]`);
  expect(await admin.page.locator(".aorders__row").count()).toBe(1);
  expect(await row.textContent()).toContain("发货测试保温杯 × 1");
  expect(await row.locator(".status").textContent()).toBe("待发货");
  expect(await axeViolations(admin.page)).toEqual([]);
  await row.locator("a").click();
  await admin.page.waitForURL(`${base}/admin/orders/${orderId}`);
  await admin.page.waitForFunction(() => "htmx" in window);
  expect(await admin.page.locator("[data-field=address]").textContent()).toContain("文三路 90 号 5 楼");

  // a bad tracking number: the message next to the field, nothing shipped
  await admin.page.fill("#ship-carrier", "顺丰速运");
  await admin.page.fill("#ship-tracking", "SF 12");
  await admin.page.click("form[data-action=ship] button[type=submit]");
  const fieldError = admin.page.locator("[data-field-error=trackingNo]");
  await expect.poll(() => fieldError.textContent()).toBe("运单号须为 4–40 位字母、数字或 -");
  expect(await admin.page.inputValue("#ship-carrier")).toBe("顺丰速运");
  expect(await axeViolations(admin.page)).toEqual([]); // the 422 state
  expect(await admin.page.locator("#order-detail").getAttribute("data-status")).toBe("placed");

  const tracking = `SF${Date.now()}`;
  await admin.page.fill("#ship-tracking", tracking);
  await admin.page.click("form[data-action=ship] button[type=submit]");
  await expect.poll(() => admin.page.locator("#order-detail").getAttribute("data-status")).toBe("shipped");
  expect(await admin.page.locator("#order-detail [data-notice=ok]").textContent()).toBe(`已发货：顺丰速运 ${tracking}`);
  expect(await admin.page.locator("#order-detail [data-field=tracking]").textContent()).toBe(`顺丰速运 ${tracking}`);
  expect(await admin.page.locator("form[data-action=ship]").count()).toBe(0);
  expect(new URL(admin.page.url()).pathname).toBe(`/admin/orders/${orderId}`);
  expect(await axeViolations(admin.page)).toEqual([]);
  // the browser logs the 422 of the bad try; nothing else went wrong
  expect(admin.problems.filter((p) => !p.includes("422"))).toEqual([]);

  // the shopper's order page shows the tracking number
  await shopper.page.goto(`${base}/me/orders/${orderId}`);
  expect(await shopper.page.locator(".order .status").textContent()).toBe("已发货");
  expect(await shopper.page.content()).toContain(tracking);
  expect(shopper.problems).toEqual([]);

  await admin.page.context().close();
  await shopper.page.context().close();
});
