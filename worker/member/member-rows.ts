// The members table as the Merchant API and the console use it: create-or-update a profile,
// create-if-missing, look up. Each is one round trip (an upsert with RETURNING, or one batch).
import { eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/client";
import { members } from "../../db/schema";

export type MemberRow = typeof members.$inferSelect;

export type ProfileInput = { nickname?: string; avatar?: string | null };

/** Creates the member or updates the given profile fields (omitted ones are kept). One write batch: the
 *  select before the upsert says whether the row existed; `before` statements (the audit row) run between
 *  them, seeing the row as it was. */
export async function upsertMemberProfile(
  db: Db,
  uid: string,
  input: ProfileInput,
  now: number,
  before: BatchItem<"sqlite">[] = [],
): Promise<{ row: MemberRow; created: boolean }> {
  const set = {
    nickname: input.nickname !== undefined ? sql`excluded.nickname` : sql`${members.nickname}`,
    avatarUrl: input.avatar !== undefined ? sql`excluded.avatar_url` : sql`${members.avatarUrl}`,
    updatedAt: now,
  };
  const [existing, ...rest] = await db.batch([
    db.select({ id: members.id }).from(members).where(eq(members.uid, uid)),
    ...before,
    db
      .insert(members)
      .values({ uid, nickname: input.nickname ?? "", avatarUrl: input.avatar ?? null, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: members.uid, set })
      .returning(),
  ]);
  const after = rest[rest.length - 1] as MemberRow[];
  return { row: after[0]!, created: existing.length === 0 };
}

/** Creates the member with an empty profile if unknown; true when it was created. Known members (the usual
 *  case) cost one read, not a write. */
export async function createMemberIfMissing(db: Db, uid: string, now: number): Promise<boolean> {
  if (await findMember(db, uid)) return false;
  const inserted = await db
    .insert(members)
    .values({ uid, createdAt: now, updatedAt: now })
    .onConflictDoNothing({ target: members.uid })
    .returning({ id: members.id });
  return inserted.length > 0;
}

export async function findMember(db: Db, uid: string): Promise<MemberRow | undefined> {
  const [row] = await db.select().from(members).where(eq(members.uid, uid)).limit(1);
  return row;
}
