// standing(): what the redemption flow reads before it reserves stock — the balance, the tier key and the
// wallet's decision for the key (so a retried key skips the pre-checks and replays its answer). With the
// item and quantity of the request, a key first used for another one is decided KEY_REUSED (not recorded).
import type { RedemptionDecision } from "./types";
import { currentBalance } from "./ledger";
import { decisionFor } from "./redemptions";
import { tierState } from "./tiers";
import type { WalletRules } from "./types";

export function standing(
  sql: SqlStorage,
  input: { key?: string; itemId?: number; qty?: number; rules: Pick<WalletRules, "tiers"> },
): { balance: number; tier: string; decision: RedemptionDecision | null } {
  const use =
    input.itemId !== undefined && input.qty !== undefined ? { itemId: input.itemId, qty: input.qty } : undefined;
  return {
    balance: currentBalance(sql),
    tier: tierState(sql, input.rules).tier.key,
    decision: input.key ? decisionFor(sql, input.key, use) : null,
  };
}
