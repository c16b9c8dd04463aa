// The DuibaAccount object's RPC contract (兑吧兼容, docs/architecture.md §9): one object per member (named by uid)
// decides each of that member's redemptions in Duiba mode — the merchant's 扣积分 answer is the decision, exactly
// once per orderNum — sends the 兑换结果通知 until the merchant answers "ok", and sends earned points as 加积分
// calls, once per ref. It speaks the redemption flow's wallet contract (standing, spend, resolve), so
// worker/redeem runs unchanged with it in the wallet's place (redeem-deps.ts).
import type { OrderSnapshot, RedemptionDecision, SpendResult, WalletRules } from "../wallet/types";

/** The merchant's Duiba settings as a call needs them (worker/duiba/settings.ts); the object keeps the last
 *  one it was given for its alarm (notices and 加积分 retries). */
export type DuibaConfig = {
  appKey: string;
  appSecret: string;
  consumeUrl: string;
  notifyUrl: string;
  addCreditsUrl: string;
};

export type AddCreditsResult =
  | { ok: true; state: "DONE"; credits: number; bizId: string; orderNum: string }
  | { ok: true; state: "PENDING"; orderNum: string }
  | { ok: false; code: "DUIBA_REFUSED"; detail: "error.DUIBA_REFUSED"; orderNum: string };

export type DuibaRefundResult =
  | {
      ok: true;
      /** The credits this call's ref gives back (0: nothing was spent, or the order went back under another ref). */
      refunded: number;
      /** The member's credits as the merchant last said them (its answer to the 加积分, when it came). */
      balance: number;
      /** The 加积分's state: DONE, PENDING (retried on the schedule), FAILED (the merchant refused), NONE (no call). */
      add: "DONE" | "PENDING" | "FAILED" | "NONE";
    }
  | { ok: false; code: "SPEND_NOT_FOUND"; detail: "wallet.spendNotFound"; params: { key: string } };

/** A 扣积分 for something that is not an order (a lottery draw's cost, a 补签's): the merchant's answer. */
export type ChargeResult =
  | { ok: true; state: "COMMITTED"; credits: number }
  | {
      ok: false;
      code: "INSUFFICIENT_POINTS" | "DUIBA_REFUSED" | "DUIBA_TIMEOUT" | "KEY_REUSED";
      detail: "error.INSUFFICIENT_POINTS" | "error.DUIBA_REFUSED" | "error.DUIBA_TIMEOUT" | "error.KEY_REUSED";
    };

export type DuibaOrderView = {
  key: string;
  orderNum: string;
  state: "CALLING" | "COMMITTED" | "ABORTED";
  code: string | null;
  credits: number;
  bizId: string | null;
  notice: "NONE" | "PENDING" | "DONE" | "FAILED";
  noticeSuccess: boolean | null;
  noticeAttempts: number;
  noticeNextAt: number | null;
};

export type DuibaAccountApi = {
  /** The member's credits as the merchant last said them (an autologin link, a 扣积分 or 加积分 answer):
   *  kept when `at` is not older than the last one. */
  setCredits(input: { uid: string; credits: number; at: number }): Promise<{ credits: number }>;
  /** The balance shown in Duiba mode: the merchant's credits as last known. linked: the member came in
   *  through a Duiba autologin link (only such members' points live on the merchant's side). */
  credits(): Promise<{ linked: boolean; credits: number; at: number | null }>;

  standing(input: {
    uid: string;
    key?: string;
    itemId?: number;
    qty?: number;
    now: number;
    rules: WalletRules;
    config: DuibaConfig;
  }): Promise<{ balance: number; tier: string; decision: RedemptionDecision | null }>;

  /** The redemption's step 2 in Duiba mode: calls the merchant's 扣积分 once for the key (orderNum = the order
   *  number), its answer deciding — ok: COMMITTED and the success notice queued; fail: refused; no answer in 30 s
   *  (or none usable): ABORTED and the failure notice queued. The same key again answers the same. */
  spend(input: {
    uid: string;
    key: string;
    points: number;
    order: OrderSnapshot;
    now: number;
    rules: WalletRules;
    config: DuibaConfig;
    /** A sharded item's per-member limit, as the wallet's spend takes it: decided here, counting this member's
     *  units of the item across every shard (LIMIT_REACHED, recorded as the key's decision). */
    perMemberLimit?: number;
  }): Promise<SpendResult>;

  /** As the wallet's: the decision for the key, made final (an unknown key is recorded ABORTED). A call still
   *  waiting for the merchant is waited for; one a restart lost is settled as a timeout (failure notice). */
  resolve(input: {
    key: string;
    now: number;
    refusal?: "INSUFFICIENT_POINTS" | "SOLD_OUT" | "LIMIT_REACHED";
    itemId?: number;
    qty?: number;
    /** The stock shard asking (a sharded item's alarm): a key committed on another shard is ABORTED here. */
    shard?: number;
  }): Promise<RedemptionDecision>;

  /** 扣积分 for a spend that is not an order — a lottery draw's cost (type hdtool), a 补签's (type sign) — once
   *  per key (the spend's ref), under the caller's orderNum, `credits` as the price too (facePrice, actualPrice).
   *  The same protocol as spend(): the merchant's answer decides (ok: COMMITTED and the success notice queued;
   *  fail: refused, nothing taken; no usable answer in 30 s: DUIBA_TIMEOUT and the failure notice queued, so the
   *  merchant gives back what it took). A twin of the key waits for the same call; the key again answers the same.
   *  resolve(key) answers its decision too (an unknown key recorded ABORTED: a late charge of it is refused). */
  charge(input: {
    uid: string;
    key: string;
    orderNum: string;
    credits: number;
    type: "hdtool" | "sign";
    description: string;
    now: number;
    config: DuibaConfig;
  }): Promise<ChargeResult>;

  /** 加积分: `credits` earned under `ref` (check-in, a task, a lottery prize) sent to the merchant once per ref
   *  (orderNum derived from it); retried on the notice schedule while the merchant does not answer. */
  addCredits(input: {
    uid: string;
    ref: string;
    credits: number;
    type: string;
    description: string;
    now: number;
    config: DuibaConfig;
  }): Promise<AddCreditsResult>;

  /** A cancelled order the merchant's 扣积分 decided: its credits back to the merchant as one 加积分 of type
   *  postsale (Duiba's 售后退积分) under `ref` (the cancellation's), recorded in one step with the order's
   *  refund mark and retried on the schedule until the merchant answers; the same order again (any ref)
   *  gives nothing more. config null: the one the object last used. A key not COMMITTED here: SPEND_NOT_FOUND. */
  refundOrder(input: {
    uid: string;
    key: string;
    ref: string;
    description: string;
    now: number;
    config: DuibaConfig | null;
  }): Promise<DuibaRefundResult>;
};

export type DuibaAccountAdminApi = {
  order(key: string): Promise<DuibaOrderView | null>;
  /** The alarm's work at `now` (tests pass a later now: notices and 加积分 due by then are sent). */
  deliverDue(now: number): Promise<{ notices: number; adds: number; settled: number }>;
  drainOutbox(): Promise<{ ok: boolean; sent: number; projectedSeq: number }>;
};
