// What the campaign banner shows at `now`: the 积分翻倍日 campaigns on in the merchant's zone (the same rule the
// wallet applies, ./multipliers.ts) and, for a member, their birthday multiplier when today counts.
import type { CampaignBannerView } from "../../views/campaigns/campaign-banner";
import type { Rules } from "../settings/rules";
import { localDate } from "../wallet/local-time";
import { activeCampaigns, isBirthday } from "./multipliers";

export function campaignBanner(
  rules: Pick<Rules, "campaigns" | "birthday">,
  now: number,
  timeZone: string,
  birthday: string | null = null,
): CampaignBannerView {
  const today = localDate(now, timeZone);
  const on = rules.birthday.multiplier > 1 && isBirthday(birthday, today, rules.birthday.scope);
  return {
    campaigns: activeCampaigns(rules, now, timeZone).map((c) => ({
      name: c.name,
      multiplier: c.multiplier,
      sources: [...c.sources],
      to: c.to,
    })),
    birthday: on ? { multiplier: rules.birthday.multiplier, scope: rules.birthday.scope } : null,
  };
}
