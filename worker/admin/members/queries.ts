// The members table as the console reads and changes it: the search (uid or nickname substring, with the
// balance projection), and block/unblock with its audit row in the same batch.
import { and, desc, eq, or, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { balanceProjection, members } from "../../../db/schema";
import { memberTarget } from "../../audit/member-audit";
import { forgetMember } from "../../identity/session-memo";

export const SEARCH_PAGE = 20;

/** `%text%` for LIKE … ESCAPE '\': the user's %, _ and \ match themselves. */
export function likeSubstring(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

export type MemberSearchRow = {
  uid: string;
  nickname: string;
  blocked: boolean;
  createdAt: number;
  balance: number | null;
  tier: string | null;
};

/** One page (newest members first) of the members whose uid or nickname contains `q` (all when empty). */
export async function searchMembers(
  db: Db,
  q: string,
  page: number,
): Promise<{ rows: MemberSearchRow[]; hasMore: boolean }> {
  const like = likeSubstring(q);
  const rows = await db
    .select({
      uid: members.uid,
      nickname: members.nickname,
      blocked: members.blocked,
      createdAt: members.createdAt,
      balance: balanceProjection.balance,
      tier: balanceProjection.tier,
    })
    .from(members)
    .leftJoin(balanceProjection, eq(balanceProjection.uid, members.uid))
    .where(
      q
        ? or(sql`${members.uid} like ${like} escape '\\'`, sql`${members.nickname} like ${like} escape '\\'`)
        : undefined,
    )
    .orderBy(desc(members.id))
    .limit(SEARCH_PAGE + 1)
    .offset(page * SEARCH_PAGE);
  return { rows: rows.slice(0, SEARCH_PAGE), hasMore: rows.length > SEARCH_PAGE };
}

/**
 * Sets the member's blocked flag; a no-op when it already has that value. The audit row is written in the
 * same batch only when the update changed the row (changes() of the update just before it), so blocking twice
 * is one change and one audit row. Answers whether this call changed it.
 */
export async function setBlocked(db: Db, uid: string, blocked: boolean, actor: string, now: number): Promise<boolean> {
  const action = blocked ? "member.block" : "member.unblock";
  const before = JSON.stringify({ blocked: !blocked });
  const after = JSON.stringify({ blocked });
  const [, audit] = await db.batch([
    db
      .update(members)
      .set({ blocked, updatedAt: now })
      .where(and(eq(members.uid, uid), eq(members.blocked, !blocked))),
    db.run(
      sql`insert into audit_log (actor, action, target, before, after, at)
          select ${actor}, ${action}, ${memberTarget(uid)}, ${before}, ${after}, ${now} where changes() > 0`,
    ),
  ]);
  forgetMember(uid); // the shop's header in this isolate (elsewhere within SESSION_MEMO_MS)
  return audit.rowsAffected > 0;
}

/**
 * The audit row of a manual adjustment, once per ref: the wallet answers a repeated ref with its first answer,
 * so a double submit or a retry (also after an earlier attempt failed between the wallet and here) writes
 * exactly one row.
 */
export function auditAdjustOnce(
  db: Db,
  a: {
    actor: string;
    uid: string;
    ref: string;
    points: number;
    reason: string;
    before: number;
    after: number;
    at: number;
  },
) {
  const target = memberTarget(a.uid);
  const before = JSON.stringify({ balance: a.before });
  const after = JSON.stringify({ balance: a.after, points: a.points, reason: a.reason, ref: a.ref });
  return db.run(
    sql`insert into audit_log (actor, action, target, before, after, at)
        select ${a.actor}, 'member.adjust', ${target}, ${before}, ${after}, ${a.at}
        where not exists (select 1 from audit_log where action = 'member.adjust' and target = ${target} and json_extract(after, '$.ref') = ${a.ref})`,
  );
}
