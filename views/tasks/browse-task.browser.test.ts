// 任务中心 in Chromium against the real stack: the merchant's server creates a browse task (stay 3 s on the
// flash-sale page) through the API; the member opens 任务中心, taps 去完成, lands on the real page with the
// task strip counting down on server time, the claim button appears when the countdown ends, one tap pays
// the reward — the balance badge changes out of band and the task reads 已完成 in the task centre.
import { describe, expect, test } from "vitest";
import { phonePage, useBrowser } from "../../test/browser";
import { TEST_SECRETS } from "../../test/stack-global-setup";
import { signAutologinLink } from "../../worker/identity/autologin-sign";

const { base, browser } = useBrowser();
const auth = { Authorization: `Bearer ${TEST_SECRETS.MERCHANT_API_TOKEN}`, "Content-Type": "application/json" };

async function balance(uid: string): Promise<number> {
  const res = await fetch(`${base}/api/v1/members/${encodeURIComponent(uid)}`, { headers: auth });
  expect(res.status).toBe(200);
  return ((await res.json()) as { balance: number }).balance;
}

describe("a browse task", () => {
  test("the member browses the page for its seconds, claims with one tap, and is paid once", async () => {
    const title = `逛逛秒杀 ${crypto.randomUUID().slice(0, 6)}`;
    const created = await fetch(`${base}/api/v1/tasks`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({
        ref: `browse-${crypto.randomUUID()}`,
        title,
        kind: "browse",
        target: "/flash",
        seconds: 3,
        points: 13,
        repeat: "once",
      }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const m = await phonePage(browser());
    const uid = `browse-${crypto.randomUUID()}`;
    await m.page.goto(await signAutologinLink(base, TEST_SECRETS.AUTOLOGIN_SECRET, { uid, nickname: "逛逛" }));
    await m.page.goto(`${base}/tasks`);
    const card = m.page.locator(`#task-${id}`);
    expect(await card.getAttribute("data-task-state")).toBe("todo");
    const before = await balance(uid);

    await card.locator(`[data-go="${id}"]`).click();
    await m.page.waitForURL(new RegExp(`/flash\\?task=${id}$`));
    await m.page.waitForFunction(() => "htmx" in window);
    const strip = m.page.locator("#task-strip");
    await strip.waitFor();
    // counting down: no claim button yet; it arrives by itself when the server's seconds have passed
    expect(await strip.locator(`button[data-claim="${id}"]`).count()).toBe(0);
    const claim = strip.locator(`button[data-claim="${id}"]`);
    await claim.waitFor({ timeout: 15_000 });
    expect(await balance(uid)).toBe(before);

    const badge = m.page.locator("#balance-badge");
    const shown = await badge.textContent();
    await claim.click();
    await m.page.waitForFunction((s) => document.querySelector("#balance-badge")?.textContent !== s, shown);
    expect(await balance(uid)).toBe(before + 13);
    expect(await badge.textContent()).toContain(String(before + 13));

    // done in the task centre; a second claim (a replayed tap) pays nothing
    await m.page.goto(`${base}/tasks`);
    expect(await m.page.locator(`#task-${id}`).getAttribute("data-task-state")).toBe("done");
    expect(await balance(uid)).toBe(before + 13);
    expect(m.problems).toEqual([]);
  });
});
