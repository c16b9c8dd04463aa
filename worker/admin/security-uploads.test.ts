// Uploads that are not images never reach /media, whatever their name or declared type: an SVG with a script
// or an HTML page named .png is refused (422) by the item form (new and edit) and the mall's logo/banner, and
// nothing is stored under their bytes; a file that starts like a PNG but carries HTML is only ever served as
// image/png with nosniff and a deny-all policy; /media answers nothing but content-addressed raster keys.
// (storeImage's own refusals, the item form's SVG and the settings' .svg logo are in media.test.ts,
// items.test.ts and settings.test.ts.)
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { itemImages, items } from "../../db/schema";
import { pngBytes } from "../media/test-images";
import { db } from "../redeem/test-support";
import { BASE } from "../shop/test-session";
import { createThroughForm, postMultipart, uniqueSku } from "./items/test-items";
import { mallBody } from "./settings/test-settings";
import { pageCsrf, postForm } from "./test-admin";
import { ownOwner } from "./test-security";

const nonce = () => crypto.randomUUID();
const svgWithScript = () =>
  new TextEncoder().encode(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert("${nonce()}")</script></svg>`);
const htmlPage = () =>
  new TextEncoder().encode(`<!doctype html><html><body><script>alert("${nonce()}")</script></body></html>`);

async function hexOf(bytes: Uint8Array<ArrayBuffer>) {
  return Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("");
}

/** Nothing stored under these bytes' address, whatever the extension, and nothing served there. */
async function expectNotStored(bytes: Uint8Array<ArrayBuffer>) {
  const hex = await hexOf(bytes);
  for (const ext of ["png", "jpg", "gif", "webp", "svg", "html"]) {
    expect(await env.MEDIA.head(`img/${hex}.${ext}`), ext).toBeNull();
    const res = await SELF.fetch(`${BASE}/media/img/${hex}.${ext}`);
    expect(res.status, ext).toBe(404);
    await res.body?.cancel();
  }
}

describe("uploads that are not images", () => {
  it("are refused by the new-item form and the item edit form, storing nothing", async () => {
    const owner = await ownOwner("upl");
    const csrf = await pageCsrf(owner.cookie, "/admin/items/new");
    for (const [what, bytes] of [
      ["svg", svgWithScript()],
      ["html", htmlPage()],
    ] as const) {
      const sku = uniqueSku("UP");
      const res = await postMultipart(
        "/admin/items",
        owner.cookie,
        { _csrf: csrf, sku, name: "上传测试", type: "physical", points: "10", stock: "1" },
        [{ name: "images", file: new File([bytes], "photo.png", { type: "image/png" }) }],
      );
      expect(res.status, what).toBe(422);
      expect(await res.text(), what).toContain('data-field-error="images"');
      expect(await db().select().from(items).where(eq(items.sku, sku)), what).toEqual([]);
      await expectNotStored(bytes);
    }

    const png = await pngBytes(3, 3, Math.floor(Math.random() * 1e6));
    const id = await createThroughForm(owner.cookie, { sku: uniqueSku("UE"), name: "图片保留", points: "10" }, [
      { name: "images", file: new File([png], "a.png") },
    ]);
    const [img] = await db().select().from(itemImages).where(eq(itemImages.itemId, id));
    const editCsrf = await pageCsrf(owner.cookie, `/admin/items/${id}`);
    for (const bytes of [svgWithScript(), htmlPage()]) {
      const res = await postMultipart(
        `/admin/items/${id}`,
        owner.cookie,
        { _csrf: editCsrf, name: "改名", type: "physical", points: "10", keepImage: img!.url },
        [{ name: "images", file: new File([bytes], "more.png", { type: "image/png" }) }],
      );
      expect(res.status).toBe(422);
      await expectNotStored(bytes);
    }
    expect((await db().select().from(items).where(eq(items.id, id)))[0]!.name).toBe("图片保留");
    expect((await db().select().from(itemImages).where(eq(itemImages.itemId, id))).map((i) => i.url)).toEqual([
      img!.url,
    ]);
  });

  it("are refused as the mall's logo or banner, storing nothing", async () => {
    const owner = await ownOwner("upl-set");
    const csrf = await pageCsrf(owner.cookie, "/admin/settings");
    for (const field of ["logo", "banner"]) {
      for (const bytes of [svgWithScript(), htmlPage()]) {
        const res = await postForm(
          "/admin/settings/mall",
          owner.cookie,
          await mallBody(csrf, { [field]: new File([bytes], `${field}.png`, { type: "image/png" }) }),
        );
        expect(res.status, field).toBe(422);
        expect(await res.text(), field).toContain(`data-error-for="mall-${field}"`);
        await expectNotStored(bytes);
      }
    }
  });

  it("a PNG header in front of HTML is stored as a PNG and served only as image/png, nosniff, under a deny-all policy", async () => {
    const owner = await ownOwner("upl-poly");
    const head = await pngBytes(2, 2, Math.floor(Math.random() * 1e6));
    const poly = new Uint8Array([...head, ...htmlPage()]);
    const id = await createThroughForm(owner.cookie, { sku: uniqueSku("PG"), name: "多语文件", points: "10" }, [
      { name: "images", file: new File([poly], "page.html", { type: "text/html" }) },
    ]);
    const [img] = await db().select().from(itemImages).where(eq(itemImages.itemId, id));
    expect(img!.url).toBe(`/media/img/${await hexOf(poly)}.png`);
    const res = await SELF.fetch(`${BASE}${img!.url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    await res.body?.cancel();
  });

  it("/media serves no other kind of key, even one present in the bucket", async () => {
    const bytes = svgWithScript();
    const hex = await hexOf(bytes);
    for (const key of [`img/${hex}.svg`, `img/${hex}.html`, `img/${hex}.png.svg`, `other/${hex}.png`]) {
      await env.MEDIA.put(key, bytes, { httpMetadata: { contentType: "image/svg+xml" } });
      const res = await SELF.fetch(`${BASE}/media/${key}`);
      expect(res.status, key).toBe(404);
      expect(res.headers.get("content-type") ?? "", key).not.toContain("svg");
      await res.body?.cancel();
      await env.MEDIA.delete(key);
    }
  });
});
