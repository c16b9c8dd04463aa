// The group buy's contract (拼团, issue 9): one GroupBuy Durable Object per group (named by the group id), the
// only one that decides its seats — so a group is never over-joined. The deal (item, size, points price per
// member, time to fill) lives in Turso (`group_deals`); the Worker passes the group's definition when it opens
// the group, and the object keeps it. Methods answer { ok: false, code } for business outcomes; they never
// throw for them.
import type { DeliveryAddress, ItemType } from "../../domain";
import type { WalletRules } from "../wallet/types";

/** What the group is, fixed when it opens (from the deal as it stood then). */
export type GroupDefinition = {
  id: string;
  dealId: string;
  itemId: number;
  itemName: string;
  itemType: ItemType;
  /** Members needed (2–50). */
  size: number;
  /** Points each member pays (below the item's price). */
  price: number;
  /** The member who opened it. */
  leader: string;
  openedAt: number;
  /** Unfilled at this instant: the group fails and every member is refunded. */
  deadline: number;
  /** The merchant's time zone (for the order numbers). */
  timeZone: string;
  /** Tier keys whose members may join (from the deal when it opened); empty or absent = every tier. */
  tiers?: string[];
};

export type GroupState =
  | "OPEN" // seats left, before the deadline
  | "FILLED" // every seat paid: the orders are being placed
  | "COMPLETED" // final: every member ordered or, where the stock could not serve them, refunded
  | "FAILING" // the deadline passed unfilled: the members are being refunded
  | "FAILED"; // final: every member refunded

export type SeatState =
  | "HOLDING" // the seat is taken; the points are being spent in the wallet (spend with hold)
  | "PAID" // the points are spent; waiting for the group to fill
  | "RELEASED" // final: the points could not be spent (too few…): the seat is free again, nothing spent
  | "ORDERED" // final: the order placed through the redemption path
  | "REFUNDING" // the group failed, or the stock could not serve this member: the points are going back
  | "REFUNDED"; // final: the points are back in their lots

export type JoinErrorCode =
  | "GROUP_NOT_FOUND"
  | "GROUP_FULL"
  | "GROUP_CLOSED"
  | "GROUP_ALREADY_JOINED"
  | "INSUFFICIENT_POINTS"
  | "KEY_REUSED"
  | "TIER_NOT_ALLOWED";

/** Why a paid seat was refunded. */
export type SeatRefundCode =
  | "GROUP_EXPIRED"
  | "SOLD_OUT"
  | "LIMIT_REACHED"
  | "NOT_ON_SALE"
  | "TIER_NOT_ALLOWED"
  | "ITEM_NOT_FOUND"
  | "ADDRESS_REQUIRED"
  | "MEMBER_BLOCKED"
  | "ABORTED"
  | "KEY_REUSED";

export type SeatView = {
  seq: number;
  key: string;
  uid: string;
  state: SeatState;
  points: number;
  orderId: string | null;
  code: JoinErrorCode | SeatRefundCode | null;
  joinedAt: number;
  updatedAt: number;
};

export type GroupView = GroupDefinition & {
  state: GroupState;
  /** Seats taken (HOLDING, PAID, ORDERED, or refunded after the group filled). */
  taken: number;
  seatsLeft: number;
  /** Every seat ever taken, released ones included, in join order. */
  seats: SeatView[];
  completedAt: number | null;
};

export type JoinInput = {
  uid: string;
  /** A UUID the page rendered: the same key again answers the same join. */
  key: string;
  now: number;
  rules: WalletRules;
  /** The member's delivery address for a physical item (taken with the join). */
  address: DeliveryAddress | null;
  /** Opening a new group: its definition (ignored when the group exists). */
  open?: GroupDefinition;
  /** The member's tier key, read from their wallet by the caller; a group limited to tiers refuses
   *  TIER_NOT_ALLOWED when it is not one of them (or missing), before any seat is taken or group opened. */
  tier?: string | null;
};

export type JoinResult = { ok: true; seat: SeatView; group: GroupView } | { ok: false; code: JoinErrorCode };

export type GroupApi = {
  /** Opens the group (with `open`) or joins it, idempotent by `key`. */
  join(input: JoinInput): Promise<JoinResult>;
  /** The group as it stands (null before it was opened). */
  view(): Promise<GroupView | null>;
};

export type GroupAdminApi = {
  /** The alarm's pass at `now`: settles stale joins, fails a group past its deadline, places the orders of a
   *  filled group and gives back what is to be refunded. */
  recover(now: number): Promise<{ state: GroupState | null; pending: number }>;
  /** Pushes the group and its seats to Turso now (ignoring any back-off). */
  drainOutbox(): Promise<{ ok: boolean; sent: number; projectedRev: number }>;
};
