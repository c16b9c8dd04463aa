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
  await page.setInputFiles("#item-images", {
    name: "photo.png",
    mimeType: "image/png",
    buffer: Buffer.from(await pngBytes(32, 24, Date.now())),
  });
  await Promise.all([
    page.waitForURL(/\/admin\/items\/[0-9]+\?notice=created$/),
    page.click("form[data-item-form='create'] button[type=submit]"),
  ]);
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
  await page.waitForFunction(
    (el) => el instanceof HTMLImageElement && el.complete && el.naturalWidth > 0,
    await img.elementHandle(),
    { timeout: 10_000 },
  );
  expect(await img.evaluate((el: HTMLImageElement) => [el.naturalWidth, el.naturalHeight])).toEqual([32, 24]);

  // the preview: the shopper's page, marked, its redeem button inert
  await page.goto(`${base}/admin/items/${id}/preview`);
  await page.locator(`[data-preview='${id}']`).waitFor();
  expect(await page.locator("[data-preview-redeem]").isDisabled()).toBe(true);
  expect(await page.locator("h1").textContent()).toBe(name);
  // at 390px nothing sticks out sideways (the banner used to sit in the non-wrapping header bar)
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await page.locator(".bar a[href='/admin/items/" + id + "']").count()).toBe(1);
  // the audit log's row for the creation (its image URL is one long word) wraps within a 390px phone
  await page.goto(`${base}/admin/audit`);
  expect(await page.locator(".audit__row[data-action='item.create']", { hasText: `BR-${stamp}` }).count()).toBe(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // the categories page: its slug pattern is a valid regular expression (Chromium compiles it with the v flag)
  await page.goto(`${base}/admin/items/categories`);
  expect(
    await page.locator("#new-category-slug").evaluate((el: HTMLInputElement) => {
      el.value = "Bad Slug";
      return el.validity.patternMismatch;
    }),
  ).toBe(true);
  // …and at 390px a category's row does not pile its inputs onto its item count
  const row = page.locator("[data-category-id]").first();
  const [sort, count] = [
    await row.locator(".acat__sort").boundingBox(),
    await row.locator(":scope > .muted").boundingBox(),
  ];
  const overlap = (a: typeof sort, b: typeof sort) =>
    !!a && !!b && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  expect(overlap(sort, count)).toBe(false);
  expect(await row.locator("input[name=name]").evaluate((el) => el.getBoundingClientRect().right)).toBeLessThanOrEqual(
    390,
  );
  expect(problems).toEqual([]);
});
