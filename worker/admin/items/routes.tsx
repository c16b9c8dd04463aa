// 商品管理 (/admin/items, owners and operators): list with search and filters, create and edit every field
// the Merchant API has (through the same createItem/patchItem), images uploaded to R2, on/off shelf, stock
// adjustments and coupon-code imports (stock-routes.tsx), categories (category-routes.tsx), and a preview
// as shoppers see it.
import { Hono } from "hono";
import { z } from "zod";
import { text } from "../../text-rule";
import { AdminItemsPage } from "../../../views/admin/items/items-page";
import type { FieldErrors } from "../../../views/admin/items/types";
import type { ItemListFilter } from "../../../views/admin/items/items-page";
import { t } from "../../../views/i18n";
import { ItemPage } from "../../../views/pages/item-page";
import { PreviewBackLink, PreviewBanner, PreviewRedeem } from "../../../views/admin/items/preview-bar";
import type { AppEnv } from "../../app-env";
import { AppError } from "../../errors";
import { createItem, patchItem, readItem } from "../../items";
import { itemRefusalText } from "../../outcome-text";
import { pageResponse } from "../../render";
import { validate } from "../../validate";
import { meView, requireCsrf } from "../context";
import { categoryRoutes } from "./category-routes";
import { auditEntry } from "../../audit/audit-log";
import { createAudit, itemDiff, itemTarget } from "../../audit/item-audit";
import { emptyItemForm, invalidToErrors, readItemForm, toCreateBody, toPatchBody } from "./item-form";
import { listItems } from "./item-list";
import { createPage, editPage, formContext } from "./item-pages";
import { previewItem } from "./preview";
import { stockRoutes } from "./stock-routes";
import { pending, uploadImages, withAlt } from "./upload-images";
import { ITEM_TYPES } from "../../../domain";

const CSRF = "_csrf";
const ListQuery = z.object({
  q: text({ max: 64, min: 0 }).default(""),
  category: z
    .string()
    .regex(/^[0-9]{0,12}$/)
    .default(""),
  type: z.enum(["", ...ITEM_TYPES]).default(""),
  shelf: z.enum(["", "on", "off"]).default(""),
  flash: z.enum(["", "1"]).default(""),
  cursor: z
    .string()
    .regex(/^[0-9]{1,12}$/)
    .optional(),
});
const IdParam = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/)
    .transform(Number),
});
const ShelfForm = z.object({
  onShelf: z.enum(["true", "false"]),
  back: z
    .string()
    .regex(/^\/admin\/items(\/[0-9]+)?(\?[^\s]*)?$/)
    .optional(),
});

type FormBody = Record<string, string | File | (string | File)[]>;

export const adminItemsRoutes = new Hono<AppEnv>()
  .route("/categories", categoryRoutes)
  .route("/", stockRoutes)

  .get("/", validate("query", ListQuery, "BAD_FILTER"), async (c) => {
    const { cursor, ...filter } = c.req.valid("query") as ItemListFilter & { cursor?: string };
    const [page, ctx, me] = await Promise.all([
      listItems(c.var.db, filter, cursor === undefined ? undefined : Number(cursor)),
      formContext(c),
      meView(c),
    ]);
    const qs = (extra: Record<string, string>) => {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries({ ...filter, ...extra })) if (v) p.set(k, v);
      const s = p.toString();
      return s ? `/admin/items?${s}` : "/admin/items";
    };
    return pageResponse(
      <AdminItemsPage
        brandColor={ctx.settings.mall.brandColor}
        timeZone={ctx.settings.timeZone}
        me={me}
        filter={filter}
        categories={ctx.categories}
        rows={page.rows}
        nextHref={page.nextCursor === null ? null : qs({ cursor: String(page.nextCursor) })}
        self={qs(cursor ? { cursor } : {})}
      />,
      ctx.settings.mall.brandColor,
    );
  })

  .get("/new", (c) => createPage(c, emptyItemForm()))

  .post("/", async (c) => {
    const form = (await c.req.parseBody({ all: true })) as FormBody;
    await requireCsrf(c, form[CSRF]);
    const { settings } = await formContext(c);
    const { values, files } = readItemForm(form, []);
    const checked = toCreateBody(values, pending(files), settings.timeZone);
    if (!checked.ok) return createPage(c, values, checked.errors, 422);
    const up = await uploadImages(c, files);
    if (!up.ok) return createPage(c, values, { images: up.error }, 422);
    const body = { ...checked.body, images: up.images.length ? withAlt(up.images, checked.body.name) : undefined };
    if (!body.images) delete body.images;
    const now = Date.now();
    const r = await createItem(c.var.db, body, now, [createAudit(c.var.db, c.var.admin.email, body.sku, body, now)]);
    if (!r.ok) {
      const errors: FieldErrors =
        r.code === "SKU_TAKEN" ? { sku: `${t("error.SKU_TAKEN")}（${itemRefusalText(r)}）` } : invalidToErrors(r);
      return createPage(c, values, errors, r.code === "SKU_TAKEN" ? 409 : 422);
    }
    return c.redirect(`/admin/items/${r.id}?notice=${r.created ? "created" : "saved"}`, 303);
  })

  .get("/:id{[0-9]+}", validate("param", IdParam, "NOT_FOUND"), async (c) => {
    const notice = c.req.query("notice");
    return editPage(c, c.req.valid("param").id, {
      notice: notice && /^[a-z]{1,12}$/.test(notice) ? notice : undefined,
    });
  })

  .post("/:id{[0-9]+}", validate("param", IdParam, "NOT_FOUND"), async (c) => {
    const id = c.req.valid("param").id;
    const form = (await c.req.parseBody({ all: true })) as FormBody;
    await requireCsrf(c, form[CSRF]);
    const [item, { settings }] = await Promise.all([readItem(c.var.db, id), formContext(c)]);
    if (!item) throw new AppError("ITEM_NOT_FOUND");
    const { values, files } = readItemForm(form, item.images);
    const checked = toPatchBody(values, [...values.images, ...pending(files)], settings.timeZone);
    if (!checked.ok) return editPage(c, id, { values, errors: checked.errors }, 422);
    const up = await uploadImages(c, files);
    if (!up.ok) return editPage(c, id, { values, errors: { images: up.error } }, 422);
    const images = withAlt([...values.images, ...up.images], checked.body.name ?? item.row.name);
    const actor = c.var.admin.email;
    const now = Date.now();
    const r = await patchItem(c.var.db, id, { ...checked.body, images }, now, (row, next) => {
      const diff = itemDiff(row, next, { before: item.images, after: images });
      return diff
        ? [auditEntry(c.var.db, { actor, action: "item.update", target: itemTarget(id), ...diff, at: now })]
        : [];
    });
    if (!r.ok) {
      if (r.code === "ITEM_NOT_FOUND") throw new AppError("ITEM_NOT_FOUND");
      const errors: FieldErrors =
        r.code === "TYPE_LOCKED" ? { type: `${t("error.TYPE_LOCKED")}（${itemRefusalText(r)}）` } : invalidToErrors(r);
      return editPage(c, id, { values, errors }, r.code === "TYPE_LOCKED" ? 409 : 422);
    }
    return c.redirect(`/admin/items/${id}?notice=saved`, 303);
  })

  .post("/:id{[0-9]+}/shelf", validate("param", IdParam, "NOT_FOUND"), async (c) => {
    const id = c.req.valid("param").id;
    const form = await c.req.parseBody();
    await requireCsrf(c, form[CSRF]);
    const parsed = ShelfForm.safeParse(form);
    if (!parsed.success) throw new AppError("VALIDATION_FAILED");
    const onShelf = parsed.data.onShelf === "true";
    const actor = c.var.admin.email;
    const now = Date.now();
    const r = await patchItem(c.var.db, id, { onShelf }, now, (row) =>
      row.onShelf === onShelf
        ? []
        : [
            auditEntry(c.var.db, {
              actor,
              action: "item.shelf",
              target: itemTarget(id),
              before: { onShelf: row.onShelf },
              after: { onShelf },
              at: now,
            }),
          ],
    );
    if (!r.ok)
      throw new AppError(r.code === "ITEM_NOT_FOUND" ? "ITEM_NOT_FOUND" : "VALIDATION_FAILED", itemRefusalText(r));
    return c.redirect(parsed.data.back ?? `/admin/items/${id}`, 303);
  })

  .get("/:id{[0-9]+}/preview", validate("param", IdParam, "NOT_FOUND"), async (c) => {
    const id = c.req.valid("param").id;
    const p = await previewItem(c.env, c.var.db, id, Date.now());
    if (!p) throw new AppError("ITEM_NOT_FOUND");
    return pageResponse(
      <ItemPage
        mall={p.mall}
        item={p.item}
        action={
          <>
            <PreviewBanner itemId={id} onShelf={p.shownToShoppers} />
            <PreviewRedeem />
          </>
        }
        headerExtra={<PreviewBackLink itemId={id} />}
      />,
      p.mall.brandColor,
    );
  });
