// Binding a new member to their inviter, once, at the member's creation (the wallet's ensureMember says whether
// this arrival created the member). Refused, and recorded with the reason for the console: the programme off,
// an unknown code, one's own code, a cycle (the invitee is already up the inviter's chain), and a member who
// existed before arriving. The binding is one conditional insert keyed by the invitee: never two inviters.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { referralRefusals, referrals } from "../../db/schema";
import { inviterOf } from "./invite-code";
import { loadReferralSettings } from "./settings";

export type BindRefusal = "OFF" | "UNKNOWN_CODE" | "SELF" | "CYCLE" | "EXISTING" | "ALREADY_BOUND";
export type BindResult = { ok: true; inviter: string } | { ok: false; reason: BindRefusal };

const MAX_CHAIN = 100;

/** Whether `uid` is `from` or anyone who invited `from`, up the chain. */
async function upTheChain(db: Db, from: string, uid: string): Promise<boolean> {
  let at: string | null = from;
  for (let i = 0; at !== null && i < MAX_CHAIN; i++) {
    if (at === uid) return true;
    const [row]: { inviter: string }[] = await db
      .select({ inviter: referrals.inviter })
      .from(referrals)
      .where(eq(referrals.invitee, at))
      .limit(1);
    at = row?.inviter ?? null;
  }
  return false;
}

export async function bindReferral(
  db: Db,
  input: { invitee: string; code: string; created: boolean; now: number },
): Promise<BindResult> {
  const { invitee, code, created, now } = input;
  const settings = await loadReferralSettings(db);
  const inviter = settings.enabled ? await inviterOf(db, code) : null;
  const reason: BindRefusal | null = !settings.enabled
    ? "OFF"
    : inviter === null
      ? "UNKNOWN_CODE"
      : inviter === invitee
        ? "SELF"
        : (await upTheChain(db, inviter, invitee))
          ? "CYCLE"
          : !created
            ? "EXISTING"
            : null;
  if (reason === null && inviter !== null) {
    const inserted = await db
      .insert(referrals)
      .values({
        invitee,
        inviter,
        code,
        qualify: settings.qualify,
        inviterPoints: settings.inviterPoints,
        inviteePoints: settings.inviteePoints,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning({ invitee: referrals.invitee });
    if (inserted.length > 0) return { ok: true, inviter };
  }
  const why = reason ?? "ALREADY_BOUND";
  await db.insert(referralRefusals).values({ uid: invitee, code, inviter, reason: why, at: now });
  return { ok: false, reason: why };
}
