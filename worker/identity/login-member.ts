// Uses up an autologin nonce and creates (or refreshes) the member, in one write batch: if the nonce was
// seen before, the unique key fails the batch and nothing is written.
import { lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { autologinNonces, members } from "../../db/schema";
import { isUniqueViolation } from "../db-errors";
import { AUTOLOGIN_WINDOW_MS } from "./autologin-sign";

export type LoginInput = { uid: string; nonce: string; nickname?: string; avatar?: string };

export async function loginMember(db: Db, input: LoginInput, now: number): Promise<"ok" | "replayed"> {
  const profile = {
    nickname: input.nickname ? sql`excluded.nickname` : sql`${members.nickname}`,
    avatarUrl: input.avatar ? sql`excluded.avatar_url` : sql`${members.avatarUrl}`,
    updatedAt: now,
  };
  try {
    await db.batch([
      // A nonce is remembered for as long as its link could be valid (either side of the window).
      db
        .insert(autologinNonces)
        .values({ nonce: input.nonce, uid: input.uid, expiresAt: now + 2 * AUTOLOGIN_WINDOW_MS }),
      db
        .insert(members)
        .values({ uid: input.uid, nickname: input.nickname ?? "", avatarUrl: input.avatar ?? null })
        .onConflictDoUpdate({ target: members.uid, set: profile }),
      db.delete(autologinNonces).where(lt(autologinNonces.expiresAt, now)),
    ]);
    return "ok";
  } catch (err) {
    if (isUniqueViolation(err, "autologin_nonces.nonce")) return "replayed";
    throw err;
  }
}
