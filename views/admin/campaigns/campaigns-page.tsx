// 活动 /admin/campaigns: the 积分翻倍日 campaigns (state, window, sources, multiplier; edit, end), the form for
// a new one (or the one being edited), the 生日双倍积分 rule and the 补签 rule. Plain forms: no JS needed.
import { PostForm } from "../../components/post-form";
import { t } from "../../i18n";
import { AdminLayout } from "../admin-layout";
import { Field } from "../field";
import type { AdminMeView } from "../types";

export type CampaignState = "on" | "upcoming" | "idle" | "ended" | "off";
export type CampaignRowView = {
  id: string;
  name: string;
  multiplier: number;
  sources: string[];
  from: string | null;
  to: string | null;
  weekdays: number[];
  state: CampaignState;
};
export type CampaignFormView = {
  id: string;
  name: string;
  multiplier: string;
  sources: string[];
  from: string;
  to: string;
  weekdays: string[];
  enabled: boolean;
};

export type AdminCampaignsPageProps = {
  brandColor: string;
  me: AdminMeView;
  campaigns: CampaignRowView[];
  /** the form: a new campaign, or the one being edited */
  form: CampaignFormView;
  editing: boolean;
  birthday: { multiplier: number; scope: "day" | "month" };
  makeup: { cost: number; perMonth: number };
  sources: readonly string[];
  saved?: boolean;
  error?: string;
};

const sourceName = (s: string) => t(`campaigns.source.${s}` as "campaigns.source.purchase");
const weekdayName = (w: number | string) => t(`admin.campaigns.weekday.${w}` as "admin.campaigns.weekday.1");

export function AdminCampaignsPage(p: AdminCampaignsPageProps) {
  const f = p.form;
  return (
    <AdminLayout title={t("admin.campaigns.title")} brandColor={p.brandColor} me={p.me} current="campaigns">
      <h1 class="page-title">{t("admin.campaigns.title")}</h1>
      {p.saved && (
        <p class="toast" role="status">
          {t("admin.campaigns.saved")}
        </p>
      )}
      {p.error && (
        <p class="alert" role="alert" data-error-code="VALIDATION_FAILED">
          {p.error}
        </p>
      )}
      <h2>{t("admin.campaigns.list")}</h2>
      {p.campaigns.length === 0 ? (
        <p class="panel muted">{t("admin.campaigns.empty")}</p>
      ) : (
        <table class="atable panel">
          <tbody>
            {p.campaigns.map((c) => (
              <tr data-campaign-id={c.id} data-state={c.state}>
                <td>{c.name}</td>
                <td>×{c.multiplier}</td>
                <td>{c.sources.map(sourceName).join(t("common.listSeparator"))}</td>
                <td>
                  {t("admin.campaigns.window", {
                    from: c.from ?? t("admin.campaigns.open"),
                    to: c.to ?? t("admin.campaigns.open"),
                  })}
                  {" · "}
                  {c.weekdays.length
                    ? t("admin.campaigns.weekdayList", { days: c.weekdays.map(weekdayName).join("、") })
                    : t("admin.campaigns.everyDay")}
                </td>
                <td>{t(`admin.campaigns.state.${c.state}`)}</td>
                <td>
                  <a href={`/admin/campaigns?edit=${c.id}`}>{t("admin.campaigns.editLink")}</a>
                  {c.state !== "ended" && c.state !== "off" && (
                    <PostForm csrf={p.me.csrf} method="post" action="/admin/campaigns/end" class="inline">
                      <input type="hidden" name="id" value={c.id} />
                      <button class="btn btn--sm" type="submit">
                        {t("admin.campaigns.end")}
                      </button>
                    </PostForm>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{p.editing ? t("admin.campaigns.edit", { name: f.name }) : t("admin.campaigns.new")}</h2>
      <PostForm csrf={p.me.csrf} method="post" action="/admin/campaigns" class="panel" data-campaign-form>
        <input type="hidden" name="id" value={f.id} />
        <Field id="cf-name" label={t("admin.campaigns.name")}>
          <input id="cf-name" name="name" value={f.name} maxLength={30} required />
        </Field>
        <Field id="cf-mult" label={t("admin.campaigns.multiplier")}>
          <input id="cf-mult" name="multiplier" type="number" min={1.01} max={10} step={0.01} value={f.multiplier} />
        </Field>
        <fieldset>
          <legend>{t("admin.campaigns.sources")}</legend>
          {p.sources.map((s) => (
            <label class="check">
              <input type="checkbox" name="sources" value={s} checked={f.sources.includes(s)} /> {sourceName(s)}
            </label>
          ))}
        </fieldset>
        <Field id="cf-from" label={t("admin.campaigns.from")}>
          <input id="cf-from" name="from" type="date" value={f.from} />
        </Field>
        <Field id="cf-to" label={t("admin.campaigns.to")}>
          <input id="cf-to" name="to" type="date" value={f.to} />
        </Field>
        <fieldset>
          <legend>{t("admin.campaigns.weekdays")}</legend>
          {[1, 2, 3, 4, 5, 6, 7].map((w) => (
            <label class="check">
              <input type="checkbox" name="weekdays" value={String(w)} checked={f.weekdays.includes(String(w))} />{" "}
              {weekdayName(w)}
            </label>
          ))}
        </fieldset>
        <label class="check">
          <input type="checkbox" name="enabled" checked={f.enabled} /> {t("admin.campaigns.enabled")}
        </label>
        <button class="btn" type="submit">
          {p.editing ? t("admin.campaigns.save") : t("admin.campaigns.create")}
        </button>
      </PostForm>

      <h2>{t("admin.campaigns.birthday")}</h2>
      <PostForm csrf={p.me.csrf} method="post" action="/admin/campaigns/birthday" class="panel" data-birthday-form>
        <Field id="bf-mult" label={t("admin.campaigns.birthdayMultiplier")}>
          <input
            id="bf-mult"
            name="multiplier"
            type="number"
            min={1}
            max={10}
            step={0.01}
            value={String(p.birthday.multiplier)}
          />
        </Field>
        <Field id="bf-scope" label={t("admin.campaigns.birthdayScope")}>
          <select id="bf-scope" name="scope">
            {(["day", "month"] as const).map((s) => (
              <option value={s} selected={p.birthday.scope === s}>
                {t(`admin.campaigns.scope.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <button class="btn" type="submit">
          {t("admin.campaigns.save")}
        </button>
      </PostForm>

      <h2>{t("admin.campaigns.makeup")}</h2>
      <PostForm csrf={p.me.csrf} method="post" action="/admin/campaigns/makeup" class="panel" data-makeup-form>
        <Field id="mf-cost" label={t("admin.campaigns.makeupCost")}>
          <input id="mf-cost" name="cost" type="number" min={0} max={100000} value={String(p.makeup.cost)} />
        </Field>
        <Field id="mf-n" label={t("admin.campaigns.makeupPerMonth")}>
          <input id="mf-n" name="perMonth" type="number" min={0} max={31} value={String(p.makeup.perMonth)} />
        </Field>
        <button class="btn" type="submit">
          {t("admin.campaigns.save")}
        </button>
      </PostForm>
    </AdminLayout>
  );
}
