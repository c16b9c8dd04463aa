// The merchant's earning rules, with the defaults the domain articles describe. Stored as JSON in
// settings.rules and parsed with this schema, so a missing or partial document falls back to defaults.
import { z } from "zod";
import { t } from "../../views/i18n";

export const TierRule = z.object({
  key: z.string().regex(/^[a-z0-9_-]{1,20}$/),
  name: z.string().min(1).max(20),
  /** Points earned in the last 12 months needed to reach this tier. */
  threshold: z.number().int().min(0),
  /** Earn multiplier, e.g. 1.2 for ×1.2. */
  multiplier: z.number().min(1).max(10),
});

export const ExpiryPolicy = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("never") }),
  z.object({ kind: z.literal("days"), days: z.number().int().min(1).max(3650) }),
  z.object({ kind: z.literal("end_of_month") }),
  /** Points earned in year Y expire at the end of year Y + years (default: the end of the next year). */
  z.object({ kind: z.literal("end_of_year"), years: z.number().int().min(0).max(10) }),
]);

/** Defaults of rules.earnLimits, and the largest value a merchant may set (keeps every sum of earnings far
 *  from 2^53). */
export const DEFAULT_EARN_LIMITS = { perEarning: 100_000, perMemberDay: 1_000_000 };
export const MAX_EARN_LIMIT = 100_000_000;

export const Rules = z.object({
  /** Points per ¥1 of a purchase (amounts arrive in fen and are rounded down). */
  pointsPerYuan: z.number().min(0).max(1000).default(1),
  newMemberBonus: z.number().int().min(0).max(100_000).default(50),
  /** Rewards for day 1..7 of a check-in streak; the cycle repeats after the last day. */
  checkinTable: z.array(z.number().int().min(0).max(10_000)).min(1).max(31).default([5, 8, 10, 12, 15, 18, 20]),
  /** Daily earning caps per source; `nonPurchase` caps everything except purchases. */
  dailyCaps: z.object({ nonPurchase: z.number().int().min(0).nullable().default(100) }).default({ nonPurchase: 100 }),
  /** Upper bounds on earning, whatever the source (issue 14): the most points one earning may credit (a
   *  purchase after conversion and multiplier included), and the most points one member may earn in a
   *  merchant-local day. Over either, the earning is refused whole (EARN_TOO_LARGE / EARN_LIMIT_REACHED). */
  earnLimits: z
    .object({
      perEarning: z.number().int().min(1).max(MAX_EARN_LIMIT).default(DEFAULT_EARN_LIMITS.perEarning),
      perMemberDay: z.number().int().min(1).max(MAX_EARN_LIMIT).default(DEFAULT_EARN_LIMITS.perMemberDay),
    })
    .default(DEFAULT_EARN_LIMITS),
  expiry: ExpiryPolicy.default({ kind: "end_of_year", years: 1 }),
  tiers: z
    .array(TierRule)
    .min(1)
    // A function: the default tiers are named when parsed, in that request's language (not once at import).
    .default(() => [
      { key: "standard", name: t("settings.default.tier.standard"), threshold: 0, multiplier: 1 },
      { key: "gold", name: t("settings.default.tier.gold"), threshold: 2000, multiplier: 1.2 },
      { key: "diamond", name: t("settings.default.tier.diamond"), threshold: 10000, multiplier: 1.5 },
    ]),
});

export type Rules = z.infer<typeof Rules>;

export function parseRules(json: unknown): Rules {
  return Rules.parse(json ?? {});
}
