// 商品分类 (/admin/items/categories): list, create, rename and re-sort, delete only when no item uses it.
// Each change and its audit row are one write batch.
import { bumpPageVersion, pageVersionBumped } from "../../page-cache/page-version";
import { and, asc, count, eq, notExists, sql } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { z } from "zod";
import { text } from "../../text-rule";
import { categories, items } from "../../../db/schema";
import { AdminCategoriesPage } from "../../../views/admin/items/categories-page";
import { t } from "../../../views/i18n";
import type { AppEnv } from "../../app-env";
import { AppError } from "../../errors";
import { isUniqueViolation } from "../../db-errors";
import { pageResponse } from "../../render";
import { loadSettings } from "../../settings/load-settings";
import { validate } from "../../validate";
import { auditEntry } from "../../audit/audit-log";
import { meView, requireCsrf } from "../context";
import { categoryTarget } from "../../audit/item-audit";

const IdParam = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/)
    .transform(Number),
});
const Name = text({ max: 20 });
const CreateForm = z.object({
  name: Name,
  slug: z
    .string()
    .trim()
    .regex(/^([a-z0-9][a-z0-9-]{0,39})?$/)
    .default(""),
});
const UpdateForm = z.object({
  name: Name,
  sort: z
    .string()
    .trim()
    .regex(/^-?[0-9]{1,6}$/)
    .transform(Number),
});

type Status = 200 | 404 | 409 | 422;

async function categoriesPage(
  c: Context<AppEnv>,
  error?: { categoryId: number | null; message: string },
  status: Status = 200,
) {
  const db = c.var.db;
  const [settings, me, rows] = await Promise.all([
    loadSettings(db),
    meView(c),
    db
      .select({
        id: categories.id,
        slug: categories.slug,
        name: categories.name,
        sort: categories.sort,
        itemCount: count(items.id),
      })
      .from(categories)
      .leftJoin(items, eq(items.categoryId, categories.id))
      .groupBy(categories.id)
      .orderBy(asc(categories.sort), asc(categories.id)),
  ]);
  return pageResponse(
    <AdminCategoriesPage
      brandColor={settings.mall.brandColor}
      timeZone={settings.timeZone}
      me={me}
      categories={rows}
      error={error}
    />,
    settings.mall.brandColor,
    status,
  );
}

function formError(issues: readonly z.core.$ZodIssue[]): string {
  const field = issues[0]?.path[0];
  return field === "slug"
    ? t("admin.categories.badSlug")
    : field === "sort"
      ? t("admin.categories.badSort")
      : t("admin.categories.badName");
}

export const categoryRoutes = new Hono<AppEnv>()
  .get("/", (c) => categoriesPage(c))

  .post("/", async (c) => {
    const form = await c.req.parseBody();
    await requireCsrf(c, form._csrf);
    const parsed = CreateForm.safeParse(form);
    if (!parsed.success) return categoriesPage(c, { categoryId: null, message: formError(parsed.error.issues) }, 422);
    const { name } = parsed.data;
    const slug = parsed.data.slug || `c-${crypto.randomUUID().slice(0, 8)}`;
    const db = c.var.db;
    const now = Date.now();
    const [maxRow] = await db.select({ max: sql<number>`coalesce(max(${categories.sort}), 0)` }).from(categories);
    const sort = (maxRow?.max ?? 0) + 10;
    try {
      await db.batch([
        db.insert(categories).values({ slug, name, sort, createdAt: now }),
        db.run(
          sql`insert into audit_log (actor, action, target, before, after, at) select ${c.var.admin.email}, 'category.create', 'category:' || id, null, ${JSON.stringify({ name, slug, sort })}, ${now} from categories where slug = ${slug}`,
        ),
        bumpPageVersion(db, now), // the guest listings show the category tabs
      ]);
      pageVersionBumped();
    } catch (err) {
      if (!isUniqueViolation(err, "categories.slug")) throw err;
      return categoriesPage(c, { categoryId: null, message: t("admin.categories.slugTaken") }, 409);
    }
    return c.redirect("/admin/items/categories", 303);
  })

  .post("/:id", validate("param", IdParam, "NOT_FOUND"), async (c) => {
    const id = c.req.valid("param").id;
    const form = await c.req.parseBody();
    await requireCsrf(c, form._csrf);
    const parsed = UpdateForm.safeParse(form);
    if (!parsed.success) return categoriesPage(c, { categoryId: id, message: formError(parsed.error.issues) }, 422);
    const db = c.var.db;
    const row = (await db.select().from(categories).where(eq(categories.id, id)).limit(1))[0];
    if (!row) throw new AppError("CATEGORY_NOT_FOUND");
    const { name, sort } = parsed.data;
    if (row.name !== name || row.sort !== sort) {
      const now = Date.now();
      await db.batch([
        db.update(categories).set({ name, sort }).where(eq(categories.id, id)),
        auditEntry(db, {
          actor: c.var.admin.email,
          action: "category.update",
          target: categoryTarget(id),
          before: { name: row.name, sort: row.sort },
          after: { name, sort },
          at: now,
        }),
        bumpPageVersion(db, now),
      ]);
      pageVersionBumped();
    }
    return c.redirect("/admin/items/categories", 303);
  })

  .post("/:id/delete", validate("param", IdParam, "NOT_FOUND"), async (c) => {
    const id = c.req.valid("param").id;
    const form = await c.req.parseBody();
    await requireCsrf(c, form._csrf);
    const db = c.var.db;
    const [rows, used] = await db.batch([
      db.select().from(categories).where(eq(categories.id, id)).limit(1),
      db.select({ n: count() }).from(items).where(eq(items.categoryId, id)),
    ]);
    const row = rows[0];
    if (!row) return c.redirect("/admin/items/categories", 303); // already gone: a repeated delete
    const n = used[0]?.n ?? 0;
    if (n > 0)
      return categoriesPage(
        c,
        { categoryId: id, message: t("admin.categories.inUse", { name: row.name, count: n }) },
        409,
      );
    const now = Date.now();
    const unused = notExists(db.select({ one: sql`1` }).from(items).where(eq(items.categoryId, id)));
    const [deleted] = await db.batch([
      db
        .delete(categories)
        .where(and(eq(categories.id, id), unused))
        .returning({ id: categories.id }),
      db.run(
        sql`insert into audit_log (actor, action, target, before, after, at) select ${c.var.admin.email}, 'category.delete', ${categoryTarget(id)}, ${JSON.stringify({ name: row.name, slug: row.slug, sort: row.sort })}, null, ${now} where changes() > 0`,
      ),
      bumpPageVersion(db, now),
    ]);
    pageVersionBumped();
    if (deleted.length === 0)
      return categoriesPage(
        c,
        { categoryId: id, message: t("admin.categories.inUse", { name: row.name, count: 1 }) },
        409,
      );
    return c.redirect("/admin/items/categories", 303);
  });
