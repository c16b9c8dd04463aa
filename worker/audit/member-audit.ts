// Audit rows of members (target `member:<uid>`). The Merchant API's profile put: its actor is the calling
// token (c.var.apiCaller); an insert … select for the change's own write batch that only matches when the
// batch really changed something, so an idempotent replay records nothing.
// Points (earn/deduct/reverse) are not audited here: each is a ledger entry with its ref already.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { ProfileInput } from "../member/member-rows";

export const memberTarget = (uid: string) => `member:${uid}`;

/** A member's profile put (PUT /members/{uid}), for the batch BEFORE the upsert, so it reads the row as it
 *  was: written when the member is new (before = null, after = the new profile) or a given field differs
 *  (before/after = the fields the put gave). */
export function memberPutAudit(db: Db, a: { actor: string; uid: string; input: ProfileInput; now: number }) {
  const { nickname, avatar } = a.input;
  const was: SQL[] = [];
  const is: SQL[] = [];
  const changed: SQL[] = [sql`m.id is null`];
  if (nickname !== undefined) {
    was.push(sql`'nickname', m.nickname`);
    is.push(sql`'nickname', ${nickname}`);
    changed.push(sql`m.nickname is not ${nickname}`);
  }
  if (avatar !== undefined) {
    was.push(sql`'avatar', m.avatar_url`);
    is.push(sql`'avatar', ${avatar}`);
    changed.push(sql`m.avatar_url is not ${avatar}`);
  }
  const obj = (parts: SQL[]) => sql`json_object(${sql.join(parts, sql`, `)})`;
  return db.run(sql`insert into audit_log (actor, action, target, before, after, at)
    select ${a.actor}, 'member.update', ${memberTarget(a.uid)},
      case when m.id is null then null else ${obj(was)} end,
      case when m.id is null then json_object('nickname', ${nickname ?? ""}, 'avatar', ${avatar ?? null}) else ${obj(is)} end,
      ${a.now}
    from (select 1) as one left join members m on m.uid = ${a.uid}
    where ${sql.join(changed, sql` or `)}`);
}
