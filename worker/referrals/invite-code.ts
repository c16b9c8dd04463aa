// Each member's invite code: 8 characters of the redeem codes' unambiguous alphabet (no 0/O/1/I), made the
// first time the member's invite page asks for it (insert-or-keep, so two first visits agree on one code).
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { inviteCodes } from "../../db/schema";
import { CODE_ALPHABET } from "../codes/code-text";

export const INVITE_CODE = /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/;

function newInviteCode(): string {
  // 256 is a multiple of 32 (the alphabet's size): every byte maps to a character with equal odds.
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

/** The member's invite code, made now if they have none. */
export async function inviteCodeFor(db: Db, uid: string, now: number): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const [, found] = await db.batch([
      db.insert(inviteCodes).values({ uid, code: newInviteCode(), createdAt: now }).onConflictDoNothing(),
      db.select({ code: inviteCodes.code }).from(inviteCodes).where(eq(inviteCodes.uid, uid)).limit(1),
    ]);
    if (found[0]) return found[0].code;
    // the random code was another member's (on conflict of the code, nothing was inserted): draw again
  }
  throw new Error("invite code: no free code after 5 draws");
}

/** Whose code it is, or null. */
export async function inviterOf(db: Db, code: string): Promise<string | null> {
  if (!INVITE_CODE.test(code)) return null;
  const [row] = await db.select({ uid: inviteCodes.uid }).from(inviteCodes).where(eq(inviteCodes.code, code)).limit(1);
  return row?.uid ?? null;
}

/** A code as typed or carried in a link: upper case, null when it cannot be one. */
export function normaliseInviteCode(raw: string | undefined | null): string | null {
  const code = (raw ?? "").trim().toUpperCase();
  return INVITE_CODE.test(code) ? code : null;
}
