// A sharded coupon item's code registry (storage V4): the shard a code's hash names (worker/stock/shards.ts)
// records which shard the code was placed on, whichever shard that is (worker/stock/place-codes.ts). One
// claim per code and object, decided in one synchronous step, so two imports of a code — a retry, a double
// tap, two files at once — always place it on the same shard, where the pool's primary key makes the second
// a duplicate. A code in this object's pool with no claim (imported before V4, when a code always went to
// the shard its hash names) is this shard's.
import { num, row } from "../objects/sql";
import { bump, itemRow } from "./state";

const claimOf = (sql: SqlStorage, code: string): number | null =>
  row<{ shard: number }>(sql, "select shard from code_claims where code = ?", code)?.shard ?? null;

const inPool = (sql: SqlStorage, code: string): boolean =>
  num(sql, "select count(*) from codes where code = ?", code) > 0;

/** The shard each code is placed on (null: not claimed yet), and how many codes this shard's units lack:
 *  units available or held, less the free codes (negative: codes to spare). Reads only. */
export function codePlan(sql: SqlStorage, codes: string[], self: number): { placed: (number | null)[]; need: number } {
  const item = itemRow(sql)!;
  return {
    placed: codes.map((c) => claimOf(sql, c) ?? (inPool(sql, c) ? self : null)),
    need: item.available + item.held - item.codes_free,
  };
}

/** Claims each code for the shard proposed, unless it already has one, and answers the shard each code is on.
 *  Marks the shard as selling from the item's pool (called on every shard of an import, before any code is
 *  added: an import cut off after this step leaves a shard sold out, never selling generated codes); that
 *  changes what it can sell, so it is a change of the projection (bump). */
export function claimCodes(
  sql: SqlStorage,
  claims: { code: string; shard: number }[],
  self: number,
  now: number,
): { shards: number[]; marked: boolean } {
  const marked = itemRow(sql)!.pooled !== 1;
  if (marked) bump(sql, now, "pooled = 1");
  const shards = claims.map(({ code, shard }) => {
    const claimed = claimOf(sql, code);
    if (claimed !== null) return claimed;
    const on = inPool(sql, code) ? self : shard;
    sql.exec("insert into code_claims (code, shard, claimed_at) values (?, ?, ?)", code, on, now);
    return on;
  });
  return { shards, marked };
}
