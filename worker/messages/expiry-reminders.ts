// 积分到期提醒, run by the schedule (worker/index.ts scheduled): one message per member per lot-expiry — per
// instant in Turso's expiring projection (balance_projection.expiring: the wallet's open lots summed per expiry
// instant) that falls within the merchant's N days and still has points. One statement; the message's key
// (expiry:<expiresAt>) with `insert or ignore` makes a second run, an overlapping run or a retry add nothing.
import type { Db } from "../../db/client";

export const DAY_MS = 86_400_000;

/** The number of reminders written (0 on a second run over the same projection). */
export async function remindExpiringPoints(db: Db, now: number): Promise<number> {
  const rs = await db.$client.execute({
    sql: `INSERT OR IGNORE INTO messages (uid, kind, dedupe_key, params, link, created_at)
      SELECT b.uid, 'points_expiring', 'expiry:' || json_extract(e.value, '$.expiresAt'),
        json_object('points', json_extract(e.value, '$.points'), 'expiresAt', json_extract(e.value, '$.expiresAt')),
        '/me/points', ?1
      FROM balance_projection b, json_each(b.expiring) e, message_settings ms
      WHERE ms.id = 1 AND ms.expiry_days > 0
        AND json_extract(e.value, '$.points') > 0
        AND json_extract(e.value, '$.expiresAt') > ?1
        AND json_extract(e.value, '$.expiresAt') <= ?1 + ms.expiry_days * ${DAY_MS}`,
    args: [now],
  });
  return rs.rowsAffected;
}
