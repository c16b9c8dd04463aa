// The one global decision about a redemption key: which (member, item, qty) it is for. The wallet knows its
// member's keys and each stock object its item's holds, but a key posted by two members on two items meets
// neither twice — so the flow claims the key in Turso (`redeem_keys`, one conditional insert: the first
// claim wins, forever) once its units are held, before any points are spent. Reading the claim first (in the
// flow's first batch) refuses a key already claimed for something else without writing anything.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { redeemKeys } from "../../db/schema";

export type KeyUse = { uid: string; itemId: number; qty: number };

export function claimQuery(db: Db, key: string) {
  return db
    .select({ uid: redeemKeys.uid, itemId: redeemKeys.itemId, qty: redeemKeys.qty })
    .from(redeemKeys)
    .where(eq(redeemKeys.key, key))
    .limit(1);
}

export const sameUse = (a: KeyUse, b: KeyUse) => a.uid === b.uid && a.itemId === b.itemId && a.qty === b.qty;

/** Claims `key` for `use` unless it is claimed already; answers the use it is claimed for (this one if the
 *  claim is new or the same). One statement (issue 13: one round trip, one result to decode): the insert,
 *  which on a claimed key rewrites nothing of it (uid set to itself) and returns the row that won. */
export async function claimKey(db: Db, key: string, use: KeyUse, now: number): Promise<KeyUse> {
  const [won] = await db
    .insert(redeemKeys)
    .values({ key, uid: use.uid, itemId: use.itemId, qty: use.qty, claimedAt: now })
    .onConflictDoUpdate({ target: redeemKeys.key, set: { uid: sql`${redeemKeys.uid}` } })
    .returning({ uid: redeemKeys.uid, itemId: redeemKeys.itemId, qty: redeemKeys.qty });
  if (!won) throw new Error(`redeem: the claim of ${key} answered no row`);
  return won;
}
