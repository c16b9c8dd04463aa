// 活动 /admin/campaigns (owner): 积分翻倍日 campaigns listed, created, edited (?edit=<id>) and ended, the
// 生日双倍积分 rule and the 补签 rule. They are the campaign part of settings.rules — this page is their only
// editor (the settings form keeps them, worker/admin/settings/rules-form.ts keepCampaigns) — so every save is
// one write batch: the rules, the audit row, the guest page version (guest pages show the banner).
import type { Context } from "hono";
import { Hono } from "hono";
import { eq } from "drizzle-orm";
import { settings } from "../../../db/schema";
import {
  AdminCampaignsPage,
  type CampaignRowView,
  type CampaignState,
} from "../../../views/admin/campaigns/campaigns-page";
import { t } from "../../../views/i18n";
import type { AppEnv } from "../../app-env";
import { auditEntry } from "../../audit/audit-log";
import { campaignOnDate } from "../../campaigns/multipliers";
import { AppError } from "../../errors";
import { CSRF_FIELD } from "../../identity/csrf";
import { bumpPageVersion } from "../../page-cache/page-version";
import { pageResponse } from "../../render";
import { invalidateSettings, loadSettingsFresh } from "../../settings/load-settings";
import { CAMPAIGN_SOURCES, MAX_CAMPAIGNS, type Campaign, type Rules } from "../../settings/rules";
import { localDate } from "../../wallet/local-time";
import { meView, requireCsrf } from "../context";
import { requireRole } from "../middleware";
import type { FormBody } from "../settings/form-fields";
import { str } from "../settings/form-fields";
import {
  blankCampaign,
  CAMPAIGN_ID,
  type CampaignFormValues,
  campaignFormValues,
  parseBirthdayForm,
  parseCampaignForm,
  parseMakeupForm,
  readCampaignForm,
} from "./campaign-form";

type Ctx = Context<AppEnv>;

export function campaignState(c: Campaign, today: string): CampaignState {
  if (!c.enabled) return "off";
  if (c.to !== null && c.to < today) return "ended";
  if (c.from !== null && c.from > today) return "upcoming";
  return campaignOnDate(c, today) ? "on" : "idle";
}

async function page(
  c: Ctx,
  o: { form?: CampaignFormValues; editing?: boolean; saved?: boolean; error?: string } = {},
  status: 200 | 404 | 422 = 200,
) {
  const [s, me] = await Promise.all([loadSettingsFresh(c.var.db), meView(c)]);
  const today = localDate(Date.now(), s.timeZone);
  const rows: CampaignRowView[] = s.rules.campaigns.map((x) => ({
    id: x.id,
    name: x.name,
    multiplier: x.multiplier,
    sources: [...x.sources],
    from: x.from,
    to: x.to,
    weekdays: x.weekdays,
    state: campaignState(x, today),
  }));
  return pageResponse(
    <AdminCampaignsPage
      brandColor={s.mall.brandColor}
      me={me}
      campaigns={rows}
      form={o.form ?? blankCampaign()}
      editing={o.editing ?? false}
      birthday={s.rules.birthday}
      makeup={s.rules.makeup}
      sources={CAMPAIGN_SOURCES}
      saved={o.saved}
      error={o.error}
    />,
    s.mall.brandColor,
    status,
  );
}

async function posted(c: Ctx): Promise<FormBody> {
  const body = (await c.req.parseBody({ all: true })) as FormBody;
  await requireCsrf(c, Array.isArray(body[CSRF_FIELD]) ? body[CSRF_FIELD][0] : body[CSRF_FIELD]);
  return body;
}

/** Saves the campaign part of the rules with its audit row and the page version bump, in one batch. */
async function saveRules(c: Ctx, current: Rules, next: Rules, action: string, target: string) {
  const db = c.var.db;
  const now = Date.now();
  const pick = (r: Rules) => ({ campaigns: r.campaigns, birthday: r.birthday, makeup: r.makeup });
  await db.batch([
    db.update(settings).set({ rules: next, updatedAt: now }).where(eq(settings.id, 1)),
    auditEntry(db, { actor: c.var.admin.email, action, target, before: pick(current), after: pick(next), at: now }),
    bumpPageVersion(db, now), // the home page shows the campaigns on now
  ]);
  invalidateSettings();
}

export const adminCampaignsRoutes = new Hono<AppEnv>()
  .use("*", requireRole("owner"))

  .get("/", async (c) => {
    const edit = c.req.query("edit");
    if (edit === undefined) return page(c, { saved: c.req.query("saved") === "1" });
    const s = await loadSettingsFresh(c.var.db);
    const found = CAMPAIGN_ID.test(edit) ? s.rules.campaigns.find((x) => x.id === edit) : undefined;
    if (!found) throw new AppError("CAMPAIGN_NOT_FOUND");
    return page(c, { form: campaignFormValues(found), editing: true });
  })

  // Create or edit: the form's id (a fresh one rendered into the new-campaign form) names the campaign, so a
  // double submit saves one campaign.
  .post("/", async (c) => {
    const values = readCampaignForm(await posted(c));
    const current = await loadSettingsFresh(c.var.db);
    const exists = current.rules.campaigns.some((x) => x.id === values.id);
    const parsed = parseCampaignForm(values);
    if (!parsed.ok)
      return page(
        c,
        { form: values, editing: exists, error: t("admin.campaigns.invalid", { detail: parsed.detail }) },
        422,
      );
    if (!exists && current.rules.campaigns.length >= MAX_CAMPAIGNS)
      return page(c, { form: values, error: t("admin.campaigns.tooMany", { max: MAX_CAMPAIGNS }) }, 422);
    const campaigns = exists
      ? current.rules.campaigns.map((x) => (x.id === values.id ? parsed.campaign : x))
      : [...current.rules.campaigns, parsed.campaign];
    if (JSON.stringify(campaigns) !== JSON.stringify(current.rules.campaigns)) {
      await saveRules(
        c,
        current.rules,
        { ...current.rules, campaigns },
        exists ? "campaign.update" : "campaign.create",
        `campaign:${values.id}`,
      );
    }
    return c.redirect("/admin/campaigns?saved=1", 303);
  })

  // End: the campaign stops counting from now on (disabled), kept in the list as 已停用.
  .post("/end", async (c) => {
    const id = str(await posted(c), "id");
    const current = await loadSettingsFresh(c.var.db);
    const found = current.rules.campaigns.find((x) => x.id === id);
    if (!CAMPAIGN_ID.test(id) || !found) throw new AppError("CAMPAIGN_NOT_FOUND");
    if (found.enabled) {
      const campaigns = current.rules.campaigns.map((x) => (x.id === id ? { ...x, enabled: false } : x));
      await saveRules(c, current.rules, { ...current.rules, campaigns }, "campaign.end", `campaign:${id}`);
    }
    return c.redirect("/admin/campaigns?saved=1", 303);
  })

  .post("/birthday", async (c) => {
    const birthday = parseBirthdayForm(await posted(c));
    if (!birthday)
      return page(c, { error: t("admin.campaigns.invalid", { detail: t("admin.campaigns.err.birthday") }) }, 422);
    const current = await loadSettingsFresh(c.var.db);
    if (JSON.stringify(birthday) !== JSON.stringify(current.rules.birthday))
      await saveRules(c, current.rules, { ...current.rules, birthday }, "campaign.birthday", "settings");
    return c.redirect("/admin/campaigns?saved=1", 303);
  })

  .post("/makeup", async (c) => {
    const makeup = parseMakeupForm(await posted(c));
    if (!makeup)
      return page(c, { error: t("admin.campaigns.invalid", { detail: t("admin.campaigns.err.makeup") }) }, 422);
    const current = await loadSettingsFresh(c.var.db);
    if (JSON.stringify(makeup) !== JSON.stringify(current.rules.makeup))
      await saveRules(c, current.rules, { ...current.rules, makeup }, "campaign.makeup", "settings");
    return c.redirect("/admin/campaigns?saved=1", 303);
  });
