// 兑换码 in the console (/admin/codes): the batches, a new batch (the form is validated by the same schema as
// the Merchant API's body; the answer shows the codes and their CSV once), and disabling a batch. Each change
// writes its audit row in the same batch as the change (./batches.ts).
import type { Context } from "hono";
import { Hono } from "hono";
import { AdminCodesPage, type CodeBatchForm, type NewCodes } from "../../views/admin/codes/codes-page";
import { t } from "../../views/i18n";
import { meView, requireCsrf } from "../admin/context";
import { fromLocalInput } from "../admin/items/zoned-time";
import { CreateCodeBatchBody } from "../api/schemas";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";
import { CSRF_FIELD } from "../identity/csrf";
import { pageResponse } from "../render";
import { loadSettings } from "../settings/load-settings";
import { BATCH_ID, createBatch, disableBatch, listBatches } from "./batches";
import { displayCode } from "./code-text";

type Ctx = Context<AppEnv>;
type Form = Record<string, string | File | (string | File)[]>;

const blankForm = (): CodeBatchForm => ({
  ref: `console:${crypto.randomUUID()}`,
  name: "",
  points: "",
  count: "",
  expiresAt: "",
  perMemberLimit: "",
});

const str = (f: Form, k: string) => (typeof f[k] === "string" ? (f[k] as string).trim() : "");
const int = (v: string) => (v === "" ? undefined : /^\d{1,9}$/.test(v) ? Number(v) : Number.NaN);

/** A CSV cell: quoted when it holds a comma, quote or line break; a leading = + - @ is defused. */
const cell = (v: string) => {
  const safe = /^[=+\-@]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

async function page(c: Ctx, o: { form?: CodeBatchForm; created?: NewCodes; notice?: string; error?: string } = {}) {
  const [settings, batches, me] = await Promise.all([loadSettings(c.var.db), listBatches(c.var.db), meView(c)]);
  return pageResponse(
    <AdminCodesPage
      brandColor={settings.mall.brandColor}
      timeZone={settings.timeZone}
      me={me}
      batches={batches}
      form={o.form ?? blankForm()}
      created={o.created}
      notice={o.notice}
      error={o.error}
    />,
    settings.mall.brandColor,
    o.error ? 422 : 200,
  );
}

export const adminCodesRoutes = new Hono<AppEnv>()
  .get("/", (c) => page(c))

  .post("/", async (c) => {
    const form = await c.req.parseBody();
    await requireCsrf(c, form[CSRF_FIELD]);
    const settings = await loadSettings(c.var.db);
    const values: CodeBatchForm = {
      ref: str(form, "ref"),
      name: str(form, "name"),
      points: str(form, "points"),
      count: str(form, "count"),
      expiresAt: str(form, "expiresAt"),
      perMemberLimit: str(form, "perMemberLimit"),
    };
    const refused = (detail: string) => page(c, { form: values, error: t("admin.codes.invalid", { detail }) });
    const expires = values.expiresAt === "" ? undefined : fromLocalInput(values.expiresAt, settings.timeZone);
    if (expires === null) return refused(`${t("admin.codes.expiresAt")}: ${t("api.field.isoInstant")}`);
    const parsed = CreateCodeBatchBody.safeParse({
      ref: values.ref,
      name: values.name,
      points: int(values.points),
      count: int(values.count),
      ...(expires === undefined ? {} : { expiresAt: new Date(expires).toISOString() }),
      ...(values.perMemberLimit === "" ? {} : { perMemberLimit: int(values.perMemberLimit) }),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return refused(`${issue?.path.join(".") ?? ""}: ${issue?.message ?? ""}`);
    }
    const now = Date.now();
    if (expires !== undefined && expires <= now) return refused(`expiresAt: ${t("codes.api.expiresPast")}`);
    const b = parsed.data;
    const r = await createBatch(c.var.db, {
      ref: b.ref,
      actor: c.var.admin.email,
      now,
      name: b.name,
      points: b.points,
      count: b.count,
      expiresAt: expires ?? null,
      perMemberLimit: b.perMemberLimit ?? null,
    });
    if (!r.ok) throw new AppError("REF_CONFLICT");
    // A double submit of the same form: made once, shown once.
    if (!r.codes) return page(c, { notice: t("admin.codes.alreadyCreated") });
    const shown = r.codes.map(displayCode);
    const csv = `\uFEFF${t("admin.codes.csvHeader")}\r\n${shown.map((code) => `${code},${b.points},${cell(b.name)}`).join("\r\n")}\r\n`;
    return page(c, { created: { name: b.name, codes: shown, csv, fileName: `codes-${r.batch.id}.csv` } });
  })

  .post("/:id/disable", async (c) => {
    const id = c.req.param("id");
    if (!BATCH_ID.test(id)) throw new AppError("CODE_BATCH_NOT_FOUND");
    const form = await c.req.parseBody();
    await requireCsrf(c, form[CSRF_FIELD]);
    if (!(await disableBatch(c.var.db, id, c.var.admin.email, Date.now()))) throw new AppError("CODE_BATCH_NOT_FOUND");
    return c.redirect("/admin/codes", 303);
  });
