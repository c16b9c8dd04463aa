// A hot item's stock split across N stock objects (issue 13, "Past one object"). Shard 0 is the object named by
// the item id (so an item with one shard is exactly the one object it always was); shard k ≥ 1 is named
// `${itemId}#${k}`. Each shard is an ordinary ItemStock: it starts its count from its share of the item's
// initial stock (the remainder to the first shards) and decides its holds alone, in one synchronous step.
// A redemption key starts at the shard its hash names and moves on, in a fixed order, past shards that are
// sold out (worker/redeem/reserve-across.ts); the wallet records the shard its spend committed for, so the
// shard's alarm and a retry settle on that one (docs: README "Capacity model").
import { MAX_SHARDS } from "../../domain";
import type { SaleRules } from "./types";

export { MAX_SHARDS };
/** What a flash sale (an item created with a sale window) gets when its creator names no shard count. */
export const FLASH_SALE_SHARDS = 4;

/** The shard count a create body gives its item: the one it names, else 4 for a flash sale, else 1. */
export function createShards(body: { stockShards?: number; saleStartsAt?: unknown; saleEndsAt?: unknown }): number {
  const flashSale = body.saleStartsAt != null || body.saleEndsAt != null;
  return body.stockShards ?? (flashSale ? FLASH_SALE_SHARDS : 1);
}

export function shardCount(rules: Pick<SaleRules, "shards">): number {
  const n = rules.shards ?? 1;
  return Number.isSafeInteger(n) && n >= 1 ? Math.min(n, MAX_SHARDS) : 1;
}

export function shardName(itemId: number, shard: number): string {
  return shard === 0 ? String(itemId) : `${itemId}#${shard}`;
}

/** The item and shard an object's name stands for (null: not a stock object name). */
export function parseShardName(name: string): { itemId: number; shard: number } | null {
  const m = /^(\d+)(?:#([1-9]\d?))?$/.exec(name);
  if (!m) return null;
  return { itemId: Number(m[1]), shard: m[2] === undefined ? 0 : Number(m[2]) };
}

/** Shard k's part of `total` units split over n shards: the remainder to the first shards. */
export function shareOf(total: number, n: number, k: number): number {
  return Math.floor(total / n) + (k < total % n ? 1 : 0);
}

/** The rules shard k decides with: the item's, with the shard's share of the initial stock. */
export function shardRules(rules: SaleRules, k: number): SaleRules {
  const n = shardCount(rules);
  return n === 1 ? rules : { ...rules, initialStock: shareOf(rules.initialStock, n, k) };
}

/** FNV-1a (32 bit): a stable, cheap hash of a key (the same key always names the same shard). */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The shards a key tries, in order: the one its hash names, then the next ones, wrapping around. */
export function shardOrder(key: string, n: number): number[] {
  const start = n === 1 ? 0 : hash32(key) % n;
  return Array.from({ length: n }, (_, i) => (start + i) % n);
}
