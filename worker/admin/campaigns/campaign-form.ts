// The 活动 page's forms read field by field: a 积分翻倍日 campaign, the birthday rule and the make-up rule, each
// checked against the rules schema (worker/settings/rules.ts) before anything is saved.
import { t } from "../../../views/i18n";
import { CAMPAIGN_SOURCES, Campaign, LocalDate, type Rules } from "../../settings/rules";
import { type FormBody, str, strs } from "../settings/form-fields";

export type CampaignFormValues = {
  id: string;
  name: string;
  multiplier: string;
  sources: string[];
  from: string;
  to: string;
  weekdays: string[];
  enabled: boolean;
};

export const CAMPAIGN_ID = /^[a-z0-9]{1,16}$/;

export const newCampaignId = () => crypto.randomUUID().replace(/-/g, "").slice(0, 12);

export function readCampaignForm(body: FormBody): CampaignFormValues {
  return {
    id: str(body, "id"),
    name: str(body, "name").trim(),
    multiplier: str(body, "multiplier").trim(),
    sources: strs(body, "sources"),
    from: str(body, "from").trim(),
    to: str(body, "to").trim(),
    weekdays: strs(body, "weekdays"),
    enabled: str(body, "enabled") === "on",
  };
}

export function campaignFormValues(c: Campaign): CampaignFormValues {
  return {
    id: c.id,
    name: c.name,
    multiplier: String(c.multiplier),
    sources: [...c.sources],
    from: c.from ?? "",
    to: c.to ?? "",
    weekdays: c.weekdays.map(String),
    enabled: c.enabled,
  };
}

export const blankCampaign = (): CampaignFormValues => ({
  id: newCampaignId(),
  name: "",
  multiplier: "2",
  sources: ["purchase"],
  from: "",
  to: "",
  weekdays: [],
  enabled: true,
});

export function parseCampaignForm(
  v: CampaignFormValues,
): { ok: true; campaign: Campaign } | { ok: false; detail: string } {
  if (!CAMPAIGN_ID.test(v.id)) return { ok: false, detail: t("error.CAMPAIGN_NOT_FOUND") };
  if (v.name.length < 1 || [...v.name].length > 30) return { ok: false, detail: t("admin.campaigns.err.name") };
  const multiplier = Number(v.multiplier);
  if (!/^\d+(\.\d{1,2})?$/.test(v.multiplier) || !(multiplier > 1 && multiplier <= 10))
    return { ok: false, detail: t("admin.campaigns.err.multiplier") };
  const sources = [...new Set(v.sources)];
  if (sources.length === 0 || !sources.every((s) => (CAMPAIGN_SOURCES as readonly string[]).includes(s)))
    return { ok: false, detail: t("admin.campaigns.err.sources") };
  for (const d of [v.from, v.to]) {
    if (d !== "" && !LocalDate.safeParse(d).success) return { ok: false, detail: t("admin.campaigns.err.date") };
  }
  if (v.from && v.to && v.from > v.to) return { ok: false, detail: t("admin.campaigns.err.order") };
  const weekdays = [...new Set(v.weekdays)].map(Number).sort((a, b) => a - b);
  if (!weekdays.every((w) => Number.isInteger(w) && w >= 1 && w <= 7))
    return { ok: false, detail: t("admin.campaigns.err.date") };
  const parsed = Campaign.safeParse({
    id: v.id,
    name: v.name,
    multiplier,
    sources,
    from: v.from || null,
    to: v.to || null,
    weekdays,
    enabled: v.enabled,
  });
  if (!parsed.success) return { ok: false, detail: t("admin.settings.err.invalid") };
  return { ok: true, campaign: parsed.data };
}

export function parseBirthdayForm(body: FormBody): Rules["birthday"] | null {
  const raw = str(body, "multiplier").trim();
  const multiplier = Number(raw);
  const scope = str(body, "scope");
  if (!/^\d+(\.\d{1,2})?$/.test(raw) || multiplier < 1 || multiplier > 10) return null;
  if (scope !== "day" && scope !== "month") return null;
  return { multiplier, scope };
}

export function parseMakeupForm(body: FormBody): Rules["makeup"] | null {
  const cost = str(body, "cost").trim();
  const perMonth = str(body, "perMonth").trim();
  if (!/^\d{1,6}$/.test(cost) || Number(cost) > 100_000) return null;
  if (!/^\d{1,2}$/.test(perMonth) || Number(perMonth) > 31) return null;
  return { cost: Number(cost), perMonth: Number(perMonth) };
}
