// standing(): what the redemption flow reads before it reserves stock — the balance, the tier key and the
// wallet's decision for the key (so a retried key skips the pre-checks and replays its answer).
import type { RedemptionDecision } from "./types";
import { currentBalance } from "./ledger";
import { decisionOf, redemption } from "./redemptions";
import { tierState } from "./tiers";
import type { WalletRules } from "./types";

export function standing(
  sql: SqlStorage,
  input: { key?: string; rules: Pick<WalletRules, "tiers"> },
): { balance: number; tier: string; decision: RedemptionDecision | null } {
  return {
    balance: currentBalance(sql),
    tier: tierState(sql, input.rules).tier.key,
    decision: input.key ? decisionOf(redemption(sql, input.key)) : null,
  };
}
