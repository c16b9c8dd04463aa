// Which multipliers an earning gets, decided from the rules and the instant alone (pure), so the wallet
// applies them inside its one synchronous step and the shopper pages and the console preview show the
// same answer.
//
// How they combine (README "积分翻倍日 and 生日双倍积分"):
//   - campaigns: of the campaigns on at `now` (merchant-local date within [from, to], weekday listed or none
//     listed, enabled) that name the source, the largest multiplier counts — two ×2 campaigns on one day are
//     ×2, not ×4;
//   - birthday: purchases only, × rules.birthday.multiplier on the member's birthday (or in its month);
//   - tier: purchases converted from an amount only (as before), × the member's tier multiplier.
//   They multiply: a ¥100 purchase at 1 point per ¥ by a 黄金 member (×1.2) on a ×2 day that is also their
//   birthday (×2) earns floor(100 × 1.2 × 2 × 2) = 480. Rounding happens once, at the end (down).
//   The earning limits and the source's daily cap apply to the multiplied points.
import type { Campaign, CampaignSource, Rules } from "../settings/rules";
import { localDate, parseDate } from "../wallet/local-time";

/** ISO weekday (1 = Monday … 7 = Sunday) of a YYYY-MM-DD date. */
export function isoWeekday(date: string): number {
  const { year, month, day } = parseDate(date);
  const d = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Whether the campaign is on for the merchant-local `date`. */
export function campaignOnDate(c: Campaign, date: string): boolean {
  if (!c.enabled) return false;
  if (c.from !== null && date < c.from) return false;
  if (c.to !== null && date > c.to) return false;
  return c.weekdays.length === 0 || c.weekdays.includes(isoWeekday(date));
}

/** The campaigns on at `now` in the merchant's zone. */
export function activeCampaigns(rules: Pick<Rules, "campaigns">, now: number, timeZone: string): Campaign[] {
  const date = localDate(now, timeZone);
  return rules.campaigns.filter((c) => campaignOnDate(c, date));
}

/** The campaign multiplier for `source` on the merchant-local `date` (1 = none). */
export function campaignMultiplierOn(rules: Pick<Rules, "campaigns">, source: string, date: string): number {
  let m = 1;
  for (const c of rules.campaigns) {
    if ((c.sources as readonly string[]).includes(source) && campaignOnDate(c, date)) m = Math.max(m, c.multiplier);
  }
  return m;
}

export function campaignMultiplier(
  rules: Pick<Rules, "campaigns">,
  source: string,
  now: number,
  timeZone: string,
): number {
  return campaignMultiplierOn(rules, source, localDate(now, timeZone));
}

/** Whether the merchant-local `date` is a birthday day (or month) for `birthday` (YYYY-MM-DD, or MM-DD when
 *  the year was left out). A 29 February birthday is kept on 28 February in years without one. */
export function isBirthday(birthday: string | null, date: string, scope: "day" | "month"): boolean {
  if (!birthday) return false;
  const b = parseDate(birthday.length === 5 ? `2000-${birthday}` : birthday);
  const d = parseDate(date);
  if (b.month !== d.month) return false;
  if (scope === "month") return true;
  if (b.day === d.day) return true;
  const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return b.month === 2 && b.day === 29 && d.day === 28 && !leap(d.year);
}

/** The birthday multiplier a purchase earns on `date` (1 = none: not a purchase, not the birthday, or off). */
export function birthdayMultiplier(
  rules: Pick<Rules, "birthday">,
  source: string,
  birthday: string | null,
  date: string,
): number {
  if (source !== "purchase") return 1;
  return isBirthday(birthday, date, rules.birthday.scope) ? rules.birthday.multiplier : 1;
}

/** Campaign and birthday multipliers together for an earning of `source` on `date` (the tier's is the
 *  conversion's own, for purchases from an amount). */
export function bonusMultiplier(
  rules: Pick<Rules, "campaigns" | "birthday">,
  source: CampaignSource | string,
  birthday: string | null,
  date: string,
): { campaign: number; birthday: number; total: number } {
  const campaign = campaignMultiplierOn(rules, source, date);
  const bday = birthdayMultiplier(rules, source, birthday, date);
  return { campaign, birthday: bday, total: campaign * bday };
}
