import { t } from "../i18n";

export type CampaignBannerView = {
  /** the 积分翻倍日 campaigns on today */
  campaigns: { name: string; multiplier: number; sources: string[]; to: string | null }[];
  /** today is the member's birthday (or in its month) and the rule is on */
  birthday: { multiplier: number; scope: "day" | "month" } | null;
};

const sourceName = (s: string) => t(`campaigns.source.${s}` as "campaigns.source.purchase");

/** The campaigns on now, on the home page and 我的积分 (nothing when none is). */
export function CampaignBanner({ banner }: { banner: CampaignBannerView | null }) {
  if (!banner || (banner.campaigns.length === 0 && !banner.birthday)) return null;
  return (
    <section class="panel campaign-banner" aria-label={t("campaigns.banner.label")} data-campaign-banner>
      <ul class="plain">
        {banner.birthday && (
          <li data-birthday-banner>
            {t(banner.birthday.scope === "month" ? "campaigns.banner.birthdayMonth" : "campaigns.banner.birthday", {
              multiplier: banner.birthday.multiplier,
            })}
          </li>
        )}
        {banner.campaigns.map((c) => (
          <li>
            {t("campaigns.banner.item", {
              name: c.name,
              sources: c.sources.map(sourceName).join(t("common.listSeparator")),
              multiplier: c.multiplier,
            })}
            {c.to && t("campaigns.banner.until", { date: c.to })}
          </li>
        ))}
      </ul>
    </section>
  );
}
