// The item page's shared rows (card, description, images, sale rules, live 拼团 deals and their open groups —
// nothing of any member's) kept per isolate for ITEM_ROWS_MEMO_MS under the page version they were read at
// (issue 13: a member's item page then reads Turso only for a physical item's addresses). The same lag a
// guest's cached item page has (worker/page-cache/guest-cache.ts GUEST_ITEM_TTL_S): any console/API change
// to the item bumps the page version (worker/page-cache/page-version.ts), so it is never served past the
// settings' own 5-second memo, and at once in the isolate that made it; an open group's seats (the Turso
// projection, which lags the group object anyway) may be ITEM_ROWS_MEMO_MS older. The stock number is not
// here: the page asks the stock object every time, and the redemption checks everything again itself. The
// redemption keeps its own part here too (the item's sale row, `sale`: price, sale window, limit, tiers — the
// same lag as the page it was posted from; the stock object, the wallet and the key's claim are asked fresh).
// Plain settled values only (workerd ties a promise's I/O to the request that made it).
import type { Db } from "../../db/client";
import { GUEST_ITEM_TTL_S } from "../page-cache/guest-cache";

export const ITEM_ROWS_MEMO_MS = GUEST_ITEM_TTL_S * 1000;
const MAX_ENTRIES = 500;

type Entry<T> = { rows: T; until: number };
const memo = new Map<Db, Map<string, Entry<unknown>>>();

/** Which rows of the item: the item page's (`page`), or the redemption's sale row (`sale`, worker/redeem). */
export type ItemRowsPart = "page" | "sale";

const keyOf = (version: number, itemId: number, part: ItemRowsPart) => `${part}:${version}:${itemId}`;

export function memoItemRows<T>(
  db: Db,
  version: number,
  itemId: number,
  now: number,
  part: ItemRowsPart = "page",
): T | null {
  const e = memo.get(db)?.get(keyOf(version, itemId, part));
  return e && e.until > now ? (e.rows as T) : null;
}

export function rememberItemRows<T>(
  db: Db,
  version: number,
  itemId: number,
  rows: T,
  now: number,
  part: ItemRowsPart = "page",
): void {
  let m = memo.get(db);
  if (!m) memo.set(db, (m = new Map()));
  if (m.size >= MAX_ENTRIES) {
    for (const [k, e] of m) if (e.until <= now) m.delete(k);
    if (m.size >= MAX_ENTRIES) m.clear();
  }
  m.set(keyOf(version, itemId, part), { rows, until: now + ITEM_ROWS_MEMO_MS });
}

/** Drop every kept row in this isolate (a write that changes an item page without a version bump). */
export function forgetItemRows(): void {
  memo.clear();
}
