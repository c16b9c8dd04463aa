// 会员 in Chromium: the owner finds a member, adjusts their points with a reason (htmx: the panel shows the
// new balance, the ledger follows out of band); the member, signed in through an autologin link, sees the
// entry with that reason in 我的积分's ledger; the console's audit log shows the adjustment.
import { expect, test } from "vitest";
import { adminLogin } from "../../test/admin-browser";
import { phonePage, useBrowser } from "../../test/browser";
import { TEST_SECRETS } from "../../test/stack-global-setup";
import { signAutologinLink } from "../../worker/identity/autologin-sign";

const { base, browser } = useBrowser();

test("owner adjusts a member's points with a reason → the member's ledger shows it → the audit log shows it", async () => {
  const uid = `browser-adj-${Date.now()}`;
  const nickname = `小栗-${uid.slice(-6)}`;
  // the merchant's server registers the member (new-member bonus 50)
  const put = await fetch(`${base}/api/v1/members/${uid}`, {
    method: "PUT",
    headers: { Authorization: `Bearer ${TEST_SECRETS.MERCHANT_API_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify({ nickname }),
  });
  expect(put.status).toBe(201);

  const { page, problems } = await phonePage(browser());
  await adminLogin(page, base);
  await page.click(".anav a[href='/admin/members']");
  await page.waitForURL(`${base}/admin/members`);
  await page.fill("#member-q", uid);
  await Promise.all([
    page.waitForURL((u) => u.searchParams.get("q") === uid),
    page.click("form.asearch button[type=submit]"),
  ]);
  const row = page.locator(`[data-member='${uid}']`);
  expect(await row.textContent()).toContain(nickname);
  await Promise.all([page.waitForURL(`${base}/admin/members/${uid}`), row.locator("a").click()]);
  await page.waitForFunction(() => "htmx" in window);
  expect(await page.locator(".amember__balance").textContent()).toBe("50");

  const reason = `补偿：配送延迟 ${uid.slice(-4)}`;
  await page.fill("#adjust-points", "120");
  await page.fill("#adjust-reason", reason);
  await page.click("#adjust-panel button[type=submit]");
  await expect
    .poll(() => page.locator("#adjust-panel [data-new-balance]").getAttribute("data-new-balance"))
    .toBe("170");
  expect(await page.locator("#adjust-panel .toast__title").textContent()).toBe("已调整 +120 积分");
  // out of band: the balance and the ledger follow without a reload; the form is empty with a fresh ref
  expect(await page.locator(".amember__balance").textContent()).toBe("170");
  expect(await page.locator("#ledger .ledger__row").first().locator(".ledger__reason").textContent()).toBe(reason);
  expect(await page.inputValue("#adjust-points")).toBe("");

  // a refusal shows where the action happened
  await page.fill("#adjust-points", "-1000");
  await page.fill("#adjust-reason", "扣太多");
  await page.click("#adjust-panel button[type=submit]");
  await expect.poll(() => page.locator("#adjust-panel [role=alert]").textContent()).toContain("积分不足");
  expect(await page.locator(".amember__balance").textContent()).toBe("170");

  // the member, signed in through the merchant's autologin link, sees the entry with its reason
  const shopper = await phonePage(browser());
  await shopper.page.goto(
    await signAutologinLink(base, TEST_SECRETS.AUTOLOGIN_SECRET, { uid, redirect: "/me/points" }),
  );
  await shopper.page.waitForURL(`${base}/me/points`);
  expect(await shopper.page.locator(".wallet__balance").textContent()).toBe("170");
  const entry = shopper.page.locator(".ledger__row", { hasText: reason });
  expect(await entry.locator(".ledger__amount").textContent()).toBe("+120");
  expect(await entry.locator(".ledger__meta").textContent()).toContain("调整");
  expect(shopper.problems).toEqual([]);
  await shopper.page.context().close();

  // the audit log
  await page.click(".anav a[href='/admin/audit']");
  await page.waitForURL(`${base}/admin/audit`);
  const audit = page.locator(".audit__row[data-action='member.adjust']", { hasText: `member:${uid}` });
  expect(await audit.count()).toBe(1);
  expect(await audit.locator(".audit__what").textContent()).toBe("调整会员积分");
  expect(await audit.locator(".audit__change").textContent()).toContain(reason);
  expect(await audit.locator(".audit__change").textContent()).toContain('"balance":170');

  // the browser logs the 409 of the refusal; nothing else went wrong
  expect(problems.filter((p) => !p.includes("409"))).toEqual([]);
  await page.context().close();
});
