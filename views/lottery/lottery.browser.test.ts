// A draw in Debian's Chromium at a phone viewport against the real stack (wrangler dev, the lottery and wallet
// objects, the local libSQL server): the wheel spins and stops on the prize the server decided (the slice
// under the pointer, read from the page, is the draw the API lists), a sold-out prize is never shown as won,
// the balance badge follows; and the same draw without JavaScript (a form post answered with the page).
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { phonePage, useBrowser } from "../../test/browser";
import { TEST_SECRETS } from "../../test/stack-global-setup";
import { signAutologinLink } from "../../worker/identity/autologin-sign";

const { base, browser } = useBrowser();
const auth = { Authorization: `Bearer ${TEST_SECRETS.MERCHANT_API_TOKEN}`, "Content-Type": "application/json" };

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, { method, headers: auth, body: body ? JSON.stringify(body) : undefined });
  return { status: res.status, json: (await res.json()) as any };
}

async function newLottery(kind: "wheel" | "scratch" = "wheel"): Promise<string> {
  const r = await api("POST", "/api/v1/lotteries", {
    ref: `browser-${crypto.randomUUID()}`,
    name: kind === "wheel" ? "浏览器大转盘" : "浏览器刮刮卡",
    kind,
    costPoints: 10,
    dailyLimit: 10,
    prizes: [
      { name: "已抽完大奖", kind: "points", points: 500, weight: 1000, stock: 0 },
      { name: "20 积分", kind: "points", points: 20, weight: 1 },
      { name: "5 积分", kind: "points", points: 5, weight: 1 },
      { name: "谢谢参与", kind: "none", weight: 1 },
    ],
  });
  expect(r.status).toBe(201);
  return r.json.id;
}

async function earn(uid: string, points: number) {
  const r = await api("POST", `/api/v1/members/${encodeURIComponent(uid)}/points/earn`, {
    ref: `gift-${crypto.randomUUID()}`,
    reason: "测试赠送",
    points,
    source: "purchase",
  });
  expect(r.status).toBe(200);
  return r.json.balance as number;
}

/** The prize id of the wheel's slice right under the pointer's tip, as the page shows it now. */
async function sliceUnderPointer(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const svg = document.querySelector("svg.wheel")!;
    const box = svg.getBoundingClientRect();
    // The pointer's tip is at (100, 22) of the 200×200 viewBox; a little below it is inside the slice.
    const x = box.left + box.width / 2;
    const y = box.top + (30 / 200) * box.height;
    const el = document.elementFromPoint(x, y);
    return el?.closest("[data-prize-id]")?.getAttribute("data-prize-id") ?? null;
  });
}

describe("lottery wheel", () => {
  test("the wheel stops on the server's prize; a sold-out prize is never won; the balance follows", async () => {
    const id = await newLottery();
    const { page, problems } = await phonePage(browser());
    const uid = `wheel-${crypto.randomUUID()}`;
    await page.goto(await signAutologinLink(base, TEST_SECRETS.AUTOLOGIN_SECRET, { uid, nickname: "转盘" }));
    let balance = await earn(uid, 200);
    await page.goto(`${base}/lottery/${id}`);
    await page.waitForFunction(() => "htmx" in window);
    expect(await page.locator('tr[data-prize-id="p1"]').getAttribute("data-odds")).toBe("0");
    expect(await page.locator('[data-prize-id="p1"].wheel__seg--out').count()).toBe(1);

    for (let round = 0; round < 3; round++) {
      const key = await page.locator('#lottery-stage input[name="key"]').inputValue();
      await page.click("[data-draw-button]");
      // The answer's stage replaces this one (it carries a fresh key for the next draw).
      await page.waitForFunction(
        (k) => document.querySelector<HTMLInputElement>('#lottery-stage input[name="key"]')?.value !== k,
        key,
      );
      const result = page.locator("#lottery-stage [data-result]");
      const shown = await result.getAttribute("data-prize-id");
      expect(shown).not.toBeNull();
      expect(shown).not.toBe("p1");
      // The result fades in when the spin ends (CSS); then the slice under the pointer must be that prize.
      await page.waitForTimeout(4600);
      expect(await result.isVisible()).toBe(true);
      expect(await sliceUnderPointer(page)).toBe(shown);
      // The server's record of the draw is that prize.
      const draws = await api("GET", `/api/v1/lotteries/${id}/draws?limit=1`);
      expect(draws.json.draws[0]).toMatchObject({ uid, state: "DONE", prize: { id: shown } });
      const won = draws.json.draws[0].prize.kind === "points" ? draws.json.draws[0].prize.points : 0;
      balance = balance - 10 + won;
      expect(await page.locator("#balance-badge").textContent()).toContain(`${balance} 积分`);
    }
    const got = await api("GET", `/api/v1/lotteries/${id}`);
    expect(got.json.prizes[0]).toMatchObject({ awarded: 0, left: 0 });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  test("without JavaScript: the form posts and the answer is the page with the wheel turned to the prize", async () => {
    const id = await newLottery();
    const uid = `nojs-lottery-${crypto.randomUUID()}`;
    const context = await browser().newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    await page.goto(await signAutologinLink(base, TEST_SECRETS.AUTOLOGIN_SECRET, { uid }));
    await earn(uid, 100);
    await page.goto(`${base}/lottery/${id}`);
    await page.click("[data-draw-button]");
    await page.waitForURL(`${base}/lottery/${id}/draw`);
    const shown = await page.locator("[data-result]").getAttribute("data-prize-id");
    expect(shown).toMatch(/^p[234]$/);
    await page.waitForTimeout(4600); // SMIL runs without scripts
    expect(await sliceUnderPointer(page)).toBe(shown);
    await context.close();
  }, 60_000);
});

/** Rubs the foil of the scratch card with the mouse, row by row, as a finger would. */
async function rub(page: Page) {
  const box = (await page.locator(".scratch__foil").boundingBox())!;
  await page.mouse.move(box.x + 2, box.y + 4);
  await page.mouse.down();
  for (let y = 4; y < box.height; y += 14) {
    await page.mouse.move(box.x + 2, box.y + y, { steps: 2 });
    await page.mouse.move(box.x + box.width - 2, box.y + y, { steps: 12 });
  }
  await page.mouse.up();
}

describe("scratch card (刮刮卡)", () => {
  test("the card is rubbed off with a finger and shows the server's prize; the result waits for it; never a sold-out prize", async () => {
    const id = await newLottery("scratch");
    const { page, problems } = await phonePage(browser());
    const uid = `scratch-${crypto.randomUUID()}`;
    await page.goto(await signAutologinLink(base, TEST_SECRETS.AUTOLOGIN_SECRET, { uid, nickname: "刮卡" }));
    let balance = await earn(uid, 200);
    await page.goto(`${base}/lottery/${id}`);
    await page.waitForFunction(() => "htmx" in window);
    for (let round = 0; round < 2; round++) {
      const key = await page.locator('#lottery-stage input[name="key"]').inputValue();
      await page.click("[data-draw-button]");
      await page.waitForFunction(
        (k) => document.querySelector<HTMLInputElement>('#lottery-stage input[name="key"]')?.value !== k,
        key,
      );
      const card = page.locator("details[data-scratch]");
      await page.locator(".scratch__foil").waitFor();
      expect(await card.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      const result = page.locator("#lottery-stage [data-result]");
      expect(await result.evaluate((el) => getComputedStyle(el).opacity)).toBe("0");
      // A tap on the foil does not open the card: only rubbing does.
      await page.locator(".scratch__foil").click();
      expect(await card.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      await rub(page);
      await page.waitForFunction(() => document.querySelector<HTMLDetailsElement>("details[data-scratch]")?.open);
      await page.waitForTimeout(400);
      expect(await result.evaluate((el) => getComputedStyle(el).opacity)).toBe("1");
      const shown = await card.getAttribute("data-prize-id");
      expect(shown).not.toBe("p1");
      expect(await result.getAttribute("data-prize-id")).toBe(shown);
      const draws = await api("GET", `/api/v1/lotteries/${id}/draws?limit=1`);
      expect(draws.json.draws[0]).toMatchObject({ uid, state: "DONE", prize: { id: shown } });
      expect(await page.locator("[data-scratch-prize]").textContent()).toBe(draws.json.draws[0].prize.name);
      const won = draws.json.draws[0].prize.kind === "points" ? draws.json.draws[0].prize.points : 0;
      balance = balance - 10 + won;
      expect(await page.locator("#balance-badge").textContent()).toContain(`${balance} 积分`);
    }
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  test("without JavaScript: a tap on the foil opens the card on the server's prize", async () => {
    const id = await newLottery("scratch");
    const uid = `nojs-scratch-${crypto.randomUUID()}`;
    const context = await browser().newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    await page.goto(await signAutologinLink(base, TEST_SECRETS.AUTOLOGIN_SECRET, { uid }));
    await earn(uid, 100);
    await page.goto(`${base}/lottery/${id}`);
    await page.click("[data-draw-button]");
    await page.waitForURL(`${base}/lottery/${id}/draw`);
    const card = page.locator("details[data-scratch]");
    expect(await card.getAttribute("open")).toBeNull();
    expect(await page.locator("[data-scratch-prize]").isVisible()).toBe(false);
    await page.click("summary.scratch__cover");
    expect(await page.locator("[data-scratch-prize]").isVisible()).toBe(true);
    const draws = await api("GET", `/api/v1/lotteries/${id}/draws?limit=1`);
    expect(draws.json.draws[0]).toMatchObject({ uid, prize: { id: await card.getAttribute("data-prize-id") } });
    expect(await page.locator("[data-scratch-prize]").textContent()).toBe(draws.json.draws[0].prize.name);
    await context.close();
  }, 60_000);
});
