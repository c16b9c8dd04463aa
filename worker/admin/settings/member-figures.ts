// The member figures a rules preview needs, read from balance_projection: how many members earned at
// least each threshold in the last 12 months (members with no projected balance yet count as 0 earned), and the points of existing lots expiring within 30 / 90 days.
import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import type { MemberFigures } from "./rules-preview";
import type { Rules } from "../../settings/rules";

const DAY_MS = 86_400_000;

export async function memberFigures(db: Db, tierSets: Rules["tiers"][], now: number): Promise<MemberFigures> {
  const thresholds = [...new Set(tierSets.flat().map((x) => x.threshold))].sort((a, b) => a - b);
  const counts = thresholds.map(
    (th, i) => sql`coalesce(sum(case when e >= ${th} then 1 else 0 end), 0) as ${sql.raw(`c${i}`)}`,
  );
  const [countRows, expiringRows] = await Promise.all([
    // Every member: those whose wallet never projected a balance (nothing earned yet) count with 0.
    db.all<Record<string, number>>(sql`select ${sql.join(counts, sql`, `)} from (
        select earned_last_12_months as e from balance_projection
        union all
        select 0 as e from members m where not exists (select 1 from balance_projection b where b.uid = m.uid))`),
    db.all<{ e30: number; e90: number }>(sql`select
        total(case when json_extract(j.value, '$.expiresAt') <= ${now + 30 * DAY_MS} then json_extract(j.value, '$.points') end) as e30,
        total(case when json_extract(j.value, '$.expiresAt') <= ${now + 90 * DAY_MS} then json_extract(j.value, '$.points') end) as e90
      from balance_projection b, json_each(b.expiring) j where json_extract(j.value, '$.expiresAt') > ${now}`),
  ]);
  const row = countRows[0] ?? {};
  const byThreshold = new Map(thresholds.map((th, i) => [th, Number(row[`c${i}`] ?? 0)]));
  return {
    atLeast: (th) => byThreshold.get(th) ?? 0,
    // total() (a float) rather than sum(): whatever Turso holds, the figure is readable (no int64 past 2^53).
    expiring30: Math.min(Number(expiringRows[0]?.e30 ?? 0), Number.MAX_SAFE_INTEGER),
    expiring90: Math.min(Number(expiringRows[0]?.e90 ?? 0), Number.MAX_SAFE_INTEGER),
  };
}
