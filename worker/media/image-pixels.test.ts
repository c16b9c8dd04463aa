// Uploads over 4096 px on either side (a post made without the console's in-browser shrinking) are refused with
// 422 and the size message next to the field, storing nothing; 4096 px itself is accepted.
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { items } from "../../db/schema";
import { t } from "../../views/i18n";
import { postMultipart, uniqueSku } from "../admin/items/test-items";
import { mallBody, settingsRow } from "../admin/settings/test-settings";
import { pageCsrf, postForm } from "../admin/test-admin";
import { ownOwner } from "../admin/test-security";
import { db } from "../redeem/test-support";
import { BASE } from "../shop/test-session";
import { storeImage } from "./store-image";
import { pngBytes } from "./test-images";

const seed = () => Math.floor(Math.random() * 1e6);
const MESSAGE = t("error.IMAGE_TOO_MANY_PIXELS");

async function expectNotStored(bytes: Uint8Array<ArrayBuffer>) {
  const hex = Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("");
  expect(await env.MEDIA.head(`img/${hex}.png`)).toBeNull();
  const res = await SELF.fetch(`${BASE}/media/img/${hex}.png`);
  expect(res.status).toBe(404);
  await res.body?.cancel();
}

describe("images over 4096 px", () => {
  it("storeImage refuses 4097 px on either side with IMAGE_TOO_MANY_PIXELS and stores 4096 px", async () => {
    for (const [w, h] of [
      [4097, 1],
      [1, 4097],
    ] as const) {
      const bytes = await pngBytes(w, h, seed());
      expect(await storeImage(env.MEDIA, new File([bytes], "a.png")), `${w}×${h}`).toEqual({
        ok: false,
        code: "IMAGE_TOO_MANY_PIXELS",
      });
      await expectNotStored(bytes);
    }
    expect(await storeImage(env.MEDIA, new File([await pngBytes(4096, 1, seed())], "a.png"))).toMatchObject({
      ok: true,
      width: 4096,
      height: 1,
    });
  });

  it("a 5000×10 PNG posted to the new-item form: 422 with the size message at the images field, no item, nothing stored", async () => {
    const owner = await ownOwner("px");
    const csrf = await pageCsrf(owner.cookie, "/admin/items/new");
    const bytes = await pngBytes(5000, 10, seed());
    const sku = uniqueSku("PX");
    const res = await postMultipart(
      "/admin/items",
      owner.cookie,
      { _csrf: csrf, sku, name: "超大图片", type: "physical", points: "10", stock: "1" },
      [{ name: "images", file: new File([bytes], "wide.png", { type: "image/png" }) }],
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(
      new RegExp(`data-field-error="images"[^>]*>\\s*wide\\.png: ${MESSAGE.replace(/[()（）]/g, ".")}`),
    );
    expect(await db().select().from(items).where(eq(items.sku, sku))).toEqual([]);
    await expectNotStored(bytes);
  });

  it("a 5000×10 PNG as the mall's logo or banner: 422 with the size message at that field, settings unchanged, nothing stored", async () => {
    const owner = await ownOwner("px-set");
    const csrf = await pageCsrf(owner.cookie, "/admin/settings");
    for (const field of ["logo", "banner"]) {
      const before = await settingsRow();
      const bytes = await pngBytes(5000, 10, seed());
      const res = await postForm(
        "/admin/settings/mall",
        owner.cookie,
        await mallBody(csrf, { [field]: new File([bytes], `${field}.png`, { type: "image/png" }) }),
      );
      expect(res.status, field).toBe(422);
      const html = await res.text();
      expect(html, field).toMatch(
        new RegExp(`data-error-for="mall-${field}"[^>]*>\\s*${MESSAGE.replace(/[()（）]/g, ".")}`),
      );
      const after = await settingsRow();
      expect([after.logoUrl, after.bannerUrl], field).toEqual([before.logoUrl, before.bannerUrl]);
      await expectNotStored(bytes);
    }
  });
});
