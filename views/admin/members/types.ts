// What several views of the console's members section share (a view's own props are beside it).
import type { LedgerRowView } from "../../components/ledger-list";

/** A shopper ledger row plus what the console adds: the wallet sequence and the balance after it. */
export type AdminLedgerRowView = LedgerRowView & { seq: number; balanceAfter: number };

/** The manual adjustment form: a fresh ref rendered into it, the last outcome, the field errors. */
export type AdjustPanelView = {
  uid: string;
  csrf: string;
  ref: string;
  /** values to show again after a refusal */
  points?: string;
  reason?: string;
  errors?: { points?: string; reason?: string };
  /** a refusal of the whole request (e.g. INSUFFICIENT_POINTS) */
  refusal?: { code: string; message: string };
  /** the adjustment just made */
  done?: { points: number; before: number; balance: number };
};

export type MemberProfileView = {
  uid: string;
  nickname: string;
  blocked: boolean;
  createdAt: number;
  balance: number;
  tierName: string;
  earnedLast12Months: number;
  /** expiring within the next 30 days, soonest first */
  expiringSoon: { points: number; expiresAt: number }[];
  ledger: AdminLedgerRowView[];
  nextCursor: string | null;
  timeZone: string;
};
