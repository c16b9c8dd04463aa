// The kinds of a wallet's ledger entries (docs/architecture.md §2): past-tense facts, the balance being their sum.

export const LEDGER_KINDS = ["earned", "spent", "refunded", "expired", "adjusted"] as const;

export type LedgerKind = (typeof LEDGER_KINDS)[number];
