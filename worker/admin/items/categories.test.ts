// 商品分类 in the console: create, rename/re-sort, delete refused while an item uses it; all audited.
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../../db/client";
import { auditLog, categories, items } from "../../../db/schema";
import { get, post } from "../../shop/test-session";
import { login, OWNER, pageCsrf } from "../test-admin";
import { createThroughForm, postMultipart, uniqueSku } from "./test-items";

const db = () => getDb(env.TURSO_DATABASE_URL);
const audits = (id: number, action: string) =>
  db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.target, `category:${id}`), eq(auditLog.action, action)));

describe("categories in the console", () => {
  it("creates, renames and re-sorts, refuses deleting one in use, deletes an empty one", async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const csrf = await pageCsrf(owner, "/admin/items/categories");
    const slug = `t-${crypto.randomUUID().slice(0, 8)}`;
    const created = await post("/admin/items/categories", owner, { _csrf: csrf, name: "测试分类", slug });
    expect(created.status).toBe(303);
    const cat = (await db().select().from(categories).where(eq(categories.slug, slug)))[0]!;
    expect(cat.name).toBe("测试分类");
    expect(await audits(cat.id, "category.create")).toHaveLength(1);

    // the same slug again: refused
    expect((await post("/admin/items/categories", owner, { _csrf: csrf, name: "另一个", slug })).status).toBe(409);
    // a bad name: 422
    expect((await post(`/admin/items/categories/${cat.id}`, owner, { _csrf: csrf, name: "", sort: "1" })).status).toBe(
      422,
    );

    const renamed = await post(`/admin/items/categories/${cat.id}`, owner, {
      _csrf: csrf,
      name: "改名分类",
      sort: "-5",
    });
    expect(renamed.status).toBe(303);
    expect((await db().select().from(categories).where(eq(categories.id, cat.id)))[0]).toMatchObject({
      name: "改名分类",
      sort: -5,
    });
    const upd = await audits(cat.id, "category.update");
    expect(upd).toHaveLength(1);
    expect(upd[0]!.before).toMatchObject({ name: "测试分类" });
    expect(upd[0]!.after).toMatchObject({ name: "改名分类", sort: -5 });

    const itemId = await createThroughForm(owner, {
      sku: uniqueSku("CAT"),
      name: "分类里的商品",
      points: "10",
      categoryId: String(cat.id),
    });
    expect((await db().select().from(items).where(eq(items.id, itemId)))[0]!.categoryId).toBe(cat.id);
    const refused = await post(`/admin/items/categories/${cat.id}/delete`, owner, { _csrf: csrf });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain(`data-category-error="${cat.id}"`);
    expect(await db().select().from(categories).where(eq(categories.id, cat.id))).toHaveLength(1);
    expect(await audits(cat.id, "category.delete")).toHaveLength(0);

    // the list filters by category
    expect(await (await get(`/admin/items?category=${cat.id}`, owner)).text()).toContain(`data-item-id="${itemId}"`);

    // move the item out, then delete
    const itemCsrf = await pageCsrf(owner, `/admin/items/${itemId}`);
    expect(
      (
        await postMultipart(`/admin/items/${itemId}`, owner, {
          _csrf: itemCsrf,
          name: "分类里的商品",
          type: "physical",
          points: "10",
          categoryId: "",
        })
      ).status,
    ).toBe(303);
    const deleted = await post(`/admin/items/categories/${cat.id}/delete`, owner, { _csrf: csrf });
    expect(deleted.status).toBe(303);
    expect(await db().select().from(categories).where(eq(categories.id, cat.id))).toHaveLength(0);
    const del = await audits(cat.id, "category.delete");
    expect(del).toHaveLength(1);
    expect(del[0]!.before).toMatchObject({ name: "改名分类", slug });
  });
});
