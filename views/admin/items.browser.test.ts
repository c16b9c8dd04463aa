// 商品管理 in Chromium: the owner signs in, creates an item with an uploaded PNG (a real file: worker/media/test-images),
// and the shopper's home page then shows that item's card with its image actually loaded from /media.
import { expect, test } from "vitest";
import { adminLogin } from "../../test/admin-browser";
import { phonePage, useBrowser } from "../../test/browser";
import { pngBytes } from "../../worker/media/test-images";

const { base, browser } = useBrowser();

test("owner: create an item with an uploaded image → the shopper's home shows its card with the image loaded", async () => {
  const { page, problems } = await phonePage(browser());
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
  await page.setInputFiles("#item-images", { name: "photo.png", mimeType: "image/png", buffer: Buffer.from(await pngBytes(32, 24, Date.now())) });
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
