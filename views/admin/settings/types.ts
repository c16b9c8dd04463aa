// What the settings page shows: the forms' raw values (echoed back on a 422), errors by field name, the
// preview of a pending rules change and the autologin secrets (never their values, except once).

/** Field name → message, e.g. "tiers.1.threshold" → "…". */
export type FieldErrors = Record<string, string>;

export type MallFormValues = {
  mallName: string;
  tagline: string;
  bannerAlt: string;
  brandColor: string;
  timeZone: string;
  logoUrl: string;
  bannerUrl: string;
};

export type TierFormValues = { key: string; name: string; threshold: string; multiplier: string };

/** The capped sources (worker/settings/rules.ts CAPPED_SOURCES), as the form and preview name them. */
export const CAP_SOURCES = ["checkin", "task", "referral", "code", "other"] as const;
export type CapSourceKey = (typeof CAP_SOURCES)[number];
export const capField = (source: CapSourceKey) =>
  `cap${source.charAt(0).toUpperCase()}${source.slice(1)}` as
    | "capCheckin"
    | "capTask"
    | "capReferral"
    | "capCode"
    | "capOther";

export type ExpiryKind = "never" | "days" | "end_of_month" | "end_of_year";

export type RulesFormValues = {
  pointsPerYuan: string;
  newMemberBonus: string;
  /** day 1..7 */
  checkin: string[];
  /** one daily cap per capped source (worker/settings/rules.ts CAPPED_SOURCES); empty = no cap */
  capCheckin: string;
  capTask: string;
  capReferral: string;
  capCode: string;
  capOther: string;
  /** the most points one earning may credit, and one member may earn in a day */
  maxPerEarning: string;
  maxPerMemberDay: string;
  expiryKind: string;
  expiryDays: string;
  expiryYears: string;
  tiers: TierFormValues[];
};

/** A figure under the pending rules and under the saved ones (null: not applicable, e.g. a new tier). */
export type Change<T> = { next: T; now: T };

export type RulesPreviewView = {
  /** the example purchase, in fen (¥100) */
  purchaseFen: number;
  purchase: { key: string; name: string; points: Change<number | null> }[];
  /** the example purchase by the first tier's member under the new rules, with the 积分翻倍日 multiplier of
   *  today and of the next day a campaign multiplies purchases (null: none within a year) */
  campaigns: {
    tier: string;
    today: { date: string; multiplier: number; points: number };
    doublingDay: { date: string; multiplier: number; points: number } | null;
  };
  checkinWeek: Change<number>;
  newMemberBonus: Change<number>;
  /** the daily cap of each capped source (null: no cap) */
  dailyCaps: { source: CapSourceKey; cap: Change<number | null> }[];
  earnLimits: { perEarning: Change<number>; perMemberDay: Change<number> };
  /** members per tier (from each member's points earned in the last 12 months), by tier key */
  tiers: { key: string; name: string; members: Change<number | null> }[];
  expiry: {
    changed: boolean;
    /** when points earned today expire (null: never) */
    earnedToday: Change<number | null>;
    /** points of existing lots expiring within 30 / 90 days (unchanged by a new policy) */
    expiring30: number;
    expiring90: number;
  };
};
