// 兑吧兼容 /admin/duiba (owners): the mode switch, appKey and appSecret (sealed, never shown again), the merchant's
// URLs, and the call log (GET /admin/duiba?cursor=…, 20 a page). Saving writes its audit row (never the secret).
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { AdminDuibaPage } from "../../views/admin/duiba/duiba-page";
import { t } from "../../views/i18n";
import { meView, requireCsrf } from "../admin/context";
import { requireRole } from "../admin/middleware";
import type { AppEnv } from "../app-env";
import { auditEntry } from "../audit/audit-log";
import { AppError } from "../errors";
import { CSRF_FIELD } from "../identity/csrf";
import { pageResponse } from "../render";
import { loadSettings } from "../settings/load-settings";
import { checkWebhookUrl } from "../webhooks/url-rule";
import { forgetDuibaMode } from "./balance";
import { listDuibaCalls } from "./call-log";
import { loadDuibaSettings, saveDuibaSettings } from "./settings";

const PAGE = 20;

const httpUrl = z.union([
  z.literal(""),
  z
    .string()
    .trim()
    .max(512, "url")
    .refine((v) => {
      try {
        const u = new URL(v);
        return (u.protocol === "https:" || u.protocol === "http:") && !u.username && !u.password;
      } catch {
        return false;
      }
    }, "url"),
]);

const SettingsForm = z.object({
  mode: z.enum(["native", "duiba"]),
  appKey: z.union([
    z.literal(""),
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, "appKey"),
  ]),
  appSecret: z.union([z.literal(""), z.string().regex(/^[\x21-\x7e]{1,128}$/, "appSecret")]),
  consumeUrl: httpUrl,
  notifyUrl: httpUrl,
  addCreditsUrl: httpUrl,
});

const CallsQuery = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,15}:[A-Za-z0-9_.:@-]{1,120}$/)
    .optional(),
});

async function page(
  c: Context<AppEnv>,
  status = 200,
  notice?: { ok: boolean; text: string },
  errors?: Record<string, string>,
) {
  const q = CallsQuery.safeParse(c.req.query());
  if (!q.success) throw new AppError("BAD_REQUEST");
  const [settings, duiba, log, me] = await Promise.all([
    loadSettings(c.var.db),
    loadDuibaSettings(c.var.db),
    listDuibaCalls(c.var.db, { limit: PAGE, cursor: q.data.cursor }),
    meView(c),
  ]);
  return pageResponse(
    <AdminDuibaPage
      brandColor={settings.mall.brandColor}
      timeZone={settings.timeZone}
      me={me}
      settings={duiba}
      autologinUrl={`${new URL(c.req.url).origin}/autoLogin/autologin`}
      calls={log.calls}
      nextCursor={log.nextCursor}
      notice={notice}
      errors={errors}
    />,
    settings.mall.brandColor,
    status,
  );
}

export const adminDuibaRoutes = new Hono<AppEnv>()
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
          field === "appKey"
            ? "duiba.field.appKey"
            : field === "appSecret"
              ? "duiba.field.appSecret"
              : "duiba.field.url",
        );
      }
      return page(c, 422, { ok: false, text: t("error.VALIDATION_FAILED") }, errors);
    }
    const v = parsed.data;
    // The merchant's URLs follow the webhooks' rule (SSRF): https and no private address in production.
    const refused: Record<string, string> = {};
    for (const field of ["consumeUrl", "notifyUrl", "addCreditsUrl"] as const)
      if (v[field] && !checkWebhookUrl(v[field], c.env.MALL_ENV).ok) refused[field] = t("duiba.field.url");
    if (Object.keys(refused).length > 0)
      return page(c, 422, { ok: false, text: t("error.VALIDATION_FAILED") }, refused);
    const saved = await loadDuibaSettings(c.var.db);
    if (
      v.mode === "duiba" &&
      (!v.appKey || !(v.appSecret || saved.appSecretSet) || !v.consumeUrl || !v.notifyUrl || !v.addCreditsUrl)
    )
      return page(c, 422, { ok: false, text: t("duiba.incomplete") });
    const now = Date.now();
    await saveDuibaSettings(c.env.SESSION_SECRET, c.var.db, v, now);
    forgetDuibaMode();
    await auditEntry(c.var.db, {
      actor: c.var.admin.email,
      action: "admin.duiba_settings",
      target: "duiba_settings",
      before: JSON.stringify({ mode: saved.mode, appKey: saved.appKey }),
      after: JSON.stringify({
        mode: v.mode,
        appKey: v.appKey,
        consumeUrl: v.consumeUrl,
        notifyUrl: v.notifyUrl,
        addCreditsUrl: v.addCreditsUrl,
        appSecret: v.appSecret ? "replaced" : "kept",
      }),
      at: now,
    });
    return page(c, 200, { ok: true, text: t("duiba.saved") });
  });
