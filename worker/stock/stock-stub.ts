// The Worker's handle on an item's stock objects: shard 0 is the object named by String(itemId), the only one
// an item with one shard has; shard k ≥ 1 is `${itemId}#${k}` (worker/stock/shards.ts, docs/architecture.md §2).
// Typed as the contract.
import { shardName } from "./shards";
import type { StockAdminApi, StockApi } from "./types";

export type StockStub = StockApi & StockAdminApi;

export function stockFor(env: Pick<Env, "STOCK">, itemId: number, shard = 0): StockStub {
  return env.STOCK.getByName(shardName(itemId, shard));
}
