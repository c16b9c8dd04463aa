// Points + cash in Debian's Chromium against the real stack and the fake WeChat Pay: the owner saves the
// merchant settings in the console; a member buys the 帆布托特包 (300 积分 + ¥10) end to end — redeem, 去支付,
// the provider's H5 cashier, 支付, back to the mall, paid (the provider's signed notification reaches the
// Worker); a second one left unpaid past its deadline is closed by the cron sweeper and the points come back.
import { createClient } from "@libsql/client";
import type { Page } from "playwright-core";
import { describe, expect, inject, test } from "vitest";
import { DEMO_ITEMS } from "../../db/seed-data";
import { adminLogin } from "../../test/admin-browser";
import { phonePage, useBrowser } from "../../test/browser";
import { TEST_SECRETS } from "../../test/stack-global-setup";
import { signAutologinLink } from "../../worker/identity/autologin-sign";

const { base, browser } = useBrowser();
const TOTE = DEMO_ITEMS.findIndex((i) => i.slug === "canvas-tote") + 1;
const ADDRESS = { recipient: "张三", phone: "13812345678", region: "上海市 徐汇区", detail: "漕溪北路 100 号 3 楼" };

async function earn(uid: string, points: number): Promise<void> {
  const res = await fetch(`${base}/api/v1/members/${encodeURIComponent(uid)}/points/earn`, {
    method: "POST",
    headers: { Authorization: `Bearer ${TEST_SECRETS.MERCHANT_API_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify({ ref: `gift-${crypto.randomUUID()}`, reason: "测试赠送", points, source: "purchase" }),
  });
  expect(res.status).toBe(200);
}

async function balance(uid: string): Promise<number> {
  const res = await fetch(`${base}/api/v1/members/${encodeURIComponent(uid)}`, {
    headers: { Authorization: `Bearer ${TEST_SECRETS.MERCHANT_API_TOKEN}` },
  });
  return ((await res.json()) as { balance: number }).balance;
}

async function redeemTote(page: Page): Promise<string> {
  await page.goto(`${base}/items/${TOTE}`);
  await page.waitForFunction(() => "htmx" in window);
  if (await page.locator(`#address-fields-${TOTE} [name=recipient]`).isVisible())
    for (const [name, value] of Object.entries(ADDRESS))
      await page.fill(`#address-fields-${TOTE} [name=${name}]`, value);
  await page.click("#redeem-form button[type=submit]");
  const result = page.locator(`#redeem-area-${TOTE} [data-order-id]`);
  await result.waitFor();
  return (await result.getAttribute("data-order-id"))!;
}

describe("points + cash against the fake WeChat Pay", () => {
  test("the owner sets up WeChat Pay; a member buys the tote and pays; an unpaid one expires and the points come back", async () => {
    const f = inject("fakes").wechatPay;
    // The owner's settings, through the console.
    const admin = await (await browser().newContext()).newPage();
    await adminLogin(admin, base);
    await admin.goto(`${base}/admin/payments`);
    await admin.check("[name=enabled]");
    await admin.fill("#pay-mchid", f.mchid);
    await admin.fill("#pay-appid", f.appids[0]!);
    await admin.fill("#pay-serial", f.merchantSerialNo);
    await admin.fill("#pay-v3key", f.apiV3Key);
    await admin.fill("#pay-privkey", f.merchantPrivateKeyPem!);
    await admin.fill("#pay-pserial", f.platformSerialNo);
    await admin.fill("#pay-pkey", f.platformPublicKeyPem);
    await admin.click("form[data-payment-settings] button[type=submit]");
    await admin.locator("text=已保存").waitFor();
    expect(await admin.content()).not.toContain(f.apiV3Key);
    expect(await admin.locator("[data-notify-url]").textContent()).toBe(`${base}/payments/wechatpay/notify`);

    // A member buys the tote: 300 积分 + ¥10.
    const { page } = await phonePage(browser());
    // Failed loads on the mall's origin (the fake cashier's own missing favicon is not the mall's business).
    const problems: string[] = [];
    page.on("response", (r) => {
      if (r.status() >= 400 && r.url().startsWith(base)) problems.push(`${r.status()} ${r.url()}`);
    });
    const uid = `pay-${crypto.randomUUID()}`;
    await page.goto(await signAutologinLink(base, TEST_SECRETS.AUTOLOGIN_SECRET, { uid, nickname: "小栗子" }));
    await earn(uid, 950); // 1000 with the new-member bonus
    const orderId = await redeemTote(page);
    expect(await balance(uid)).toBe(700);
    await page.click("[data-pay-link]");
    await page.waitForURL(`${base}/me/orders/${orderId}/pay`);
    expect(await page.locator("[data-payment-state]").first().getAttribute("data-payment-state")).toBe("pending");
    await page.click("[data-pay-button]");
    await page.waitForURL((u) => u.origin === new URL(f.url).origin); // the provider's H5 cashier
    expect(await page.textContent("body")).toContain("¥10.00");
    await page.click("button[value=pay]");
    await page.waitForURL(`${base}/me/orders/${orderId}/paid`);
    await page.locator('#payment-box[data-payment-state="paid"]').waitFor();
    await page.goto(`${base}/me/orders/${orderId}`);
    expect(await page.locator("[data-status]").first().getAttribute("data-status")).toBe("placed");
    // the signed notification reached the Worker too (its delivery answered 2xx)
    const deliveries = (await (await fetch(`${f.url}/__fake/wechatpay/notifications?ref=${orderId}`)).json()) as {
      status?: number;
    }[];
    expect(deliveries.some((d) => d.status === 204)).toBe(true);

    // A second tote, left unpaid past its deadline: the cron sweeper closes it and the points come back.
    const unpaid = await redeemTote(page);
    expect(await balance(uid)).toBe(400);
    await page.goto(`${base}/me/orders/${unpaid}/pay`);
    await page.click("[data-pay-button]"); // started at the provider, then abandoned
    await page.waitForURL((u) => u.origin === new URL(f.url).origin);
    const db = createClient({ url: inject("stackDbUrl") });
    await db.execute({
      sql: "update orders set created_at = created_at - 16 * 60000, pay_deadline_at = pay_deadline_at - 16 * 60000 where id = ?",
      args: [unpaid],
    });
    db.close();
    expect((await fetch(`${base}/__scheduled?cron=${encodeURIComponent("*/5 * * * *")}`)).status).toBe(200);
    await page.goto(`${base}/me/orders/${unpaid}`);
    expect(await page.locator("[data-status]").first().getAttribute("data-status")).toBe("cancelled");
    expect(await balance(uid)).toBe(700);
    const provider = (await (await fetch(`${f.url}/__fake/wechatpay/orders/${unpaid}`)).json()) as {
      transaction: { trade_state: string };
    };
    expect(provider.transaction.trade_state).toBe("CLOSED");
    expect(problems).toEqual([]);
  });

  test("inside WeChat, a member signed in through WeChat pays with JSAPI in the in-app cashier", async () => {
    const f = inject("fakes");
    const { page } = await phonePage(browser()); // WeChat's user agent
    const nickname = `微信买家${crypto.randomUUID().slice(0, 4)}`;
    await page.goto(`${base}/wechat/login?redirect=${encodeURIComponent(`/items/${TOTE}`)}`);
    // WeChat's authorize page (the fake's picker): a new WeChat user signs in
    await page.fill("[name=nickname]", nickname);
    await page.click("button[type=submit]");
    await page.waitForURL(`${base}/items/${TOTE}`);
    const users = (await (await fetch(`${f.wechat.url}/__fake/wechat/users`)).json()) as {
      openid: string;
      nickname: string;
    }[];
    const openid = users.find((u) => u.nickname === nickname)!.openid;
    const db = createClient({ url: inject("stackDbUrl") });
    const row = await db.execute({ sql: "select uid from wechat_identities where openid = ?", args: [openid] });
    db.close();
    const uid = String(row.rows[0]!.uid);
    await earn(uid, 950);
    const orderId = await redeemTote(page);
    await page.click("[data-pay-link]");
    await page.waitForURL(`${base}/me/orders/${orderId}/pay`);
    await page.click("[data-pay-button]");
    // the JSAPI page: signed params for getBrandWCPayRequest (Chromium has no WeixinJSBridge, so the local link)
    const params = JSON.parse((await page.locator("#jsapi-pay").getAttribute("data-pay-params"))!) as Record<
      string,
      string
    >;
    expect(params.package).toMatch(/^prepay_id=/);
    await page.click("[data-local-cashier]");
    await page.waitForURL((u) => u.origin === new URL(f.wechatPay.url).origin);
    expect(await page.textContent("body")).toContain(openid); // the fake checked the paySign; this is the payer
    await page.click("button[value=pay]");
    await page.waitForURL(`${base}/me/orders/${orderId}/paid`);
    await page.locator('#payment-box[data-payment-state="paid"]').waitFor();
    expect(await balance(uid)).toBe(700);
  });
});
