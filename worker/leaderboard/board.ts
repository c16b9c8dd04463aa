// 积分排行榜 read from Turso's ledger projection (it may lag the wallets by seconds, docs/architecture.md §2):
// points earned (ledger kind `earned`) in the period per member, members who opted out or are blocked left
// out, top 50 by points (equal points share a rank), plus the asking member's own row wherever it falls. One
// statement (and the member's choice beside it): the ledger_earned_idx index (kind, created_at, uid, amount) answers the sums without the table.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { members } from "../../db/schema";
import { maskName } from "../referrals/routes";
import type { PeriodWindow } from "./periods";

export const TOP = 50;

export type BoardRow = { rank: number; name: string; points: number; me: boolean };
export type Board = {
  top: BoardRow[];
  /** the member's own row (also when outside the top 50); null: nothing earned in the period, or opted out */
  me: BoardRow | null;
  optedOut: boolean;
};

type Raw = { uid: string; nickname: string; points: number; rnk: number; pos: number };

export async function readBoard(db: Db, window: PeriodWindow, uid: string | null): Promise<Board> {
  const me = uid ?? "";
  const [rows, optRows] = await Promise.all([
    db.all<Raw>(sql`with totals as (
        select l.uid as uid, sum(l.amount) as points
        from ledger_projection l indexed by ledger_earned_idx
        where l.kind = 'earned' and l.created_at >= ${window.from} and l.created_at < ${window.to}
        group by l.uid
      ), shown as (
        select t.uid, m.nickname, t.points,
               rank() over (order by t.points desc) as rnk,
               row_number() over (order by t.points desc, m.id) as pos
        from totals t join members m on m.uid = t.uid
        where m.leaderboard_opt_out = 0 and m.blocked = 0 and t.points > 0
      )
      select uid, nickname, points, rnk, pos from shown where pos <= ${TOP} or uid = ${me} order by pos`),
    db.select({ optOut: members.leaderboardOptOut }).from(members).where(eq(members.uid, me)),
  ]);
  const view = (r: Raw): BoardRow => ({
    rank: Number(r.rnk),
    name: maskName(r.nickname || r.uid),
    points: Number(r.points),
    me: r.uid === me,
  });
  const top = rows.filter((r) => Number(r.pos) <= TOP).map(view);
  const mine = rows.find((r) => r.uid === me);
  return { top, me: mine ? view(mine) : null, optedOut: optRows[0]?.optOut === true };
}

/** The member's choice (one conditional update; a member without a row has nothing to hide yet). */
export async function setOptOut(db: Db, uid: string, optOut: boolean, now: number): Promise<void> {
  await db.update(members).set({ leaderboardOptOut: optOut, updatedAt: now }).where(eq(members.uid, uid));
}
