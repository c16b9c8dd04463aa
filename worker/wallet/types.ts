// The member wallet's RPC contract: what the Worker (pages, merchant API) and the wallet Durable Object
// agree on. One object per member (idFromName(uid)); it is the only writer of that member's points.
// Every mutation carries a `ref`: the same ref again returns the first result and writes nothing new.
// Methods never throw for business outcomes; they answer { ok: false, code } (RPC drops error properties).
import type { DrainOutcome } from "../objects/outbox";
import type { Refusal, TextParams } from "../objects/refusal";
import type { LedgerKind } from "../../db/schema";
import type { OrderSnapshot } from "../../domain";
import type { Rules } from "../settings/rules";
import type { ForwardView } from "./duiba-forward";

/** The merchant's rules as of the call, plus the merchant's time zone (IANA, e.g. Asia/Shanghai). */
export type WalletRules = Rules & { timeZone: string };

/** Where earned points came from. Each capped source (rules.CAPPED_SOURCES: all but "purchase" and
 *  "signup_bonus", which is granted once) counts against its own rules.dailyCaps[source]. */
export const EARN_SOURCES = ["purchase", "checkin", "signup_bonus", "task", "referral", "code", "other"] as const;
export type EarnSource = (typeof EARN_SOURCES)[number];

/** The mall's games (worker/lottery), writing adjusted entries that are not an operator's: a draw's cost,
 *  a points prize, a refund. The ledger (and its webhook events) says so in `source`. */
export type GameSource = "lottery";

export type WalletErrorCode =
  | "INSUFFICIENT_POINTS" // a deduct (or spend) larger than the balance
  | "DAILY_CAP_REACHED" // earning would pass today's cap for its source (nothing is earned)
  | "ALREADY_CHECKED_IN" // today's (merchant-local date) check-in is done
  | "EARN_NOT_FOUND" // reverse() names an earning ref this wallet never saw
  | "INVALID_AMOUNT" // points/amount not a positive integer, or rounds to 0 points
  | "REF_CONFLICT" // the ref was already used for a different operation
  | "ABORTED" // spend(key) after the key was resolved as not committed (the stock hold expired first)
  | "SOLD_OUT" // spend(key) for a key already refused because the item was sold out (recorded by resolve)
  | "LIMIT_REACHED" // spend(key) for a key already refused for the per-member limit (recorded by resolve)
  | "SPEND_NOT_FOUND" // refund() names a redemption key this wallet never committed
  | "KEY_REUSED" // spend(key) for another item or quantity than the key was first used with, or a key that is another operation's ref
  | "EARN_TOO_LARGE" // one earning above the merchant's maximum for a single earning (rules.earnLimits.perEarning)
  | "EARN_LIMIT_REACHED" // the earning would take the member's points earned today past rules.earnLimits.perMemberDay
  | "MAKEUP_UNAVAILABLE" // 补签: the merchant allows none (rules.makeup.perMonth = 0)
  | "MAKEUP_NOT_THIS_MONTH" // 补签: the date is not in the current merchant-local month
  | "MAKEUP_NOT_MISSED" // 补签: the date was checked in (or made up) already, or is today
  | "MAKEUP_FUTURE" // 补签: the date is after today
  | "MAKEUP_LIMIT_REACHED" // 补签: rules.makeup.perMonth make-ups used this month
  | "INVALID_BIRTHDAY" // setBirthday: not a real date from 1900 to today
  | "BIRTHDAY_ALREADY_SET" // setBirthday by the member once one is set
  | "DUIBA_REFUSED" // Duiba mode only (worker/duiba, DuibaAccount): the merchant's 扣积分 answered fail
  | "REFERRAL_CAP_REACHED"; // an inviter's reward past the programme's caps on rewarded invitees (earnMinted)

/** The catalogue keys of a wallet refusal's detail (checked against the catalogue by worker/object-text.ts). */
export type WalletDetail =
  | `error.${WalletErrorCode}`
  | "wallet.adjustPoints"
  | "wallet.insufficient"
  | "wallet.pointsOrAmount"
  | "wallet.unknownSource"
  | "wallet.pointsMustBePositive"
  | "wallet.amountMustBePositive"
  | "wallet.amountTooSmall"
  | "wallet.tooLarge"
  | "wallet.earnNotFound"
  | "wallet.spendNotFound"
  | "wallet.refMissing"
  | "wallet.refReserved"
  | "wallet.refUsed"
  | "wallet.earnTooLarge"
  | "wallet.earnLimitReached"
  | "wallet.capExceeded"
  | "wallet.capReached"
  | "wallet.referralDailyCap"
  | "wallet.referralTotalCap"
  | "wallet.alreadyCheckedIn"
  | "wallet.spendRefused"
  | "wallet.spendAborted"
  | "wallet.makeupOff"
  | "wallet.makeupFuture"
  | "wallet.makeupToday"
  | "wallet.makeupNotThisMonth"
  | "wallet.makeupNotMissed"
  | "wallet.makeupLimit"
  | "wallet.makeupInsufficient"
  | "wallet.makeupPending"
  | "wallet.birthdayInvalid"
  | "wallet.birthdayAlreadySet";

/** The reasons the wallet writes itself (checked against the catalogue by worker/object-text.ts). */
export type LedgerReasonKey =
  | "wallet.reason.checkin"
  | "wallet.reason.signupBonus"
  | "wallet.reason.expired"
  | "wallet.reason.spend"
  | "wallet.reason.refund"
  | "wallet.reason.makeup"
  | "wallet.reason.makeupCost"
  | "lottery.ledger.cost"
  | "lottery.ledger.prize"
  | "lottery.ledger.refund"
  | "groupBuy.ledger.refund"
  | "referrals.ledger.inviter"
  | "referrals.ledger.invitee"
  | "codes.ledger.redeem";

/** A caller's reason: its own text, or a catalogue key with parameters the edge renders (domain code holds no
 *  user text, so the redemption and the lottery name their reasons this way). */
export type ReasonInput = string | { key: LedgerReasonKey; params?: Record<string, string | number> };

/** A refusal: the code, and which text (with its parameters) says what exactly was refused. */
export type WalletFailure = Refusal<WalletErrorCode, WalletDetail>;

export type LedgerEntry = {
  /** `${uid}:${seq}`; seq counts from 1 per wallet. */
  id: string;
  seq: number;
  kind: LedgerKind;
  /** Signed: + for earned/refunded/positive adjusted, − for spent/expired/negative adjusted. */
  amount: number;
  balanceAfter: number;
  /** The caller's text ("" when the wallet wrote the reason itself, as a key). */
  reason: string;
  /** The wallet's own reasons (check-in, bonus, expiry, redemption): the catalogue key and its parameters,
   *  rendered by the edge (worker/object-text.ts ledgerReasonText); null for a caller's text. */
  reasonKey: LedgerReasonKey | null;
  reasonParams: TextParams | null;
  source: EarnSource | "deduct" | "reverse" | "expiry" | "spend" | "refund" | "adjust" | "makeup" | GameSource;
  ref: string;
  createdAt: number;
  /** For earned entries: when the lot it created expires (null = never). */
  expiresAt: number | null;
};

export type TierView = { key: string; name: string; multiplier: number; threshold: number };

export type WalletSummary = {
  uid: string;
  balance: number;
  tier: TierView;
  /** The next tier up and the points still needed to reach it; null at the top tier. */
  nextTier: (TierView & { remaining: number }) | null;
  earnedLast12Months: number;
  /** Remaining points of unexpired lots grouped by expiry instant, soonest first (lots that never expire
   *  are left out). */
  expiring: { points: number; expiresAt: number }[];
  checkin: {
    /** Merchant-local date (YYYY-MM-DD) of `now`. */
    today: string;
    checkedInToday: boolean;
    /** Current streak length (days in a row ending today or yesterday; 0 if broken). */
    streak: number;
    /** What the next check-in (today if not done, else tomorrow) will give if the streak holds. */
    nextReward: number;
    /** Local dates checked in during the month of `today` (YYYY-MM-DD), ascending (made-up days included). */
    monthDates: string[];
    /** The days of monthDates that were made up (补签). */
    madeUpDates: string[];
    /** 补签 as the rules allow it: the cost, the monthly allowance and what is left of it this month. */
    makeup: { cost: number; perMonth: number; left: number };
  };
  /** The member's birthday (YYYY-MM-DD), null until set. */
  birthday: string | null;
};

/** The order a redemption makes, as the wallet records it with the spend (domain/order.ts). */
export type { OrderSnapshot };

/** Why a redemption key was refused before any spend: the flow's own checks record these through resolve(). */
export type RefusalCode = "INSUFFICIENT_POINTS" | "SOLD_OUT" | "LIMIT_REACHED";

/** What the wallet decided for a redemption key: committed (points spent), or aborted — refused (for want of
 *  points, or the stock's SOLD_OUT / LIMIT_REACHED as the flow recorded it) or resolved as not committed
 *  before any spend arrived (code ABORTED). A decision is final: the same key always gets the same answer.
 *  Asked for another item or quantity than the key was first used with (or for a key that is another
 *  operation's ref), the answer is ABORTED with code KEY_REUSED: not committed for that use, ever. */
export type RedemptionDecision =
  | { state: "COMMITTED" }
  | { state: "ABORTED"; code: RefusalCode | "ABORTED" | "KEY_REUSED" | "DUIBA_REFUSED" };

export type SpendResult =
  | { ok: true; state: "COMMITTED"; balance: number; entryId: string | null; order: OrderSnapshot }
  | WalletFailure;

export type WalletApi = {
  /** Creates the wallet's member record if new and grants the new-member bonus once. */
  ensureMember(input: {
    uid: string;
    now: number;
    rules: WalletRules;
    /** The member came in through a Duiba autologin link: from now on their check-ins, task rewards and
     *  lottery points prizes are also queued as 加积分 for the merchant (./duiba-forward.ts). */
    duiba?: boolean;
  }): Promise<{
    ok: true;
    balance: number;
    bonusGranted: boolean;
    /** this call created the member's record (their first arrival, as the wallet decided it) */
    created: boolean;
  }>;

  /** Earn points: either `points` as given, or `amountFen` of a purchase converted with rules.pointsPerYuan
   *  (rounded down) times the member's tier multiplier. */
  earn(input: {
    uid: string;
    ref: string;
    reason: string;
    source: EarnSource;
    points?: number;
    amountFen?: number;
    now: number;
    rules: WalletRules;
  }): Promise<{ ok: true; balance: number; earned: number; entryId: string } | WalletFailure>;

  /** Points the mall grants under a ref it mints (worker/wallet/earn-minted.ts): a referral reward or a redeem
   *  code. The first answer for the ref is final when `finalRefusal` (a refusal is saved with the ref too);
   *  otherwise a refusal writes nothing and the same ref may be tried again. `inviterCaps` (an inviter's
   *  reward): refused REFERRAL_CAP_REACHED when the inviter already has `daily` rewarded invitees today
   *  (merchant-local) or `total` ever (null = no cap). */
  earnMinted(input: {
    uid: string;
    ref: string;
    reason: ReasonInput;
    source: "referral" | "code";
    points: number;
    inviterCaps?: { daily: number | null; total: number | null };
    finalRefusal: boolean;
    now: number;
    rules: WalletRules;
  }): Promise<{ ok: true; balance: number; earned: number; entryId: string } | WalletFailure>;

  /** The answer an earlier earn with `ref` gave, or null; reads only (a blocked member's retry replays it). */
  earnAnswer(input: { ref: string }): Promise<{ ok: true; balance: number; earned: number; entryId: string } | null>;

  /** Take points away (merchant-side), earliest-expiring lots first. */
  deduct(input: {
    uid: string;
    ref: string;
    reason: ReasonInput;
    points: number;
    now: number;
    rules: WalletRules;
    /** "lottery" for a draw's cost; default "deduct" (the merchant). */
    source?: GameSource;
  }): Promise<{ ok: true; balance: number; deducted: number; entryId: string } | WalletFailure>;

  /** Take back the points of an earlier earning: that lot's remaining points first, then other lots; never
   *  below zero; what could not be taken back is the shortfall (recorded and returned). */
  reverse(input: {
    uid: string;
    ref: string;
    earnRef: string;
    reason: string;
    now: number;
    rules: WalletRules;
  }): Promise<
    { ok: true; reversed: number; shortfall: number; balance: number; entryId: string | null } | WalletFailure
  >;

  /** A console operator's manual correction, in one synchronous step: `points` (a signed, non-zero safe
   *  integer) as one `adjusted` entry (source "adjust", ref = `ref`). Positive: a new lot expiring per the
   *  expiry policy (no daily cap, no tier multiplier, not earned for tiers). Negative: earliest-expiring lots
   *  first; INSUFFICIENT_POINTS (nothing written) if the balance would go below zero. `before` is the balance
   *  just before (after the expiry catch-up); `expiresAt` the new lot's expiry (null when negative or never).
   *  Idempotent on `ref` (REF_CONFLICT when another operation used it). */
  adjust(input: {
    uid: string;
    ref: string;
    reason: ReasonInput;
    points: number;
    now: number;
    rules: WalletRules;
    /** Who made the entry when not an operator: "lottery" (a prize, a refunded draw). Default "adjust". */
    source?: GameSource;
    /** A game's points prize (with source "lottery"): a Duiba-linked member's is queued as 加积分 (hdtool). */
    prize?: boolean;
  }): Promise<
    | { ok: true; before: number; balance: number; points: number; entryId: string; expiresAt: number | null }
    | WalletFailure
  >;

  /** Daily check-in on the merchant-local date of `now` (its ref is `checkin:<date>`). */
  checkin(input: {
    uid: string;
    now: number;
    rules: WalletRules;
  }): Promise<
    | { ok: true; points: number; streakDay: number; tomorrowPoints: number; date: string; balance: number }
    | WalletFailure
  >;

  /** 补签: makes up the missed local `date` (YYYY-MM-DD) of the current month for rules.makeup.cost points (see
   *  worker/wallet/makeup.ts). Idempotent per (member, date): ref `makeup:<date>`. `streakDay` is the made-up
   *  day's place in the streak, `streak` the streak as of today after the restoration, `left` the make-ups
   *  left this month. */
  makeupCheckin(input: { uid: string; date: string; now: number; rules: WalletRules }): Promise<
    | {
        ok: true;
        date: string;
        points: number;
        cost: number;
        streakDay: number;
        streak: number;
        left: number;
        balance: number;
      }
    | WalletFailure
  >;

  /** 补签 in Duiba mode, step 1 (./makeup-hold.ts): the make-up checks without the wallet's balance, then a
   *  PENDING hold of the day (attempt n; the same attempt again while it is pending). DONE: the day was made up
   *  already (the first answer) or the make-up is free (filled now). */
  makeupHold(input: {
    uid: string;
    date: string;
    now: number;
    rules: WalletRules;
  }): Promise<
    | { ok: true; state: "HELD"; date: string; attempt: number; cost: number }
    | { ok: true; state: "DONE"; result: Extract<Awaited<ReturnType<WalletApi["makeupCheckin"]>>, { ok: true }> }
    | WalletFailure
  >;

  /** Step 2 when the merchant's 扣积分 of the attempt succeeded: the day filled (nothing spent from the wallet). */
  makeupConfirm(input: {
    uid: string;
    date: string;
    attempt: number;
    now: number;
    rules: WalletRules;
  }): Promise<Awaited<ReturnType<WalletApi["makeupCheckin"]>>>;

  /** Step 2 when it failed (refused, or no answer in 30 s): the hold let go, nothing filled. */
  makeupRelease(input: {
    uid: string;
    date: string;
    attempt: number;
    now: number;
    rules: WalletRules;
  }): Promise<{ released: boolean }>;

  /** 生日双倍积分: sets the member's birthday. by "member": once (BIRTHDAY_ALREADY_SET after; the same date
   *  again answers changed false); by "merchant" (the API): sets or overrides. */
  setBirthday(input: {
    uid: string;
    birthday: string;
    by: "member" | "merchant";
    now: number;
    rules: WalletRules;
  }): Promise<{ ok: true; birthday: string; changed: boolean } | WalletFailure>;

  summary(input: { uid: string; now: number; rules: WalletRules }): Promise<WalletSummary>;

  /** Newest first; `cursor` is the seq to continue below (exclusive). */
  ledger(input: { limit: number; cursor?: number }): Promise<{ entries: LedgerEntry[]; nextCursor: number | null }>;

  /** summary() and a page of ledger() in one call (我的积分: one round trip to the object instead of two). */
  pointsPage(input: {
    uid: string;
    now: number;
    rules: WalletRules;
    limit: number;
    cursor?: number;
  }): Promise<{ summary: WalletSummary; ledger: { entries: LedgerEntry[]; nextCursor: number | null } }>;

  // ---- redemption (docs/architecture.md §3; worker/redeem) ------------------------------------------------------

  /** Step 2 of a redemption, in one synchronous step: a key already COMMITTED answers its first answer (with
   *  the order as first recorded); a key already ABORTED is refused with its code — both only for the item
   *  and qty (order.itemId, order.qty) the key was first used with: another one is KEY_REUSED, nothing
   *  written; so is a key that is a ref of another operation of this wallet. Otherwise the balance is
   *  checked — too low: the key is recorded ABORTED (code INSUFFICIENT_POINTS) and refused — else a `spent`
   *  entry (source "spend", ref = `redeem:<key>`, earliest-expiring lots first), the decision COMMITTED (with
   *  the item and qty) and the order snapshot are written; the order reaches Turso's `orders` through the
   *  outbox (status `placed`). `points` may be 0 (no ledger entry, entryId null). */
  spend(input: {
    uid: string;
    key: string;
    points: number;
    order: OrderSnapshot;
    now: number;
    rules: WalletRules;
    /** A group buy's join (worker/group-buy): the points are spent now but the order is only placed once the
     *  group fills (through the redemption path with the same key, which replays this answer), so the
     *  wallet's outbox does not project it; a group that fails refunds the key (refund()). */
    hold?: true;
    /** A sharded item's per-member limit (worker/stock/shards.ts): each stock shard counts only its own holds,
     *  so the wallet — one per member, seeing every spend with its item — decides it, in the spend's own step:
     *  this member's committed, unrefunded units of the item plus this qty must not pass it (LIMIT_REACHED,
     *  recorded as the key's decision). */
    perMemberLimit?: number;
  }): Promise<SpendResult>;

  /** Makes the key's decision final and answers it: the decision already recorded if there is one (COMMITTED,
   *  or ABORTED with its code); otherwise records the key ABORTED — with `refusal` as its code when the flow
   *  is refusing it (so every later submission of the key gets that same refusal), else code ABORTED
   *  (recovery: a hold past its deadline). A later spend of an ABORTED key is refused with its code.
   *  With `itemId` and `qty` (the stock alarm passes its hold's): a key first used for another item or qty
   *  answers ABORTED / KEY_REUSED and nothing is written (its hold here is not committed, ever). */
  resolve(input: {
    key: string;
    now: number;
    refusal?: RefusalCode;
    itemId?: number;
    qty?: number;
    /** The stock shard asking (a sharded item's alarm): a key committed for another shard of the item is
     *  ABORTED for this one (nothing is written; the key stays committed where its order's unit is). */
    shard?: number;
  }): Promise<RedemptionDecision>;

  /** Gives the points of the committed spend `key` back to the very lots they came from, with their
   *  original expiry (one `refunded` entry, source "refund", ref = `ref`); points of a lot that has expired
   *  meanwhile expire again at once (an `expired` entry). Idempotent on `ref`; a key is refunded once (another
   *  ref for an already-refunded key answers refunded 0). SPEND_NOT_FOUND for a key never committed. */
  refund(input: {
    uid: string;
    key: string;
    ref: string;
    reason: ReasonInput;
    now: number;
    rules: WalletRules;
  }): Promise<{ ok: true; refunded: number; balance: number; entryId: string | null } | WalletFailure>;

  /** What the redemption flow needs before reserving: the balance and tier key (as of `now`, after expiry)
   *  and, when `key` is given, the wallet's decision for it (null = none yet) — with `itemId`/`qty`, ABORTED /
   *  KEY_REUSED for a key first used for another item or qty. Writes nothing for a wallet nobody has
   *  written to. */
  standing(input: {
    uid: string;
    key?: string;
    itemId?: number;
    qty?: number;
    now: number;
    rules: WalletRules;
  }): Promise<{
    balance: number;
    tier: string;
    decision: RedemptionDecision | null;
  }>;
};

/** What audit() measures. A healthy wallet: balance = ledgerSum = lastBalanceAfter = lotsRemaining, every
 *  *Mismatches / duplicateRefEntries count 0, negativeBalanceSeen false. */
export type WalletAudit = {
  /** The balance the wallet reports (its last entry's balance_after, 0 when empty). */
  balance: number;
  /** Sum of all ledger amounts. */
  ledgerSum: number;
  /** balance_after of the entry with the highest seq (0 when empty). */
  lastBalanceAfter: number;
  /** Sum of remaining points of lots the expiry pass has not expired yet. */
  lotsRemaining: number;
  /** Points in those lots already past their expiry at `now` (the next expiry pass takes them; 0 right after
   *  any operation at `now`, since every operation expires due lots first). */
  duePoints: number;
  /** Any entry with a negative balance_after, or any lot with negative remaining. */
  negativeBalanceSeen: boolean;
  /** Number of ledger entries (= the last seq: seqs have no gaps). */
  entries: number;
  /** Entries whose balance_after ≠ the previous balance_after + amount, or with a gap before them. */
  runningMismatches: number;
  /** Lots whose amount − what debits took from them + what refunds gave back ≠ remaining. */
  lotMismatches: number;
  /** Debit entries whose lot moves do not add up to their amount. */
  debitMismatches: number;
  /** Refund entries whose returns to lots do not add up to their amount. */
  returnMismatches: number;
  /** Committed redemptions whose spent entry is missing or differs from their points. */
  redemptionMismatches: number;
  /** Refs that appear on more than one ledger entry (must be 0: one entry per ref). */
  duplicateRefEntries: number;
  /** The outbox watermark: entries up to this seq are in Turso's ledger_projection. */
  projectedSeq: number;
};

/** The kernel's drain outcome (worker/objects/outbox.ts) with the wallet's watermark. */
export type DrainResult = DrainOutcome & { projectedSeq: number };

/** RPC helpers for tests, reconciliation and operators (not for shopper or merchant requests). They act with
 *  the rules the wallet last saw (the defaults with Asia/Shanghai when it saw none). */
export type WalletAdminApi = {
  /** The expiry pass at `now`: one `expired` entry per lot due at `now` for its remaining points; a lot
   *  expires once, so a second pass writes nothing. The alarm runs it with Date.now(). */
  expireDue(now: number): Promise<{ expired: number; points: number; balance: number }>;
  /** Recalculates the tier from the points earned in (now − 365 days, now] (less reversals). */
  recalcTier(now: number): Promise<{ tier: TierView; earnedLast12Months: number; changed: boolean }>;
  /** Reads the invariants (writes nothing). */
  audit(now: number): Promise<WalletAudit>;
  /** Pushes every entry after the watermark (and the balance row) to Turso now, ignoring any retry backoff. */
  drainOutbox(): Promise<DrainResult>;
  /** The 加积分 queued for the merchant (Duiba-linked members, ./duiba-forward.ts), oldest first. */
  forwards(): Promise<ForwardView[]>;
};
