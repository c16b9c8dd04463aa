// resolve(): makes a redemption key's decision final. Two callers: the stock object's recovery pass for a hold
// past its deadline (did this key commit? if the wallet never spent it, it is recorded ABORTED now, so a spend
// arriving later is refused and the hold can be released safely), and the redemption flow refusing a key
// before any spend (too few points, sold out, over the limit): the refusal is recorded as the key's decision so
// a double tap racing it gets exactly the same answer, whatever changed in between.
import { abort, commit, type Outcome } from "./outcome";
import { decisionOf, recordAborted, redemption } from "./redemptions";
import type { RedemptionDecision, RefusalCode } from "./types";

export function resolve(sql: SqlStorage, input: { key: string; now: number; refusal?: RefusalCode }): Outcome<RedemptionDecision> {
  const decided = decisionOf(redemption(sql, input.key));
  if (decided) return abort(decided);
  const code = input.refusal ?? "ABORTED";
  recordAborted(sql, input.key, code, input.now);
  return commit({ state: "ABORTED", code });
}
