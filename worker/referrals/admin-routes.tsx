// 邀请有礼 in the console (/admin/referrals): the programme's settings (saved with their audit row in one batch)
// and the lists of referrals and unbound arrivals, newest first.
import type { Context } from "hono";
import { desc } from "drizzle-orm";
import { Hono } from "hono";
import { referralRefusals, referrals } from "../../db/schema";
import { AdminReferralsPage, type ReferralSettingsForm } from "../../views/admin/referrals/referrals-page";
import { t } from "../../views/i18n";
import { meView, requireCsrf } from "../admin/context";
import type { AppEnv } from "../app-env";
import { CSRF_FIELD } from "../identity/csrf";
import { pageResponse } from "../render";
import { loadSettings } from "../settings/load-settings";
import { loadReferralSettings, type ReferralSettings, ReferralSettingsInput, saveReferralSettings } from "./settings";

type Ctx = Context<AppEnv>;
type Form = Record<string, string | File | (string | File)[]>;

const str = (f: Form, k: string) => (typeof f[k] === "string" ? (f[k] as string).trim() : "");
const int = (v: string) => (/^\d{1,9}$/.test(v) ? Number(v) : Number.NaN);

const formOf = (s: ReferralSettings): ReferralSettingsForm => ({
  enabled: s.enabled,
  inviterPoints: String(s.inviterPoints),
  inviteePoints: String(s.inviteePoints),
  qualify: s.qualify,
  inviterDailyCap: s.inviterDailyCap === null ? "" : String(s.inviterDailyCap),
  inviterTotalCap: s.inviterTotalCap === null ? "" : String(s.inviterTotalCap),
});

async function page(c: Ctx, o: { form?: ReferralSettingsForm; saved?: boolean; error?: string } = {}) {
  const db = c.var.db;
  const [settings, programme, rows, refusals, me] = await Promise.all([
    loadSettings(db),
    loadReferralSettings(db),
    db.select().from(referrals).orderBy(desc(referrals.createdAt)).limit(200),
    db.select().from(referralRefusals).orderBy(desc(referralRefusals.id)).limit(50),
    meView(c),
  ]);
  return pageResponse(
    <AdminReferralsPage
      brandColor={settings.mall.brandColor}
      timeZone={settings.timeZone}
      me={me}
      form={o.form ?? formOf(programme)}
      rows={rows.map((r) => ({
        inviter: r.inviter,
        invitee: r.invitee,
        at: r.createdAt,
        qualify: r.qualify,
        inviterPoints: r.inviterPoints,
        inviterState: r.inviterState,
        inviterRefusal: r.inviterRefusal,
        inviteePoints: r.inviteePoints,
        inviteeState: r.inviteeState,
        inviteeRefusal: r.inviteeRefusal,
      }))}
      refusals={refusals.map((r) => ({ uid: r.uid, code: r.code, reason: r.reason, at: r.at }))}
      saved={o.saved}
      error={o.error}
    />,
    settings.mall.brandColor,
    o.error ? 422 : 200,
  );
}

export const adminReferralsRoutes = new Hono<AppEnv>()
  .get("/", (c) => page(c, { saved: c.req.query("saved") === "1" }))

  .post("/", async (c) => {
    const form = await c.req.parseBody();
    await requireCsrf(c, form[CSRF_FIELD]);
    const values: ReferralSettingsForm = {
      enabled: str(form, "enabled") === "1",
      inviterPoints: str(form, "inviterPoints"),
      inviteePoints: str(form, "inviteePoints"),
      qualify: str(form, "qualify") as ReferralSettingsForm["qualify"],
      inviterDailyCap: str(form, "inviterDailyCap"),
      inviterTotalCap: str(form, "inviterTotalCap"),
    };
    const parsed = ReferralSettingsInput.safeParse({
      enabled: values.enabled,
      inviterPoints: int(values.inviterPoints),
      inviteePoints: int(values.inviteePoints),
      qualify: values.qualify,
      inviterDailyCap: values.inviterDailyCap === "" ? null : int(values.inviterDailyCap),
      inviterTotalCap: values.inviterTotalCap === "" ? null : int(values.inviterTotalCap),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const detail = `${issue?.path.join(".") ?? ""}: ${issue?.message ?? ""}`;
      return page(c, { form: values, error: t("admin.referrals.invalid", { detail }) });
    }
    await saveReferralSettings(c.var.db, parsed.data, c.var.admin.email, Date.now());
    return c.redirect("/admin/referrals?saved=1", 303);
  });
