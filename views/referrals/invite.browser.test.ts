// 邀请有礼 in Chromium against the real stack: the merchant switches the programme on in the console (pays on
// the friend's first check-in), a member opens 邀请有礼 (link, code, WeChat share card leading to the link),
// a friend opens that link on their phone, is sent in by the merchant's autologin link (the invite remembered
// across the hop), checks in with one tap — and both balances change by the rewards.
import { describe, expect, test } from "vitest";
import { phonePage, useBrowser } from "../../test/browser";
import { TEST_SECRETS } from "../../test/stack-global-setup";
import { signAutologinLink } from "../../worker/identity/autologin-sign";

const { base, browser } = useBrowser();
const auth = { Authorization: `Bearer ${TEST_SECRETS.MERCHANT_API_TOKEN}` };

async function balance(uid: string): Promise<number> {
  const res = await fetch(`${base}/api/v1/members/${encodeURIComponent(uid)}`, { headers: auth });
  expect(res.status).toBe(200);
  return ((await res.json()) as { balance: number }).balance;
}

describe("invite a friend", () => {
  test("the friend arrives through the link, checks in, and both are rewarded", async () => {
    // The merchant: 邀请有礼 on, 30 for the inviter and 15 for the friend, on the friend's first check-in.
    const admin = await phonePage(browser());
    await admin.page.goto(`${base}/admin/referrals`);
    await admin.page.fill("#admin-email", TEST_SECRETS.ADMIN_EMAIL);
    await admin.page.fill("#admin-password", TEST_SECRETS.ADMIN_PASSWORD);
    await admin.page.click("form[action='/admin/login'] button[type=submit]");
    await admin.page.waitForURL(/\/admin\//);
    await admin.page.goto(`${base}/admin/referrals`);
    await admin.page.check("input[name=enabled]");
    await admin.page.fill("#rf-inviter", "30");
    await admin.page.fill("#rf-invitee", "15");
    await admin.page.selectOption("#rf-qualify", "checkin");
    await admin.page.fill("#rf-daily", "");
    await admin.page.fill("#rf-total", "");
    await admin.page.click("form[data-referral-settings] button[type=submit]");
    await admin.page.waitForURL(`${base}/admin/referrals?saved=1`);

    // The inviter's page: link and code, and (in WeChat) a share card that leads to the link.
    const inviter = await phonePage(browser());
    const a = `inv-a-${crypto.randomUUID()}`;
    await inviter.page.goto(await signAutologinLink(base, TEST_SECRETS.AUTOLOGIN_SECRET, { uid: a, nickname: "阿强" }));
    await inviter.page.goto(`${base}/invite`);
    const link = (await inviter.page.locator("#invite-link").textContent())!.trim();
    const code = (await inviter.page.locator("[data-invite-code]").textContent())!.trim();
    expect(link).toBe(`${base}/i/${code}`);
    const card = JSON.parse((await inviter.page.locator("meta[name=wx-share]").getAttribute("content"))!);
    expect(card.link).toBe(link);
    const aBefore = await balance(a);

    // The friend opens the link, then the merchant's autologin link signs them in for the first time.
    const friend = await phonePage(browser());
    const b = `inv-b-${crypto.randomUUID()}`;
    await friend.page.goto(link);
    expect(new URL(friend.page.url()).pathname).toBe("/");
    await friend.page.goto(await signAutologinLink(base, TEST_SECRETS.AUTOLOGIN_SECRET, { uid: b, nickname: "小红" }));
    await friend.page.waitForFunction(() => "htmx" in window);
    const bBefore = await balance(b);
    const badge = friend.page.locator("#balance-badge");
    const shown = await badge.textContent();
    await friend.page.click("#checkin-form button");
    await friend.page.waitForFunction(
      (before) => document.querySelector("#balance-badge")?.textContent !== before,
      shown,
    );

    expect(await balance(a)).toBe(aBefore + 30);
    const bAfter = await balance(b);
    expect(bAfter - bBefore).toBeGreaterThanOrEqual(15 + 1); // the check-in's points and the 15
    await inviter.page.reload();
    expect(await inviter.page.locator('[data-invitee-state="paid"]').count()).toBe(1);
    expect(await inviter.page.locator("[data-invitees]").textContent()).toContain("小*");

    for (const p of [admin, inviter, friend]) expect(p.problems).toEqual([]);
  });
});
