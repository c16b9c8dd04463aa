// Step 1 of a redemption on an item whose stock is split across shards (worker/stock/shards.ts): the key tries
// the shard its hash names, then the next ones in a fixed order, moving on only past a shard that answers
// SOLD_OUT. Any other answer — a hold (new, or the key's own from an earlier attempt, which every shard
// answers before its sold-out check), LIMIT_REACHED, NOT_ON_SALE, TIER_NOT_ALLOWED, KEY_REUSED — is the
// answer. SOLD_OUT only when every shard said so, with the most units any one shard had left (what the edge
// memo may remember: a request for more than that cannot be held anywhere right now). The same in Duiba mode:
// the DuibaAccount records the order's shard, so only that shard's alarm confirms a hold of the key.
import { shardCount, shardOrder, shardRules } from "../stock/shards";
import type { StockStub } from "../stock/stock-stub";
import type { StockApi } from "../stock/types";

type ReserveIn = Parameters<StockApi["reserve"]>[0];
type ReserveOut = Awaited<ReturnType<StockApi["reserve"]>>;

export async function reserveAcross(
  stock: (shard: number) => Pick<StockStub, "reserve">,
  input: ReserveIn,
): Promise<{ held: ReserveOut; shard: number }> {
  const n = shardCount(input.rules);
  const order = shardOrder(input.key, n);
  const tries = order;
  let most = 0;
  let last: ReserveOut | null = null;
  for (const shard of tries) {
    const held = await stock(shard).reserve({ ...input, rules: shardRules(input.rules, shard) });
    if (held.ok || held.code !== "SOLD_OUT") return { held, shard };
    most = Math.max(most, Number(held.params?.available ?? 0) || 0);
    last = held;
  }
  return {
    held: { ...last!, params: { ...last!.params, available: most, qty: input.qty } },
    shard: tries[0]!,
  };
}
