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

/** The sources a merchant caps per day (worker/wallet/caps.ts): the member's own channels (check-in — a
 *  make-up check-in counts here too —, tasks, referrals) and the trusted ones the merchant itself hands out
 *  (redeem codes of its batches, "other": what its server grants through the API). */
export const CAPPED_SOURCES = ["checkin", "task", "referral", "code", "other"] as const;
export type CappedSource = (typeof CAPPED_SOURCES)[number];

const Cap = z.number().int().min(0).max(100_000_000).nullable();

/** Member-driven channels keep the old shared cap's 100 each; the trusted ones are capped only where the
 *  merchant sets a cap (issue 8: a 500-point bonus its server grants is not refused by default). */
export const DEFAULT_DAILY_CAPS: Record<CappedSource, number | null> = {
  checkin: 100,
  task: 100,
  referral: 100,
  code: null,
  other: null,
};

const DailyCaps = z.object({
  checkin: Cap.default(DEFAULT_DAILY_CAPS.checkin),
  task: Cap.default(DEFAULT_DAILY_CAPS.task),
  referral: Cap.default(DEFAULT_DAILY_CAPS.referral),
  code: Cap.default(DEFAULT_DAILY_CAPS.code),
  other: Cap.default(DEFAULT_DAILY_CAPS.other),
});

/** A stored `{ nonPurchase: N }` (one cap shared by every non-purchase source) becomes N for each
 *  member-driven source (check-in, task, referral) and no cap for the trusted ones (code, other), which the
 *  merchant never meant to limit; `nonPurchase: null` (no cap at all) stays no cap everywhere. Per-source
 *  keys given next to it win. */
export function migrateDailyCaps(v: unknown): unknown {
  if (v === null || typeof v !== "object" || !("nonPurchase" in v)) return v;
  const { nonPurchase, ...rest } = v as { nonPurchase: unknown } & Record<string, unknown>;
  const shared = nonPurchase === undefined ? 100 : nonPurchase;
  return { checkin: shared, task: shared, referral: shared, code: null, other: null, ...rest };
}

/** The sources a campaign (积分翻倍日) may multiply: every earning source but the one-off new-member bonus. */
export const CAMPAIGN_SOURCES = ["purchase", "checkin", "task", "referral", "code", "other"] as const;
export type CampaignSource = (typeof CAMPAIGN_SOURCES)[number];

/** A merchant-local calendar date, YYYY-MM-DD. */
export const LocalDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/)
  .refine((s) => {
    const [y, m, d] = s.split("-").map(Number) as [number, number, number];
    return new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
  });

/** 积分翻倍日: earnings of `sources` are multiplied while the campaign is on — on every merchant-local day from
 *  `from` to `to` (inclusive; null = open-ended) that is one of `weekdays` (ISO 1 = Monday … 7 = Sunday; empty
 *  = every day). worker/campaigns/multipliers.ts decides, in the merchant's time zone. */
export const Campaign = z
  .object({
    id: z.string().regex(/^[a-z0-9]{1,16}$/),
    name: z.string().min(1).max(30),
    multiplier: z.number().gt(1).max(10),
    sources: z.array(z.enum(CAMPAIGN_SOURCES)).min(1).max(CAMPAIGN_SOURCES.length),
    from: LocalDate.nullable().default(null),
    to: LocalDate.nullable().default(null),
    weekdays: z.array(z.number().int().min(1).max(7)).max(7).default([]),
    enabled: z.boolean().default(true),
  })
  .refine((c) => c.from === null || c.to === null || c.from <= c.to, { path: ["to"] });
export type Campaign = z.infer<typeof Campaign>;

export const MAX_CAMPAIGNS = 30;

/** Defaults of rules.birthday (生日双倍积分) and rules.makeup (补签). */
export const DEFAULT_BIRTHDAY = { multiplier: 2, scope: "day" as "day" | "month" };
export const DEFAULT_MAKEUP = { cost: 20, perMonth: 2 };

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
  /** Daily earning caps, one per capped source (null = no cap): the points a member may earn from that source
   *  in a merchant-local day. Purchases and the new-member bonus are never capped here (earnLimits bounds
   *  them). A document stored before per-source caps holds `{ nonPurchase: N }`: see migrateDailyCaps. */
  dailyCaps: z.preprocess(migrateDailyCaps, DailyCaps).default(DEFAULT_DAILY_CAPS),
  /** Upper bounds on earning, whatever the source (issue 14): the most points one earning may credit (a
   *  purchase after conversion and multiplier included), and the most points one member may earn in a
   *  merchant-local day. Over either, the earning is refused whole (EARN_TOO_LARGE / EARN_LIMIT_REACHED). */
  earnLimits: z
    .object({
      perEarning: z.number().int().min(1).max(MAX_EARN_LIMIT).default(DEFAULT_EARN_LIMITS.perEarning),
      perMemberDay: z.number().int().min(1).max(MAX_EARN_LIMIT).default(DEFAULT_EARN_LIMITS.perMemberDay),
    })
    .default(DEFAULT_EARN_LIMITS),
  /** 积分翻倍日 campaigns (worker/campaigns/), managed in the console's 活动 page. */
  campaigns: z.array(Campaign).max(MAX_CAMPAIGNS).default([]),
  /** 生日双倍积分: purchases on the member's birthday (scope "day"; Feb 29 counts on Feb 28 in other years) or
   *  in its month (scope "month") earn × multiplier (1 = off). */
  birthday: z
    .object({
      multiplier: z.number().min(1).max(10).default(DEFAULT_BIRTHDAY.multiplier),
      scope: z.enum(["day", "month"]).default(DEFAULT_BIRTHDAY.scope),
    })
    .default(DEFAULT_BIRTHDAY),
  /** 补签: a missed day of the current month made up for `cost` points, at most `perMonth` times a month
   *  (0 = no make-up). */
  makeup: z
    .object({
      cost: z.number().int().min(0).max(100_000).default(DEFAULT_MAKEUP.cost),
      perMonth: z.number().int().min(0).max(31).default(DEFAULT_MAKEUP.perMonth),
    })
    .default(DEFAULT_MAKEUP),
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
