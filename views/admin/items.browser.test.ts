// 商品管理 in Chromium: the owner signs in, creates an item with an uploaded PNG (a real file built here),
// and the shopper's home page then shows that item's card with its image actually loaded from /media.
import { deflateSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { adminLogin } from "../../test/admin-browser";
import { launchBrowser, phonePage } from "../../test/browser";

const base = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

function crc32(bytes: Buffer): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A real 32 × 24 RGB PNG (a gradient, so every run's bytes differ with `seed`). */
function png(width: number, height: number, seed: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.set([seed & 255, (x * 8) & 255, (y * 10) & 255], y * (1 + width * 3) + 1 + x * 3);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

test("owner: create an item with an uploaded image → the shopper's home shows its card with the image loaded", async () => {
  const { page, problems } = await phonePage(browser);
  await adminLogin(page, base);

  await page.goto(`${base}/admin/items`);
  await page.click("[data-new-item]");
  await page.waitForURL(`${base}/admin/items/new`);
  const stamp = Date.now().toString(36);
  const name = `浏览器上架${stamp}`;
  await page.fill("#item-sku", `BR-${stamp}`);
  await page.fill("#item-name", name);
  await page.fill("#item-points", "88");
  await page.fill("#item-stock", "20");
  await page.fill("#item-description", "浏览器测试创建的商品");
  await page.setInputFiles("#item-images", { name: "photo.png", mimeType: "image/png", buffer: png(32, 24, Date.now()) });
  await Promise.all([page.waitForURL(/\/admin\/items\/[0-9]+\?notice=created$/), page.click("form[data-item-form='create'] button[type=submit]")]);
  const id = Number(/\/admin\/items\/([0-9]+)/.exec(page.url())![1]);
  expect(await page.locator("[data-notice]").count()).toBe(1);
  expect(await page.locator("[data-live-stock]").getAttribute("data-live-stock")).toBe("20");
  const kept = page.locator(".aitem__image img");
  expect(await kept.getAttribute("src")).toMatch(/^\/media\/img\/[0-9a-f]{64}\.png$/);

  // the shopper's home (searching for it, as the catalogue is shared with other tests)
  await page.goto(`${base}/?q=${encodeURIComponent(name)}`);
  const card = page.locator(`a.card[href='/items/${id}']`);
  await card.waitFor();
  expect(await card.locator(".card__name").textContent()).toBe(name);
  const img = card.locator("img.card__img");
  await img.scrollIntoViewIfNeeded();
  await page.waitForFunction((el) => el instanceof HTMLImageElement && el.complete && el.naturalWidth > 0, await img.elementHandle(), { timeout: 10_000 });
  expect(await img.evaluate((el: HTMLImageElement) => [el.naturalWidth, el.naturalHeight])).toEqual([32, 24]);

  // the preview: the shopper's page, marked, its redeem button inert
  await page.goto(`${base}/admin/items/${id}/preview`);
  await page.locator(`[data-preview='${id}']`).waitFor();
  expect(await page.locator("[data-preview-redeem]").isDisabled()).toBe(true);
  expect(await page.locator("h1").textContent()).toBe(name);
  expect(problems).toEqual([]);
});
