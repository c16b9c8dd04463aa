// 商品管理 through the real Worker: create with an uploaded image (stored in R2, served at /media), field
// errors as 422 with nothing written, edit and shelf toggles with their audit rows, the list's search and
// filters, and the preview of an off-shelf item.
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../../db/client";
import { auditLog, itemImages, items, stockShardProjection } from "../../../db/schema";
import { pngBytes, SVG } from "../../media/test-images";
import { BASE, get, post } from "../../shop/test-session";
import { login, OWNER, pageCsrf } from "../test-admin";
import { createThroughForm, postMultipart, uniqueSku } from "./test-items";

const db = () => getDb(env.TURSO_DATABASE_URL);
const auditOf = (target: string, action: string) =>
  db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.target, target), eq(auditLog.action, action)));
const fieldError = (html: string, field: string) =>
  new RegExp(`data-field-error="${field}"[^>]*>([^<]+)<`).exec(html)?.[1] ?? null;

describe("items in the console", () => {
  it("creates an item with every field and an uploaded PNG; the image is served from R2; audited", async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const sku = uniqueSku("IMG");
    const png = await pngBytes(12, 9, Math.floor(Math.random() * 1e6));
    const id = await createThroughForm(
      owner,
      {
        sku,
        name: "测试马克杯",
        type: "physical",
        points: "300",
        cashYuan: "9.9",
        originalPoints: "500",
        stock: "25",
        perMemberLimit: "2",
        description: "一只杯子",
        saleStartsAt: "2030-05-01T10:00",
        saleEndsAt: "2030-05-01T12:00",
        tiers: ["gold", "diamond"],
      },
      [{ name: "images", file: new File([png], "mug.svg", { type: "image/svg+xml" }) }],
    );
    const row = (await db().select().from(items).where(eq(items.id, id)))[0]!;
    expect(row).toMatchObject({
      sku,
      name: "测试马克杯",
      points: 300,
      cashFen: 990,
      originalPoints: 500,
      initialStock: 25,
      perMemberLimit: 2,
      tiers: ["gold", "diamond"],
    });
    // datetime-local in the merchant's zone (Asia/Shanghai by default): 10:00 +08:00
    expect(row.saleStartsAt).toBe(Date.parse("2030-05-01T10:00:00+08:00"));
    expect(row.saleEndsAt).toBe(Date.parse("2030-05-01T12:00:00+08:00"));
    const imgs = await db().select().from(itemImages).where(eq(itemImages.itemId, id));
    expect(imgs).toHaveLength(1);
    expect(imgs[0]).toMatchObject({ width: 12, height: 9, alt: "测试马克杯" });
    expect(imgs[0]!.url).toMatch(/^\/media\/img\/[0-9a-f]{64}\.png$/);
    const served = await SELF.fetch(`${BASE}${imgs[0]!.url}`);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(png);

    const audit = await auditOf(`item:${id}`, "item.create");
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe(OWNER.email);
    expect(audit[0]!.after).toMatchObject({ sku, points: 300, stock: 25 });

    // the edit page shows the stored values back (yuan, local times, tiers)
    const html = await (await get(`/admin/items/${id}`, owner)).text();
    expect(html).toContain('value="9.90"');
    expect(html).toContain('value="2030-05-01T10:00"');
    expect(html).toMatch(/value="gold"[^>]*checked/);
  });

  it("refuses invalid fields with 422 next to each field and writes nothing", async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const csrf = await pageCsrf(owner, "/admin/items/new");
    const sku = uniqueSku("BAD");
    const res = await postMultipart("/admin/items", owner, {
      _csrf: csrf,
      sku,
      name: "",
      type: "physical",
      points: "abc",
      stock: "1",
      cashYuan: "1.234",
      saleStartsAt: "2030-01-01T10:00",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(fieldError(html, "name")).toBeTruthy();
    expect(fieldError(html, "points")).toBeTruthy();
    expect(fieldError(html, "cashYuan")).toBeTruthy();
    expect(fieldError(html, "saleEndsAt") ?? fieldError(html, "saleStartsAt")).toBeTruthy();
    expect(html).toContain(`value="${sku}"`); // the form comes back as typed
    expect(await db().select().from(items).where(eq(items.sku, sku))).toHaveLength(0);

    // an SVG (or any non-image) upload: 422 on the images field, no item, nothing stored
    const svgRes = await postMultipart(
      "/admin/items",
      owner,
      { _csrf: csrf, sku, name: "好名字", type: "physical", points: "10", stock: "1" },
      [{ name: "images", file: new File([SVG], "a.png", { type: "image/png" }) }],
    );
    expect(svgRes.status).toBe(422);
    expect(fieldError(await svgRes.text(), "images")).toContain("图片格式不支持");
    expect(await db().select().from(items).where(eq(items.sku, sku))).toHaveLength(0);

    // without the CSRF token: 403, nothing written
    const forged = await postMultipart("/admin/items", owner, {
      sku,
      name: "好名字",
      type: "physical",
      points: "10",
      stock: "1",
    });
    expect(forged.status).toBe(403);
    expect(await db().select().from(items).where(eq(items.sku, sku))).toHaveLength(0);
  });

  it("sets the stock's shard count on create only (1–16; default 1, a flash sale 4); the edit form shows it, fixed", async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const form = await (await get("/admin/items/new", owner)).text();
    expect(form).toMatch(/<input[^>]*name="stockShards"/);
    const csrf = await pageCsrf(owner, "/admin/items/new");
    for (const bad of ["0", "17", "2.5", "abc", "-1"]) {
      const sku = uniqueSku("SHB");
      const fields = { _csrf: csrf, sku, name: "分片", type: "virtual", points: "1", stock: "8", stockShards: bad };
      const res = await postMultipart("/admin/items", owner, fields);
      expect(res.status, bad).toBe(422);
      const html = await res.text();
      expect(fieldError(html, "stockShards"), bad).toBeTruthy();
      expect(html).toContain(`value="${bad}"`); // the form comes back as typed
      expect(await db().select().from(items).where(eq(items.sku, sku))).toHaveLength(0);
    }

    const id = await createThroughForm(owner, {
      sku: uniqueSku("SH"),
      name: "分片商品",
      points: "10",
      stockShards: "8",
    });
    expect((await db().select().from(items).where(eq(items.id, id)))[0]).toMatchObject({ stockShards: 8 });
    const shardRows = await db().select().from(stockShardProjection).where(eq(stockShardProjection.itemId, id));
    expect(shardRows.map((r) => r.onHand).sort()).toEqual([1, 1, 1, 1, 1, 1, 2, 2]); // 10 over 8
    const edit = await (await get(`/admin/items/${id}`, owner)).text();
    expect(edit).toMatch(/data-item-shards[^>]*>8</);
    expect(edit).not.toMatch(/<input[^>]*name="stockShards"/);
    expect(edit).toContain("可兑 10");

    // An edit cannot change it (not a field of the patch): a posted value is ignored, a refused edit shows it.
    const editCsrf = await pageCsrf(owner, `/admin/items/${id}`);
    const edited = { _csrf: editCsrf, name: "分片商品", type: "physical", points: "11", stockShards: "2" };
    expect((await postMultipart(`/admin/items/${id}`, owner, edited)).status).toBe(303);
    expect((await db().select().from(items).where(eq(items.id, id)))[0]).toMatchObject({ stockShards: 8, points: 11 });
    const refused = await postMultipart(`/admin/items/${id}`, owner, { ...edited, points: "abc" });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toMatch(/data-item-shards[^>]*>8</);

    const plain = await createThroughForm(owner, { sku: uniqueSku("SH1"), name: "普通", points: "10" });
    const flash = await createThroughForm(owner, {
      sku: uniqueSku("SH4"),
      name: "秒杀",
      points: "10",
      saleStartsAt: "2031-01-01T10:00",
      saleEndsAt: "2031-01-01T12:00",
    });
    const shardsOf = async (itemId: number) =>
      (await db().select().from(items).where(eq(items.id, itemId)))[0]!.stockShards;
    expect(await shardsOf(plain)).toBe(1);
    expect(await shardsOf(flash)).toBe(4);
  });

  it("edits an item (before/after audited), refuses a bad edit with nothing changed, and keeps or removes images", async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const png = await pngBytes(4, 4, Math.floor(Math.random() * 1e6));
    const id = await createThroughForm(owner, { sku: uniqueSku("ED"), name: "原名", points: "100" }, [
      { name: "images", file: new File([png], "a.png") },
    ]);
    const [img] = await db().select().from(itemImages).where(eq(itemImages.itemId, id));
    const csrf = await pageCsrf(owner, `/admin/items/${id}`);

    const bad = await postMultipart(`/admin/items/${id}`, owner, {
      _csrf: csrf,
      name: "新名",
      type: "physical",
      points: "0",
      keepImage: img!.url,
      visibleFrom: "2030-02-01T00:00",
      visibleUntil: "2030-01-01T00:00",
    });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(fieldError(badHtml, "points")).toBeTruthy();
    expect(fieldError(badHtml, "visibleUntil")).toBeTruthy();
    expect((await db().select().from(items).where(eq(items.id, id)))[0]).toMatchObject({ name: "原名", points: 100 });

    const ok = await postMultipart(`/admin/items/${id}`, owner, {
      _csrf: csrf,
      name: "新名",
      type: "physical",
      points: "120",
      description: "说明",
    });
    expect(ok.status).toBe(303);
    expect((await db().select().from(items).where(eq(items.id, id)))[0]).toMatchObject({
      name: "新名",
      points: 120,
      description: "说明",
    });
    expect(await db().select().from(itemImages).where(eq(itemImages.itemId, id))).toHaveLength(0); // not kept
    const audit = await auditOf(`item:${id}`, "item.update");
    expect(audit).toHaveLength(1);
    expect(audit[0]!.before).toMatchObject({ name: "原名", points: 100, images: [img!.url] });
    expect(audit[0]!.after).toMatchObject({ name: "新名", points: 120, images: [] });
  });

  it("takes an item off the shelf and back from the list (audited), and previews it as shoppers see it", async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const sku = uniqueSku("SH");
    const id = await createThroughForm(owner, { sku, name: "上架测试", points: "50" });
    const csrf = await pageCsrf(owner, "/admin/items");
    const off = await post(`/admin/items/${id}/shelf`, owner, {
      _csrf: csrf,
      onShelf: "false",
      back: `/admin/items?q=${sku}`,
    });
    expect(off.status).toBe(303);
    expect(off.headers.get("location")).toBe(`/admin/items?q=${sku}`);
    expect((await db().select().from(items).where(eq(items.id, id)))[0]!.onShelf).toBe(false);
    expect(await auditOf(`item:${id}`, "item.shelf")).toHaveLength(1);

    // the list: search by SKU and the off-shelf filter find it; the on-shelf filter does not
    const found = await (await get(`/admin/items?q=${sku}&shelf=off`, owner)).text();
    expect(found).toContain(`data-item-id="${id}"`);
    expect(await (await get(`/admin/items?q=${sku}&shelf=on`, owner)).text()).not.toContain(`data-item-id="${id}"`);

    // the shopper's page is gone, the preview still shows it, marked and inert
    expect((await get(`/items/${id}`)).status).toBe(404);
    const preview = await get(`/admin/items/${id}/preview`, owner);
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain(`data-preview="${id}"`);
    expect(html).toContain("上架测试");
    expect(html).toMatch(/<button[^>]*disabled[^>]*data-preview-redeem/);
    expect(html).not.toContain('action="/items/');

    const on = await post(`/admin/items/${id}/shelf`, owner, { _csrf: csrf, onShelf: "true" });
    expect(on.status).toBe(303);
    expect((await db().select().from(items).where(eq(items.id, id)))[0]!.onShelf).toBe(true);
    expect(await auditOf(`item:${id}`, "item.shelf")).toHaveLength(2);
    expect((await get(`/items/${id}`)).status).toBe(200);
  });

  it("lets an operator manage items; the list pages by cursor and filters flash sales and types", async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const email = `items-op-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const made = await post("/admin/users", owner, { _csrf: await pageCsrf(owner, "/admin/users"), email });
    const password = /data-initial-password="?[^>]*>([^<]+)</.exec(await made.text())![1]!;
    const operator = await login(email, password);

    const tag = crypto.randomUUID().slice(0, 8);
    const flash = await createThroughForm(operator, {
      sku: uniqueSku("FL"),
      name: `秒杀${tag}`,
      points: "10",
      saleStartsAt: "2031-01-01T10:00",
      saleEndsAt: "2031-01-01T11:00",
    });
    const plain = await createThroughForm(operator, {
      sku: uniqueSku("PL"),
      name: `普通${tag}`,
      type: "virtual",
      points: "10",
    });
    const list = async (qs: string) => await (await get(`/admin/items?${qs}`, operator)).text();

    const flashOnly = await list(`q=${tag}&flash=1`);
    expect(flashOnly).toContain(`data-item-id="${flash}"`);
    expect(flashOnly).not.toContain(`data-item-id="${plain}"`);
    const virtual = await list(`q=${tag}&type=virtual`);
    expect(virtual).toContain(`data-item-id="${plain}"`);
    expect(virtual).not.toContain(`data-item-id="${flash}"`);
    // newest first; a cursor continues below the given id
    const both = await list(`q=${tag}`);
    expect(both.indexOf(`data-item-id="${plain}"`)).toBeLessThan(both.indexOf(`data-item-id="${flash}"`));
    const below = await list(`q=${tag}&cursor=${plain}`);
    expect(below).toContain(`data-item-id="${flash}"`);
    expect(below).not.toContain(`data-item-id="${plain}"`);
    expect((await get("/admin/items?type=nonsense", operator)).status).toBe(400);

    const audit = await auditOf(`item:${plain}`, "item.create");
    expect(audit[0]!.actor).toBe(email);
  });
});
