// 设置 (owners only; operators get 403 on every route): the mall's look, the earning rules (preview before
// saving) and the autologin secret's rotation. Saves write the settings row and its audit row in one batch;
// the shopper pages and the wallet read the row on every request, so a save takes effect at once.
import { bumpPageVersion } from "../../page-cache/page-version";
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { settings } from "../../../db/schema";
import { RulesPreview } from "../../../views/admin/settings/rules-preview";
import { AdminSettingsPage, type AdminSettingsPageProps } from "../../../views/admin/settings/settings-page";
import { t } from "../../../views/i18n";
import type { AppEnv } from "../../app-env";
import { AppError, ERROR_CODES } from "../../errors";
import { secretRowsQuery } from "../../identity/autologin-secrets";
import { CSRF_FIELD } from "../../identity/csrf";
import { storeImage } from "../../media/store-image";
import { fragmentResponse, pageResponse } from "../../render";
import { isHtmx } from "../../request-kind";
import type { FormBody } from "./form-fields";
import { file } from "./form-fields";
import { invalidateSettings, loadSettingsFresh, type MallSettings } from "../../settings/load-settings";
import { changedFields, mallFormValues, parseMallForm, readMallForm } from "./mall-form";
import { rulesPreview } from "./rules-preview";
import { keepCampaigns, parseRulesForm, readRulesForm, rulesFormValues } from "./rules-form";
import { validate } from "../../validate";
import { auditEntry } from "../../audit/audit-log";
import { meView, requireCsrf } from "../context";
import { requireRole } from "../middleware";
import { memberFigures } from "./member-figures";
import { rotateAutologinSecret, secretViews } from "./rotate";
import { saveWechatUserinfo, wechatUserinfo } from "../../settings/wechat-setting";
import { wechatAccount } from "../../wechat/config";

const SavedQuery = z.object({ saved: z.enum(["mall", "rules", "wechat"]).optional() });
const RotateForm = z.object({ grace: z.enum(["1h", "24h", "7d"]) });

type PageOverrides = Omit<Partial<AdminSettingsPageProps>, "me" | "brandColor" | "timeZone" | "secrets">;

async function settingsPage(
  c: Context<AppEnv>,
  s: MallSettings,
  overrides: PageOverrides = {},
  status: 200 | 422 = 200,
) {
  const now = Date.now();
  const [rows, me, userinfo] = await Promise.all([secretRowsQuery(c.var.db), meView(c), wechatUserinfo(c.var.db)]);
  const wechat = { appid: wechatAccount(c.env)?.appid ?? null, domain: new URL(c.req.url).host, userinfo };
  const res = await pageResponse(
    <AdminSettingsPage
      brandColor={s.mall.brandColor}
      timeZone={s.timeZone}
      me={me}
      mall={mallFormValues(s)}
      rules={rulesFormValues(s.rules)}
      secrets={secretViews(rows, now)}
      wechat={wechat}
      {...overrides}
    />,
    s.mall.brandColor,
    status,
  );
  return res;
}

async function postedForm(c: Context<AppEnv>): Promise<FormBody> {
  const body = (await c.req.parseBody({ all: true })) as FormBody;
  await requireCsrf(c, Array.isArray(body[CSRF_FIELD]) ? body[CSRF_FIELD][0] : body[CSRF_FIELD]);
  return body;
}

export const adminSettingsRoutes = new Hono<AppEnv>()
  .use("*", requireRole("owner"))

  .get("/", validate("query", SavedQuery, "BAD_REQUEST"), async (c) => {
    return settingsPage(c, await loadSettingsFresh(c.var.db), { saved: c.req.valid("query").saved });
  })

  .post("/mall", async (c) => {
    const body = await postedForm(c);
    const db = c.var.db;
    const current = await loadSettingsFresh(db);
    const values = readMallForm(body, current);
    const parsed = parseMallForm(values);
    if (!parsed.ok) return settingsPage(c, current, { mall: values, mallErrors: parsed.errors }, 422);
    // images: stored (content-addressed) only once the text fields are valid
    const images = { logoUrl: current.mall.logoUrl, bannerUrl: current.mall.bannerUrl };
    for (const [name, key] of [
      ["logo", "logoUrl"],
      ["banner", "bannerUrl"],
    ] as const) {
      const upload = file(body, name);
      if (!upload) continue;
      const stored = await storeImage(c.env.MEDIA, upload);
      if (!stored.ok)
        return settingsPage(
          c,
          current,
          { mall: values, mallErrors: { [name]: t(ERROR_CODES[stored.code].message) } },
          422,
        );
      images[key] = stored.url;
    }
    const before = mallFormValues(current);
    const after = { ...parsed.mall, ...images };
    const diff = changedFields(before, after);
    if (diff) {
      const now = Date.now();
      await db.batch([
        db
          .update(settings)
          .set({
            mallName: after.mallName,
            tagline: after.tagline,
            bannerAlt: after.bannerAlt,
            brandColor: after.brandColor,
            timeZone: after.timeZone,
            logoUrl: after.logoUrl,
            bannerUrl: after.bannerUrl,
            updatedAt: now,
          })
          .where(eq(settings.id, 1)),
        auditEntry(db, {
          actor: c.var.admin.email,
          action: "settings.update",
          target: "settings",
          before: diff.before,
          after: diff.after,
          at: now,
        }),
        bumpPageVersion(db, now), // every guest page shows the mall's name, colours and tiers
      ]);
      invalidateSettings();
    }
    return c.redirect("/admin/settings?saved=mall", 303);
  })

  .post("/rules/preview", async (c) => {
    const body = await postedForm(c);
    const current = await loadSettingsFresh(c.var.db);
    const values = readRulesForm(body);
    const parsed = keepCampaigns(parseRulesForm(values), current.rules);
    const now = Date.now();
    const preview = parsed.ok
      ? rulesPreview(
          current.rules,
          parsed.rules,
          current.timeZone,
          now,
          await memberFigures(c.var.db, [current.rules.tiers, parsed.rules.tiers], now),
        )
      : null;
    const status = parsed.ok ? 200 : 422;
    if (isHtmx(c.req.raw)) {
      return fragmentResponse(
        <RulesPreview preview={preview} timeZone={current.timeZone} errors={parsed.ok ? undefined : parsed.errors} />,
        status,
      );
    }
    return settingsPage(
      c,
      current,
      { rules: values, rulesErrors: parsed.ok ? undefined : parsed.errors, preview },
      status,
    );
  })

  .post("/rules", async (c) => {
    const body = await postedForm(c);
    const db = c.var.db;
    const current = await loadSettingsFresh(db);
    const values = readRulesForm(body);
    const parsed = keepCampaigns(parseRulesForm(values), current.rules);
    if (!parsed.ok) return settingsPage(c, current, { rules: values, rulesErrors: parsed.errors }, 422);
    const diff = changedFields(current.rules, parsed.rules);
    if (diff) {
      const now = Date.now();
      await db.batch([
        db.update(settings).set({ rules: parsed.rules, updatedAt: now }).where(eq(settings.id, 1)),
        auditEntry(db, {
          actor: c.var.admin.email,
          action: "settings.update",
          target: "settings",
          before: { rules: diff.before },
          after: { rules: diff.after },
          at: now,
        }),
        bumpPageVersion(db, now), // every guest page shows the mall's name, colours and tiers
      ]);
      invalidateSettings();
    }
    return c.redirect("/admin/settings?saved=rules", 303);
  })

  // 微信服务号: the login's scope (snsapi_userinfo or snsapi_base), saved with its audit row in one batch.
  .post("/wechat", async (c) => {
    const body = await postedForm(c);
    await saveWechatUserinfo(c.var.db, c.var.admin.email, body.userinfo === "on", Date.now());
    return c.redirect("/admin/settings?saved=wechat", 303);
  })

  .post("/autologin/rotate", async (c) => {
    const body = await postedForm(c);
    const parsed = RotateForm.safeParse({ grace: body.grace });
    if (!parsed.success) throw new AppError("VALIDATION_FAILED");
    const rotated = await rotateAutologinSecret(c.var.db, c.var.admin.email, parsed.data.grace, Date.now());
    return settingsPage(c, await loadSettingsFresh(c.var.db), { rotated });
  });
