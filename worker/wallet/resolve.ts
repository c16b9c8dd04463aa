// resolve(): the stock object's recovery question for a hold past its deadline — did this key commit? If the
// wallet never spent it, the key is recorded ABORTED now, so a spend(key) arriving later is refused and the
// hold can be released safely.
import { abort, commit, type Outcome } from "./outcome";
import { recordAborted, redemption } from "./redemptions";

export function resolve(sql: SqlStorage, input: { key: string; now: number }): Outcome<{ state: "COMMITTED" | "ABORTED" }> {
  const decided = redemption(sql, input.key);
  if (decided) return abort({ state: decided.state });
  recordAborted(sql, input.key, "ABORTED", input.now);
  return commit({ state: "ABORTED" });
}
