// resolve(): makes a redemption key's decision final. Two callers: the stock object's recovery pass for a hold
// past its deadline (did this key commit? if the wallet never spent it, it is recorded ABORTED now, so a spend
// arriving later is refused and the hold can be released safely), and the redemption flow refusing a key
// before any spend (too few points, sold out, over the limit): the refusal is recorded as the key's decision so
// a double tap racing it gets exactly the same answer, whatever changed in between.
// With `itemId`/`qty` (the hold's, or the flow's): a key first used for another item or quantity answers
// ABORTED with code KEY_REUSED — for this item it is not committed and never will be — and nothing is written.
import { abort, commit, type Outcome } from "../objects/outcome";
import { decisionFor, recordAborted, redemption, type KeyUse } from "./redemptions";
import type { OrderSnapshot, RedemptionDecision, RefusalCode } from "./types";

export function resolve(
  sql: SqlStorage,
  input: { key: string; now: number; refusal?: RefusalCode; itemId?: number; qty?: number; shard?: number },
): Outcome<RedemptionDecision> {
  const use: KeyUse | undefined =
    input.itemId !== undefined && input.qty !== undefined ? { itemId: input.itemId, qty: input.qty } : undefined;
  const decided = decisionFor(sql, input.key, use);
  if (decided?.state === "COMMITTED" && input.shard !== undefined && committedShard(sql, input.key) !== input.shard)
    return abort({ state: "ABORTED", code: "ABORTED" });
  if (decided) return abort(decided);
  const code = input.refusal ?? "ABORTED";
  recordAborted(sql, input.key, code, input.now, undefined, use);
  return commit({ state: "ABORTED", code });
}

/** The stock shard a committed key's order sold from (orders from before shards, or of one-shard items: 0). */
function committedShard(sql: SqlStorage, key: string): number {
  const json = redemption(sql, key)?.order_json;
  const order = json ? (JSON.parse(json) as OrderSnapshot) : null;
  return order?.stockShard ?? 0;
}
