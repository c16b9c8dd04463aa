// What a pending rules change would do, next to what the saved rules do: a ¥100 purchase per tier, a week
// of check-ins, members per tier (from each member's points earned in the last 12 months) and when points
// earned today would expire. Pure: the member figures come in as counts from balance_projection.
import type { RulesPreviewView } from "../../../views/admin/settings/types";
import { pointsForPurchase } from "../../wallet/amounts";
import { expiresAtFor } from "../../wallet/expiry-policy";
import { CAPPED_SOURCES, type Rules } from "../../settings/rules";
import { campaignMultiplierOn } from "../../campaigns/multipliers";
import { addDays, localDate } from "../../wallet/local-time";

export const PREVIEW_PURCHASE_FEN = 100_00;

/** Members whose 12-month earnings are at least each threshold. */
export type AtLeast = (threshold: number) => number;

export type MemberFigures = { atLeast: AtLeast; expiring30: number; expiring90: number };

export function checkinWeek(table: number[]): number {
  let sum = 0;
  for (let day = 0; day < 7; day++) sum += table[day % table.length] ?? 0;
  return sum;
}

/** Members per tier: those at or above its threshold and below the next one's. */
export function membersPerTier(tiers: Rules["tiers"], atLeast: AtLeast): Map<string, number> {
  const sorted = [...tiers].sort((a, b) => a.threshold - b.threshold);
  const out = new Map<string, number>();
  sorted.forEach((tier, i) => {
    const next = sorted[i + 1];
    out.set(tier.key, atLeast(tier.threshold) - (next ? atLeast(next.threshold) : 0));
  });
  return out;
}

/** A ¥100 purchase by the first tier's member today and on the next day a campaign multiplies purchases
 *  (today itself when one does; looked for within a year), as the wallet would credit it. */
export function campaignPreview(rules: Rules, timeZone: string, at: number): RulesPreviewView["campaigns"] {
  const tier = rules.tiers[0]!;
  const on = (date: string) => {
    const multiplier = campaignMultiplierOn(rules, "purchase", date);
    return {
      date,
      multiplier,
      points: pointsForPurchase(PREVIEW_PURCHASE_FEN, rules.pointsPerYuan, tier.multiplier * multiplier),
    };
  };
  const today = localDate(at, timeZone);
  let doublingDay: RulesPreviewView["campaigns"]["doublingDay"] = null;
  for (let i = 0; i <= 366 && !doublingDay; i++) {
    const d = on(addDays(today, i));
    if (d.multiplier > 1) doublingDay = d;
  }
  return { tier: tier.name, today: on(today), doublingDay };
}

export function rulesPreview(
  now: Rules,
  next: Rules,
  timeZone: string,
  at: number,
  members: MemberFigures,
): RulesPreviewView {
  const purchase = (rules: Rules, key: string) => {
    const tier = rules.tiers.find((x) => x.key === key);
    return tier ? pointsForPurchase(PREVIEW_PURCHASE_FEN, rules.pointsPerYuan, tier.multiplier) : null;
  };
  const countsNext = membersPerTier(next.tiers, members.atLeast);
  const countsNow = membersPerTier(now.tiers, members.atLeast);
  const keys = [
    ...next.tiers.map((x) => ({ key: x.key, name: x.name })),
    ...now.tiers.filter((x) => !next.tiers.some((n) => n.key === x.key)),
  ];
  return {
    purchaseFen: PREVIEW_PURCHASE_FEN,
    purchase: keys.map(({ key, name }) => ({
      key,
      name,
      points: { next: purchase(next, key), now: purchase(now, key) },
    })),
    campaigns: campaignPreview(next, timeZone, at),
    checkinWeek: { next: checkinWeek(next.checkinTable), now: checkinWeek(now.checkinTable) },
    newMemberBonus: { next: next.newMemberBonus, now: now.newMemberBonus },
    dailyCaps: CAPPED_SOURCES.map((source) => ({
      source,
      cap: { next: next.dailyCaps[source], now: now.dailyCaps[source] },
    })),
    earnLimits: {
      perEarning: { next: next.earnLimits.perEarning, now: now.earnLimits.perEarning },
      perMemberDay: { next: next.earnLimits.perMemberDay, now: now.earnLimits.perMemberDay },
    },
    tiers: keys.map(({ key, name }) => ({
      key,
      name,
      members: { next: countsNext.get(key) ?? null, now: countsNow.get(key) ?? null },
    })),
    expiry: {
      changed: JSON.stringify(next.expiry) !== JSON.stringify(now.expiry),
      earnedToday: {
        next: expiresAtFor(at, { expiry: next.expiry, timeZone }),
        now: expiresAtFor(at, { expiry: now.expiry, timeZone }),
      },
      expiring30: members.expiring30,
      expiring90: members.expiring90,
    },
  };
}
