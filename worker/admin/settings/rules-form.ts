// The earning-rules form ↔ Rules. Parsing checks every field (messages by field name) and the tier table as
// a whole: the first threshold is 0, thresholds strictly ascend, multipliers are at least 1, keys are unique.
import { z } from "zod";
import { text } from "../../text-rule";
import {
  CAP_SOURCES,
  capField,
  type FieldErrors,
  type RulesFormValues,
  type TierFormValues,
} from "../../../views/admin/settings/types";
import { lazy, t } from "../../../views/i18n";
import { decimalText, field, intText, str, strs, type FormBody } from "./form-fields";
import { MAX_EARN_LIMIT, Rules, type Rules as RulesT } from "../../settings/rules";

export const CHECKIN_DAYS = 7;
export const MAX_TIERS = 8;

const TierKey = z
  .string()
  .trim()
  .regex(/^[a-z0-9_-]{1,20}$/, { error: lazy("admin.settings.err.tierKey") });
const TierName = text({
  max: 20,
  messages: { required: lazy("admin.settings.err.tierName"), tooLong: lazy("admin.settings.err.tierName") },
});
const ExpiryKind = z.enum(["never", "days", "end_of_month", "end_of_year"], {
  error: lazy("admin.settings.err.invalid"),
});

export function rulesFormValues(rules: RulesT): RulesFormValues {
  const table = rules.checkinTable;
  return {
    pointsPerYuan: String(rules.pointsPerYuan),
    newMemberBonus: String(rules.newMemberBonus),
    checkin: Array.from({ length: CHECKIN_DAYS }, (_, i) => String(table[i] ?? table[table.length - 1] ?? 0)),
    ...capValues(rules.dailyCaps),
    maxPerEarning: String(rules.earnLimits.perEarning),
    maxPerMemberDay: String(rules.earnLimits.perMemberDay),
    expiryKind: rules.expiry.kind,
    expiryDays: rules.expiry.kind === "days" ? String(rules.expiry.days) : "365",
    expiryYears: rules.expiry.kind === "end_of_year" ? String(rules.expiry.years) : "1",
    tiers: rules.tiers.map((tier) => ({
      key: tier.key,
      name: tier.name,
      threshold: String(tier.threshold),
      multiplier: String(tier.multiplier),
    })),
  };
}

function capValues(caps: RulesT["dailyCaps"]): Pick<RulesFormValues, ReturnType<typeof capField>> {
  const text = (n: number | null) => (n === null ? "" : String(n));
  return {
    capCheckin: text(caps.checkin),
    capTask: text(caps.task),
    capReferral: text(caps.referral),
    capCode: text(caps.code),
    capOther: text(caps.other),
  };
}

export function readRulesForm(body: FormBody): RulesFormValues {
  const keys = strs(body, "tierKey");
  const names = strs(body, "tierName");
  const thresholds = strs(body, "tierThreshold");
  const multipliers = strs(body, "tierMultiplier");
  const rows = Math.min(MAX_TIERS + 1, Math.max(keys.length, names.length, thresholds.length, multipliers.length));
  const tiers: TierFormValues[] = [];
  for (let i = 0; i < rows; i++) {
    const row = {
      key: keys[i] ?? "",
      name: names[i] ?? "",
      threshold: thresholds[i] ?? "",
      multiplier: multipliers[i] ?? "",
    };
    // a row left wholly empty (the form's spare row) is no tier
    if (row.key.trim() || row.name.trim() || row.threshold.trim() || row.multiplier.trim()) tiers.push(row);
  }
  return {
    pointsPerYuan: str(body, "pointsPerYuan"),
    newMemberBonus: str(body, "newMemberBonus"),
    checkin: Array.from({ length: CHECKIN_DAYS }, (_, i) => str(body, `checkin${i + 1}`)),
    capCheckin: str(body, "capCheckin"),
    capTask: str(body, "capTask"),
    capReferral: str(body, "capReferral"),
    capCode: str(body, "capCode"),
    capOther: str(body, "capOther"),
    maxPerEarning: str(body, "maxPerEarning"),
    maxPerMemberDay: str(body, "maxPerMemberDay"),
    expiryKind: str(body, "expiryKind"),
    expiryDays: str(body, "expiryDays"),
    expiryYears: str(body, "expiryYears"),
    tiers,
  };
}

export type ParsedRules = { ok: true; rules: RulesT } | { ok: false; errors: FieldErrors };

export function parseRulesForm(v: RulesFormValues): ParsedRules {
  const errors: FieldErrors = {};
  const pointsPerYuan = field(errors, "pointsPerYuan", decimalText(0, 1000), v.pointsPerYuan);
  const newMemberBonus = field(errors, "newMemberBonus", intText(0, 100_000), v.newMemberBonus);
  const checkinTable = v.checkin.map((c, i) => field(errors, `checkin${i + 1}`, intText(0, 10_000), c));
  const dailyCaps = Object.fromEntries(
    CAP_SOURCES.map((source) => {
      const name = capField(source);
      return [source, v[name].trim() === "" ? null : field(errors, name, intText(0, 1_000_000), v[name])];
    }),
  );
  const perEarning = field(errors, "maxPerEarning", intText(1, MAX_EARN_LIMIT), v.maxPerEarning);
  const perMemberDay = field(errors, "maxPerMemberDay", intText(1, MAX_EARN_LIMIT), v.maxPerMemberDay);
  if (perEarning !== undefined && perMemberDay !== undefined && perEarning > perMemberDay) {
    errors.maxPerEarning = t("admin.settings.err.perEarningOverDay");
  }
  const kind = field(errors, "expiryKind", ExpiryKind, v.expiryKind);
  const expiry =
    kind === "days"
      ? { kind, days: field(errors, "expiryDays", intText(1, 3650), v.expiryDays) }
      : kind === "end_of_year"
        ? { kind, years: field(errors, "expiryYears", intText(0, 10), v.expiryYears) }
        : kind && { kind };
  const tiers = parseTiers(v.tiers, errors);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const parsed = Rules.safeParse({
    pointsPerYuan,
    newMemberBonus,
    checkinTable,
    dailyCaps,
    earnLimits: { perEarning, perMemberDay },
    expiry,
    tiers,
  });
  if (!parsed.success) return { ok: false, errors: { rules: t("admin.settings.err.invalid") } };
  return { ok: true, rules: parsed.data };
}

function parseTiers(rows: TierFormValues[], errors: FieldErrors) {
  if (rows.length === 0) {
    errors.tiers = t("admin.settings.err.tiersEmpty");
    return [];
  }
  if (rows.length > MAX_TIERS) errors.tiers = t("admin.settings.err.tiersMany", { max: MAX_TIERS });
  const seen = new Set<string>();
  let previous: number | undefined;
  return rows.map((row, i) => {
    const key = field(errors, `tiers.${i}.key`, TierKey, row.key);
    if (key !== undefined) {
      if (seen.has(key)) errors[`tiers.${i}.key`] = t("admin.settings.err.tierKeyTaken");
      seen.add(key);
    }
    const name = field(errors, `tiers.${i}.name`, TierName, row.name);
    const threshold = field(errors, `tiers.${i}.threshold`, intText(0, 999_999_999), row.threshold);
    if (threshold !== undefined) {
      if (i === 0 && threshold !== 0) errors[`tiers.${i}.threshold`] = t("admin.settings.err.firstThreshold");
      else if (i > 0 && previous !== undefined && threshold <= previous)
        errors[`tiers.${i}.threshold`] = t("admin.settings.err.thresholdOrder");
      previous = threshold;
    }
    const multiplier = field(errors, `tiers.${i}.multiplier`, decimalText(1, 10), row.multiplier);
    return { key, name, threshold, multiplier };
  });
}

/** The settings form edits the earning rules only: the campaign rules (积分翻倍日, 生日双倍积分, 补签) are the
 *  console's 活动 page's (worker/admin/campaigns), so a save here keeps them as they are. */
export function keepCampaigns(parsed: ParsedRules, current: RulesT): ParsedRules {
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    rules: { ...parsed.rules, campaigns: current.campaigns, birthday: current.birthday, makeup: current.makeup },
  };
}
