// The campaign banner and the settings preview decide from the same rules the wallet applies: a campaign shows
// from its first local midnight to its last, the birthday line only on the member's day (or month) while the rule
// is on, and the preview gives a ¥100 purchase today and on the next doubling day.
import renderToString from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { CampaignBanner } from "../../views/campaigns/campaign-banner";
import { campaignPreview } from "../admin/settings/rules-preview";
import { parseRules } from "../settings/rules";
import { campaignBanner } from "./banner";

const TZ = "Asia/Shanghai";
const at = (iso: string) => Date.parse(iso);
const rules = parseRules({
  campaigns: [
    { id: "w", name: "周末双倍", multiplier: 2, sources: ["purchase", "checkin"], weekdays: [6, 7] },
    { id: "d", name: "店庆", multiplier: 3, sources: ["purchase"], from: "2091-05-10", to: "2091-05-12" },
    { id: "x", name: "停用", multiplier: 5, sources: ["purchase"], enabled: false },
  ],
  birthday: { multiplier: 2, scope: "day" },
});

describe("campaign banner", () => {
  it("shows what is on at the merchant's local midnights, and the birthday line on the day", () => {
    // 2091-05-09 is a Wednesday; 05-10 00:00 Shanghai = 05-09T16:00Z
    expect(campaignBanner(rules, at("2091-05-09T15:59:00Z"), TZ).campaigns).toEqual([]);
    expect(campaignBanner(rules, at("2091-05-09T16:00:00Z"), TZ).campaigns.map((c) => c.name)).toEqual(["店庆"]);
    expect(campaignBanner(rules, at("2091-05-12T15:59:00Z"), TZ).campaigns.map((c) => c.name)).toEqual([
      "周末双倍",
      "店庆",
    ]);
    expect(campaignBanner(rules, at("2091-05-12T16:00:00Z"), TZ).campaigns.map((c) => c.name)).toEqual(["周末双倍"]);
    expect(campaignBanner(rules, at("2091-05-09T16:00:00Z"), TZ, "05-10").birthday).toEqual({
      multiplier: 2,
      scope: "day",
    });
    expect(campaignBanner(rules, at("2091-05-10T16:00:00Z"), TZ, "1990-05-10").birthday).toBeNull();
    const off = { ...rules, birthday: { multiplier: 1, scope: "day" as const } };
    expect(campaignBanner(off, at("2091-05-09T16:00:00Z"), TZ, "05-10").birthday).toBeNull();

    const html = renderToString(
      <CampaignBanner banner={campaignBanner(rules, at("2091-05-10T04:00:00Z"), TZ, "05-10")} />,
    );
    expect(html).toContain("生日快乐！今天消费积分 ×2");
    expect(html).toContain("店庆：消费积分 ×3（至 2091-05-12）");
    expect(html).not.toContain("停用");
    expect(renderToString(<CampaignBanner banner={campaignBanner(rules, at("2091-05-09T04:00:00Z"), TZ)} />)).toBe("");
  });

  it("previews a ¥100 purchase today and on the next doubling day", () => {
    // Wednesday 2091-05-09: plain today; the next doubling day is 05-10 (店庆 ×3)
    expect(campaignPreview(rules, TZ, at("2091-05-09T04:00:00Z"))).toEqual({
      tier: "普通",
      today: { date: "2091-05-09", multiplier: 1, points: 100 },
      doublingDay: { date: "2091-05-10", multiplier: 3, points: 300 },
    });
    // on a doubling day, today is it
    expect(campaignPreview(rules, TZ, at("2091-05-13T04:00:00Z")).doublingDay).toEqual({
      date: "2091-05-13",
      multiplier: 2,
      points: 200,
    });
    expect(campaignPreview(parseRules({}), TZ, at("2091-05-09T04:00:00Z")).doublingDay).toBeNull();
  });
});
