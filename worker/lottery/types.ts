// The lottery's contract (issue 9): one Lottery Durable Object per campaign (named by the lottery id), the only
// writer of its prize stock and draw counts. The Worker keeps the definition in Turso (`lotteries`) and passes
// it with every call as { config, version }; the object adopts a newer version before it acts, so a definition
// saved in Turso but not yet seen by the object (a crash between the two) is picked up by the next call.
// Methods answer { ok: false, code } for business outcomes; they never throw for them.
import type { DeliveryAddress } from "../../domain";
import type { DuibaConfig } from "../duiba/account-types";
import type { WalletRules } from "../wallet/types";

export const LOTTERY_KINDS = ["wheel", "scratch"] as const;
export type LotteryKind = (typeof LOTTERY_KINDS)[number];
export const PRIZE_KINDS = ["points", "item", "none"] as const;
export type PrizeKind = (typeof PRIZE_KINDS)[number];

export type PrizeConfig = {
  /** Stable within the lottery (p1, p2, …): edits keep a prize's id, so its awards stay counted. */
  id: string;
  name: string;
  kind: PrizeKind;
  /** kind "points": the points credited. */
  points: number | null;
  /** kind "item": the catalogue item placed as a zero-point order. */
  itemId: number | null;
  /** A positive integer; the odds are weight ÷ the sum of the weights of the prizes still in stock. */
  weight: number;
  /** Units in total (awarded + left); null = unlimited. */
  stock: number | null;
};

export type LotteryConfig = {
  id: string;
  name: string;
  kind: LotteryKind;
  costPoints: number;
  /** Draws per member per merchant-local day (free ones included). */
  dailyLimit: number;
  totalLimit: number | null;
  /** The first N draws of a member's day cost nothing. */
  freeDrawsPerDay: number;
  startsAt: number | null;
  endsAt: number | null;
  /** Tier keys whose members may draw; empty = every tier (absent in definitions saved before tiers). */
  tiers?: string[];
  prizes: PrizeConfig[];
};

export type Versioned = { config: LotteryConfig; version: number };

export type DrawState =
  | "PAYING" // the member's draw slot is taken; the cost is being spent in the wallet
  | "DECIDED" // paid, the prize chosen and counted against its stock; being delivered
  | "DONE" // final: the prize delivered (or 谢谢参与)
  | "REFUNDING" // cannot complete: the cost is being given back
  | "REFUNDED" // final: the cost given back, nothing won
  | "REFUSED"; // final: not paid (too few points, or the merchant's 扣积分 refused / timed out); nothing spent

export type DrawErrorCode =
  | "LOTTERY_NOT_FOUND"
  | "LOTTERY_NOT_STARTED"
  | "LOTTERY_ENDED"
  | "DRAW_DAILY_LIMIT"
  | "DRAW_TOTAL_LIMIT"
  | "INSUFFICIENT_POINTS"
  | "KEY_REUSED"
  | "ADDRESS_REQUIRED"
  | "TIER_NOT_ALLOWED"
  | "DUIBA_REFUSED" // Duiba mode: the merchant's 扣积分 of the cost answered fail
  | "DUIBA_TIMEOUT"; // Duiba mode: no usable answer to the 扣积分 of the cost in time (nothing taken)

/** Why a paid draw was given back. */
export type RefundCode = "PRIZES_GONE" | "PRIZE_UNAVAILABLE";

export type PrizeView = { id: string; name: string; kind: PrizeKind; points: number | null; itemId: number | null };

export type DrawView = {
  key: string;
  seq: number;
  uid: string;
  state: DrawState;
  cost: number;
  free: boolean;
  day: string;
  prize: PrizeView | null;
  /** kind "item": the order number placed for the prize. */
  orderId: string | null;
  /** REFUSED / REFUNDED: why. */
  code: DrawErrorCode | RefundCode | null;
  createdAt: number;
  updatedAt: number;
};

export type DrawResult = { ok: true; draw: DrawView } | { ok: false; code: DrawErrorCode };

export type PrizeStock = PrizeView & {
  weight: number;
  stock: number | null;
  awarded: number;
  /** null = unlimited. */
  left: number | null;
  /** weight ÷ the sum of weights in stock; 0 when out of stock. */
  odds: number;
};

export type LotteryStatus = {
  version: number;
  prizes: PrizeStock[];
  draws: number;
  members: number;
};

export type MemberDay = { day: string; drawsToday: number; freeLeft: number; drawsTotal: number };

export type LotteryApi = {
  /** Adopts the definition if newer than the one stored (stock edits keep the awards counted). */
  configure(input: Versioned): Promise<{ ok: true; version: number }>;
  /** One draw, idempotent by `key` (a UUID the page rendered): the same key again answers the same draw. */
  draw(
    input: Versioned & {
      uid: string;
      key: string;
      now: number;
      rules: WalletRules;
      /** The member's default address, for physical prizes (taken with the draw). */
      address: DeliveryAddress | null;
      /** The member's tier key, read from their wallet by the caller; a lottery limited to tiers refuses
       *  TIER_NOT_ALLOWED when it is not one of them (or missing). */
      tier?: string | null;
      /** Duiba mode, a Duiba member (duibaConfigFor): the cost is taken by the merchant's 扣积分 (type hdtool,
       *  orderNum = the cost ref) instead of the wallet, and given back, if the draw is refunded, by 加积分. */
      duiba?: DuibaConfig | null;
    },
  ): Promise<DrawResult>;
  status(input: Versioned): Promise<LotteryStatus>;
  /** The member's counts today (merchant-local) and in total. */
  memberDay(input: Versioned & { uid: string; now: number; timeZone: string }): Promise<MemberDay>;
  /** Newest first; cursor = the seq to continue below. `uid` filters; `won` keeps prizes only. */
  draws(input: {
    limit: number;
    cursor?: number;
    uid?: string;
    won?: boolean;
  }): Promise<{ draws: DrawView[]; nextCursor: number | null }>;
};

export type LotteryAdminApi = {
  /** Finishes or refunds every draw not final (the alarm's pass), at `now`. */
  recover(now: number): Promise<{ finished: number; refunded: number; pending: number }>;
  /** `n` picks over the prizes in stock with the draw's own picker, writing nothing: for the odds test. */
  sample(n: number): Promise<Record<string, number>>;
  /** Sends every finished draw to Turso now (ignoring any back-off). */
  drainOutbox(): Promise<{ ok: boolean; sent: number; projectedSeq: number }>;
};
