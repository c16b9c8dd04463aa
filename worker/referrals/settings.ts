// 邀请有礼's settings (one Turso row, id = 1; none = off): whether the programme runs, the two rewards, the
// invitee's action that pays them, and the inviter's caps on rewarded invitees (a day, in total).
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { referralSettings } from "../../db/schema";
import { lazy } from "../../views/i18n";
import { auditEntry } from "../audit/audit-log";

export const QUALIFY = ["signup", "checkin", "purchase"] as const;
export type Qualify = (typeof QUALIFY)[number];

export type ReferralSettings = {
  enabled: boolean;
  inviterPoints: number;
  inviteePoints: number;
  qualify: Qualify;
  inviterDailyCap: number | null;
  inviterTotalCap: number | null;
};

export const DEFAULT_REFERRAL_SETTINGS: ReferralSettings = {
  enabled: false,
  inviterPoints: 100,
  inviteePoints: 50,
  qualify: "signup",
  inviterDailyCap: 10,
  inviterTotalCap: null,
};

const points = z
  .int({ error: lazy("referrals.field.points") })
  .min(0, { error: lazy("referrals.field.points") })
  .max(100_000, { error: lazy("referrals.field.points") });
const cap = z
  .int({ error: lazy("referrals.field.cap") })
  .min(1, { error: lazy("referrals.field.cap") })
  .max(1_000_000, { error: lazy("referrals.field.cap") })
  .nullable();

export const ReferralSettingsInput = z.strictObject({
  enabled: z.boolean(),
  inviterPoints: points,
  inviteePoints: points,
  qualify: z.enum(QUALIFY, { error: lazy("referrals.field.qualify") }),
  inviterDailyCap: cap,
  inviterTotalCap: cap,
});

export async function loadReferralSettings(db: Db): Promise<ReferralSettings> {
  const [row] = await db.select().from(referralSettings).where(eq(referralSettings.id, 1)).limit(1);
  if (!row) return DEFAULT_REFERRAL_SETTINGS;
  const { id: _id, updatedAt: _u, ...s } = row;
  return s;
}

export async function saveReferralSettings(db: Db, next: ReferralSettings, actor: string, now: number): Promise<void> {
  const before = await loadReferralSettings(db);
  await db.batch([
    db
      .insert(referralSettings)
      .values({ id: 1, ...next, updatedAt: now })
      .onConflictDoUpdate({ target: referralSettings.id, set: { ...next, updatedAt: now } }),
    auditEntry(db, { actor, action: "referrals.settings", target: "referral_settings", before, after: next, at: now }),
  ]);
}
