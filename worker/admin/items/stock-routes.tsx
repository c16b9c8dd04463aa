// Stock and coupon codes of one item (/admin/items/:id/stock, /codes), through its stock object: the
// adjustment is idempotent on the ref rendered with its form and audited once per ref after the object
// answered; a code import reports added / already present / rejected and is audited when it added any.
import { forgetSoldOut } from "../../redeem/sold-out-memo";
import { bumpPageVersion, pageVersionBumped } from "../../page-cache/page-version";
import { Hono } from "hono";
import { z } from "zod";
import { text } from "../../text-rule";
import { t } from "../../../views/i18n";
import type { AppEnv } from "../../app-env";
import { AppError } from "../../errors";
import { loadSaleRules } from "../../redeem/sale-rules";
import { stockOf } from "../../stock/item-stocks";
import { validate } from "../../validate";
import { auditEntry } from "../../audit/audit-log";
import { requireCsrf } from "../context";
import { parseCodes } from "./codes-input";
import { itemTarget, stockAdjustAudit } from "../../audit/item-audit";
import { editPage } from "./item-pages";

const CSRF = "_csrf";
const MAX_CODES = 5000;
const IdParam = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/)
    .transform(Number),
});
const StockForm = z.object({
  ref: z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/),
  delta: z
    .string()
    .trim()
    .regex(/^[+-]?[0-9]{1,7}$/)
    .transform(Number)
    .refine((n) => n !== 0 && Math.abs(n) <= 1_000_000),
  reason: text({ max: 200 }),
});

export const stockRoutes = new Hono<AppEnv>()
  .post("/:id{[0-9]+}/stock", validate("param", IdParam, "NOT_FOUND"), async (c) => {
    const id = c.req.valid("param").id;
    const form = await c.req.parseBody();
    await requireCsrf(c, form[CSRF]);
    const parsed = StockForm.safeParse(form);
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path[0];
      return editPage(
        c,
        id,
        { stockError: field === "reason" ? t("admin.items.stock.badReason") : t("admin.items.stock.badDelta") },
        422,
      );
    }
    const { ref, delta, reason } = parsed.data;
    const rules = await loadSaleRules(c.var.db, id);
    if (!rules) throw new AppError("ITEM_NOT_FOUND");
    const stock = stockOf(c.env, id);
    const before = await stock.status({ rules });
    const now = Date.now();
    const r = await stock.adjust({ ref, delta, now, rules });
    forgetSoldOut(id);
    if (!r.ok) {
      const code =
        r.code === "INVALID_QUANTITY"
          ? "STOCK_BELOW_ZERO"
          : r.code === "REF_CONFLICT"
            ? "REF_CONFLICT"
            : "VALIDATION_FAILED";
      return editPage(c, id, { stockError: t(`error.${code}`) }, code === "VALIDATION_FAILED" ? 422 : 409);
    }
    // the item page shows the live stock: its cached guest copy goes with the change
    await c.var.db.batch([
      stockAdjustAudit(c.var.db, {
        actor: c.var.admin.email,
        itemId: id,
        ref,
        before: { available: before.available },
        after: { ref, delta, reason, available: r.status.available },
        at: now,
      }),
      bumpPageVersion(c.var.db, now),
    ]);
    pageVersionBumped();
    return c.redirect(`/admin/items/${id}?notice=stock#stock`, 303);
  })

  .post("/:id{[0-9]+}/codes", validate("param", IdParam, "NOT_FOUND"), async (c) => {
    const id = c.req.valid("param").id;
    const form = await c.req.parseBody();
    await requireCsrf(c, form[CSRF]);
    const pasted = typeof form.codes === "string" ? form.codes : "";
    const csv = form.file instanceof File ? await form.file.text() : "";
    const rules = await loadSaleRules(c.var.db, id);
    if (!rules) throw new AppError("ITEM_NOT_FOUND");
    if (rules.type !== "coupon") throw new AppError("NOT_COUPON_ITEM");
    const { codes, rejected } = parseCodes(pasted, csv);
    if (codes.length === 0 && rejected === 0)
      return editPage(c, id, { codes: { error: t("admin.items.codes.none") } }, 422);
    if (codes.length > MAX_CODES)
      return editPage(c, id, { codes: { error: t("admin.items.codes.tooMany", { max: MAX_CODES }) } }, 422);
    const now = Date.now();
    const r = codes.length
      ? await stockOf(c.env, id).addCodes({ codes, now, rules })
      : { added: 0, duplicates: 0, invalid: 0, codesLeft: 0 };
    const result = { added: r.added, duplicates: r.duplicates, rejected: rejected + r.invalid };
    if (r.added > 0) {
      await auditEntry(c.var.db, {
        actor: c.var.admin.email,
        action: "item.codes_import",
        target: itemTarget(id),
        before: null,
        after: { ...result, codesLeft: r.codesLeft },
        at: now,
      });
    }
    return editPage(c, id, { codes: { result } });
  });
