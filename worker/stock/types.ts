// The item stock object's RPC contract. One object per item (idFromName(String(itemId))); it is the only
// writer of that item's stock, holds, per-member counts and coupon-code pool (docs/architecture.md §2, §3).
// Every method is idempotent on its key/ref and answers { ok: false, code } instead of throwing.
import type { DrainOutcome } from "../objects/outbox";
import type { Refusal } from "../objects/refusal";

/** What the object needs to know about the item to decide a reservation; the Worker reads it from Turso and
 *  passes it on every reserve (the object remembers the last one for its alarm). */
export type SaleRules = {
  itemId: number;
  type: "physical" | "coupon" | "virtual";
  onShelf: boolean;
  /** Sale window (flash sale): reservations only inside [saleStartsAt, saleEndsAt); null = always. */
  saleStartsAt: number | null;
  saleEndsAt: number | null;
  /** Per-member limit over the item's lifetime (sold + held); null = none. Flash sales default to 1. */
  perMemberLimit: number | null;
  /** Tier keys allowed; null = everyone. */
  tiers: string[] | null;
  /** The item's stock when it was created (items.initial_stock). Used once, when the object is first
   *  touched, to start its count; every later change goes through adjust(). */
  initialStock: number;
  /** How many stock objects the item's stock is split across (items.stock_shards; absent = 1). The rules a
   *  shard gets carry its own share as initialStock (worker/stock/shards.ts). */
  shards?: number;
};

export type StockErrorCode =
  | "SOLD_OUT" // nothing left to hold (answered from memory, no storage write)
  | "LIMIT_REACHED" // the member's sold + held units would pass perMemberLimit
  | "NOT_ON_SALE" // off shelf, or outside the sale window
  | "TIER_NOT_ALLOWED" // the member's tier is not in rules.tiers
  | "HOLD_NOT_FOUND" // confirm/release of a key this object never held
  | "HOLD_EXPIRED" // confirm after the hold was released (wallet said ABORTED or the member cancelled)
  | "INVALID_QUANTITY" // qty not a positive integer; adjust() taking available below 0 or a non-integer delta
  | "REF_CONFLICT" // the ref of adjust/restock was already used by the other operation
  | "KEY_REUSED"; // the key's hold belongs to another member or quantity (a key means one member, item, qty)

/** The catalogue keys of a stock refusal's detail (checked against the catalogue by worker/object-text.ts). */
export type StockDetail =
  | "stock.msg.badQty"
  | "stock.msg.offShelf"
  | "stock.msg.notStarted"
  | "stock.msg.ended"
  | "stock.msg.tier"
  | "stock.msg.soldOut"
  | "stock.msg.holdNotFound"
  | "stock.msg.keyReused"
  | "stock.msg.limit"
  | "stock.msg.holdExpired"
  | "stock.msg.belowZero"
  | "wallet.refUsed";

/** A refusal: the code, and which text (with its parameters) says what exactly was refused. */
export type StockFailure = Refusal<StockErrorCode, StockDetail>;

export type HoldState = "HELD" | "SOLD" | "RELEASED" | "RESTOCKED";

export type StockStatus = {
  itemId: number;
  /** Units that can still be reserved. */
  available: number;
  held: number;
  sold: number;
  /** Coupon items: unused codes in the pool. */
  codesLeft: number;
  /** Monotonic sequence of this object's changes (the projection version). */
  version: number;
};

export type StockApi = {
  /** Step 1: hold `qty` units for `key` until now + holdMs (default 30 s). Same key again (same member and
   *  qty): the same answer; the key with another member or qty: KEY_REUSED, nothing written. */
  reserve(input: {
    key: string;
    uid: string;
    memberTier: string;
    qty: number;
    now: number;
    rules: SaleRules;
    holdMs?: number;
    /** Who decides the hold when the alarm finds it past its deadline: the wallet (absent) or, in Duiba mode,
     *  the member's DuibaAccount (worker/duiba). */
    decider?: "duiba";
  }): Promise<{ ok: true; state: HoldState; deadline: number } | StockFailure>;

  /** Not committed: the units go back. Idempotent; a SOLD key is not released (answers ok with state SOLD).
   *  `uid`/`qty` must be the hold's (else KEY_REUSED, nothing written). */
  release(input: {
    key: string;
    uid: string;
    qty: number;
    now: number;
  }): Promise<{ ok: true; state: HoldState } | StockFailure>;

  /** Step 3: the wallet committed, the hold becomes a sale; coupon items get their code here (one per unit,
   *  each code to exactly one order). Same key again: the same codes. `uid`/`qty` must be the hold's (else
   *  KEY_REUSED, nothing written). */
  confirm(input: {
    key: string;
    uid: string;
    qty: number;
    now: number;
  }): Promise<{ ok: true; state: "SOLD"; couponCodes: string[] } | StockFailure>;

  /** A cancelled order's units go back on the shelf (ref = the cancellation's ref; per-member count drops). */
  restock(input: { key: string; ref: string; now: number }): Promise<{ ok: true; state: HoldState } | StockFailure>;

  /** Merchant stock change (+ adds, − removes); `available` never goes below 0 (INVALID_QUANTITY). With
   *  `upTo`, a removal takes as much of `delta` as there is (possibly none) instead of refusing; `applied` is
   *  the change made (absent on answers recorded before it existed: the whole delta). Once per ref. */
  adjust(input: {
    ref: string;
    delta: number;
    now: number;
    rules: SaleRules;
    upTo?: boolean;
  }): Promise<{ ok: true; status: StockStatus; applied?: number } | StockFailure>;

  /** The answer adjust() recorded for `ref`, or null if the ref was never used here (writes nothing). */
  adjustAnswer(input: { ref: string }): Promise<{ ok: true; status: StockStatus; applied?: number } | null>;

  /** Coupon-code import: codes are trimmed, blank ones ignored; duplicates (within the pool or already given
   *  out, or repeated in the input) are skipped and counted; codes over 64 characters are skipped and counted
   *  as invalid. Adding codes does not add stock (stock is set separately). Once any code has been imported,
   *  the item sells from its pool: available ≤ free codes not spoken for by holds (no codes left = SOLD_OUT
   *  whatever the count says). A coupon item that never had codes imported gets codes generated by the
   *  object at confirm (XXXX-XXXX-XXXX, unique within the item). */
  addCodes(input: { codes: string[]; now: number; rules: SaleRules }): Promise<{
    ok: true;
    added: number;
    duplicates: number;
    invalid: number;
    codesLeft: number;
  }>;

  /** A sharded coupon item's import, first step (worker/stock/place-codes.ts; reads only): for each code —
   *  codes whose hash names this shard — the shard it was placed on (null: none yet), and how many codes this
   *  shard's units lack (units available or held less free codes; negative: codes to spare). */
  codePlan(input: {
    codes: string[];
    rules: SaleRules;
  }): Promise<{ ok: true; placed: (number | null)[]; need: number }>;

  /** Second step: records each code's shard (the proposed one, unless the code already has one) and answers
   *  the shard each code is on; the import then adds each code to that shard's pool (addCodes). One claim per
   *  code, so a code is placed on one shard only, whatever imports race or retry. Called on every shard of
   *  the import (claims or none): from then on the shard sells from its pool only, even while it is empty. */
  claimCodes(input: {
    claims: { code: string; shard: number }[];
    now: number;
    rules: SaleRules;
  }): Promise<{ ok: true; shards: number[] }>;

  /** Exact live stock (starts the count from rules.initialStock if the object is new). */
  status(input: { rules: SaleRules }): Promise<StockStatus>;
};

/** One hold as the object keeps it (tests, operators). */
export type HoldView = {
  key: string;
  uid: string;
  qty: number;
  deadline: number;
  state: HoldState;
  couponCodes: string[];
  createdAt: number;
  updatedAt: number;
};

/** What audit() measures. A healthy object: available + held + sold = initialStock + adjusted, held = the
 *  units of HELD holds, sold = the units of SOLD holds, nothing negative, no member over the limit, every
 *  coupon sale has exactly one code per unit and every given code belongs to exactly one sale. */
export type StockAudit = {
  itemId: number | null;
  initialized: boolean;
  /** Units neither held nor sold (the count, before the code pool is considered). */
  availableCount: number;
  /** StockStatus.available (what reserve would still hold). */
  reservable: number;
  held: number;
  sold: number;
  initialStock: number;
  adjusted: number;
  heldByHolds: number;
  soldByHolds: number;
  negativeSeen: boolean;
  /** Members whose HELD + SOLD units exceed the current per-member limit. */
  membersOverLimit: number;
  /** Codes given to a sale; and the units of coupon sales (SOLD or RESTOCKED) they should equal. */
  codesGiven: number;
  couponUnitsSold: number;
  /** Coupon sales whose codes are not exactly qty codes given to that very key (+1 if the item row's pool
   *  counters disagree with the codes table). */
  codeMismatches: number;
  codesLeft: number;
  version: number;
  projectedVersion: number;
  /** Storage write transactions this instance has committed (plus alarm writes) since it was started. */
  writes: number;
};

/** The kernel's drain outcome (worker/objects/outbox.ts) with the stock object's watermark. */
export type StockDrainResult = DrainOutcome & { projectedVersion: number };

/** RPC helpers for tests, reconciliation and operators (not for shopper or merchant requests). */
export type StockAdminApi = {
  /** The alarm's recovery pass at `now`: every HELD hold past its deadline asks Wallet(uid).resolve(key);
   *  COMMITTED → confirm, ABORTED → release (the hold's state is re-checked after the wallet answers). */
  resolveExpiredHolds(now: number): Promise<{ confirmed: number; released: number; failed: number }>;
  /** Pushes the projection (stock_projection, stock_sales, coupon orders) to Turso now, ignoring backoff. */
  drainOutbox(): Promise<StockDrainResult>;
  /** Reads the invariants (writes nothing). */
  audit(): Promise<StockAudit>;
  holds(): Promise<HoldView[]>;
};
