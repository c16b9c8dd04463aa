// 支付 /admin/payments (owners): the provider's merchant settings (secrets sealed, never shown again), the
// notify URL, the payments list, 退款 (refundPayment), and GET /admin/payments/reconcile.csv?date=YYYY-MM-DD.
// Every change writes its audit row.
import type { Context } from "hono";
import { Hono } from "hono";
import { inArray } from "drizzle-orm";
import { z } from "zod";
import { payments } from "../../db/schema";
import { AdminPaymentsPage } from "../../views/admin/payments/payments-page";
import { t } from "../../views/i18n";
import { requireCsrf, meView } from "../admin/context";
import { requireRole } from "../admin/middleware";
import type { AppEnv } from "../app-env";
import { auditEntry } from "../audit/audit-log";
import { AppError } from "../errors";
import { CSRF_FIELD } from "../identity/csrf";
import { pageResponse } from "../render";
import { loadSettings } from "../settings/load-settings";
import { orderIdOf } from "../shop/params";
import { loadPaymentSettings, loadProvider, savePaymentSettings } from "./payment-settings";
import { differencesCsv, mallPaymentsOf, reconcile } from "./reconcile";
import { refundDeps, refundPayment } from "./refund-payment";
import { PAY_WINDOW_MINUTES } from "./order-status";
import { notifyPath } from "./start-payment";
import { attentionPayments, recentPayments } from "./summaries";

const PEM_PRIVATE = /^-----BEGIN (RSA )?PRIVATE KEY-----[\s\S]+-----END (RSA )?PRIVATE KEY-----\s*$/;
const PEM_PUBLIC = /^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----\s*$/;

const SettingsForm = z.object({
  enabled: z.literal("1").optional(),
  mchid: z
    .string()
    .trim()
    .regex(/^\d{8,12}$/, "mchid"),
  appid: z
    .string()
    .trim()
    .regex(/^wx[0-9a-zA-Z]{16}$/, "appid"),
  merchantSerialNo: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z]{8,64}$/, "text"),
  platformSerialNo: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z_]{8,64}$/, "text"),
  platformPublicKey: z.string().trim().regex(PEM_PUBLIC, "platformKey"),
  // absent (an older form): the saved window is kept; present, it must be whole minutes within the bounds
  payWindowMinutes: z
    .string()
    .regex(/^\d{1,4}$/, "payWindow")
    .transform(Number)
    .pipe(z.number().min(PAY_WINDOW_MINUTES.min, "payWindow").max(PAY_WINDOW_MINUTES.max, "payWindow"))
    .optional(),
  apiV3Key: z.union([z.literal(""), z.string().length(32, "apiV3Key")]),
  privateKey: z.union([z.literal(""), z.string().trim().regex(PEM_PRIVATE, "privateKey")]),
});

const DateQuery = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });

const cstToday = (now: number) => new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);

async function page(
  c: Context<AppEnv>,
  status = 200,
  notice?: { ok: boolean; text: string },
  errors?: Record<string, string>,
) {
  const [settings, pay, list, attention, me] = await Promise.all([
    loadSettings(c.var.db),
    loadPaymentSettings(c.var.db),
    recentPayments(c.var.db),
    attentionPayments(c.var.db),
    meView(c),
  ]);
  return pageResponse(
    <AdminPaymentsPage
      brandColor={settings.mall.brandColor}
      timeZone={settings.timeZone}
      me={me}
      settings={pay}
      notifyUrl={new URL(c.req.url).origin + notifyPath("wechatpay")}
      payments={list}
      attention={attention}
      today={cstToday(Date.now())}
      notice={notice}
      errors={errors}
    />,
    settings.mall.brandColor,
    status,
  );
}

export const adminPaymentsRoutes = new Hono<AppEnv>()
  .use("*", requireRole("owner"))
  .get("/", (c) => page(c))

  .post("/settings", async (c) => {
    const form = await c.req.parseBody();
    await requireCsrf(c, form[CSRF_FIELD]);
    const parsed = SettingsForm.safeParse(form);
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const i of parsed.error.issues) {
        const field = String(i.path[0]);
        errors[field] = t(
          `admin.payments.bad.${(["mchid", "appid", "apiV3Key", "privateKey", "platformKey", "payWindow"].includes(i.message) ? i.message : "text") as "text"}`,
        );
      }
      return page(c, 422, { ok: false, text: t("error.VALIDATION_FAILED") }, errors);
    }
    const v = parsed.data;
    const now = Date.now();
    await savePaymentSettings(c.env.SESSION_SECRET, c.var.db, { ...v, enabled: v.enabled === "1" }, now);
    // The audit row names what changed, never a secret's value.
    await auditEntry(c.var.db, {
      actor: c.var.admin.email,
      action: "admin.payment_settings",
      target: "payment_settings",
      after: JSON.stringify({
        enabled: v.enabled === "1",
        mchid: v.mchid,
        appid: v.appid,
        merchantSerialNo: v.merchantSerialNo,
        platformSerialNo: v.platformSerialNo,
        payWindowMinutes: v.payWindowMinutes,
        apiV3Key: v.apiV3Key ? "replaced" : "kept",
        privateKey: v.privateKey ? "replaced" : "kept",
      }),
      at: now,
    });
    return page(c, 200, { ok: true, text: t("admin.payments.saved") });
  })

  .post("/:id/refund", async (c) => {
    const form = await c.req.parseBody();
    await requireCsrf(c, form[CSRF_FIELD]);
    const id = orderIdOf(c.req.param("id"));
    const provider = await loadProvider(c.env, c.var.db);
    const now = Date.now();
    const r = await refundPayment(refundDeps(c.env, provider), c.var.db, {
      orderId: id,
      reason: t("admin.payments.refund"),
      origin: new URL(c.req.url).origin,
      now,
    });
    if (!r.ok) {
      if (r.code === "ORDER_NOT_FOUND") throw new AppError("ORDER_NOT_FOUND");
      return page(c, 409, { ok: false, text: t(`error.${r.code}`) });
    }
    await auditEntry(c.var.db, {
      actor: c.var.admin.email,
      action: "admin.payment_refund",
      target: `order:${id}`,
      after: JSON.stringify({ refundNo: r.refundNo, state: r.state }),
      at: now,
    });
    return page(c, 200, { ok: true, text: t("admin.payments.refundDone", { state: t(`payments.state.${r.state}`) }) });
  })

  .get("/reconcile.csv", async (c) => {
    const q = DateQuery.safeParse(c.req.query());
    if (!q.success) throw new AppError("BAD_REQUEST", "date");
    const provider = await loadProvider(c.env, c.var.db);
    if (!provider) throw new AppError("PAYMENTS_OFF");
    const bill = await provider.bill(q.data.date);
    if (!bill.ok) throw new AppError("PAYMENT_FAILED", bill.errorCode ?? bill.code);
    const mall = await mallPaymentsOf(c.var.db, q.data.date);
    const ids = [...new Set(bill.records.map((r) => r.orderId))];
    const known = ids.length
      ? await c.var.db
          .select({
            orderId: payments.orderId,
            state: payments.state,
            amountFen: payments.amountFen,
            reportedFen: payments.reportedFen,
          })
          .from(payments)
          .where(inArray(payments.orderId, ids))
      : [];
    const all = new Map([...known, ...mall].map((m) => [m.orderId, m]));
    const csv = differencesCsv(reconcile(mall, bill.records, all));
    return c.body(`\uFEFF${csv}`, 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="reconcile-${q.data.date}.csv"`,
    });
  });
