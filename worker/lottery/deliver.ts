// The lottery's calls to the other owners, each idempotent on a ref derived from the draw, so the request, a
// double tap and the alarm may all make them: the member's wallet (the cost, a points prize, the refund) and
// the redemption path (an item prize, as a zero-point order). Refs (docs/architecture.md §2):
//   cost    Wallet.deduct  ref lottery:<lotteryId>:<drawKey>
//   points  Wallet.adjust  ref lottery:<lotteryId>:<drawKey>:prize   (+points, a new lot; not an "earning":
//                          no daily cap, the member paid for the draw)
//   refund  Wallet.adjust  ref lottery:<lotteryId>:<drawKey>:refund  (+cost)
//   (all three with source "lottery": the ledger and its points.adjusted webhook events say where they came from)
//   item    runRedeem      key = a UUID derived from lottery:<lotteryId>:<drawKey> (prize: true → 0 points)
import type { Db } from "../../db/client";
import type { DeliveryAddress } from "../../domain";
import { type RedeemDeps, runRedeem } from "../redeem/redeem";
import type { RedeemErrorCode } from "../redeem/types";
import type { WalletStub } from "../wallet/wallet-stub";
import type { WalletRules } from "../wallet/types";
import type { PrizeView } from "./types";

export const costRef = (lotteryId: string, key: string) => `lottery:${lotteryId}:${key}`;
export const prizeRef = (lotteryId: string, key: string) => `lottery:${lotteryId}:${key}:prize`;
export const refundRef = (lotteryId: string, key: string) => `lottery:${lotteryId}:${key}:refund`;

/** The redemption key of an item prize: SHA-256 of the cost ref, shaped as a UUID (version nibble 8). */
export async function prizeOrderKey(lotteryId: string, key: string): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(costRef(lotteryId, key))));
  d[6] = (d[6]! & 0x0f) | 0x80;
  d[8] = (d[8]! & 0x3f) | 0x80;
  const h = [...d.slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

type Wallet = Pick<WalletStub, "deduct" | "adjust">;
export type Call = {
  lotteryId: string;
  lotteryName: string;
  key: string;
  uid: string;
  now: number;
  rules: WalletRules;
};

/** paid | refused (nothing spent) — a thrown error means the outcome is unknown (the alarm asks again). */
export async function payCost(
  w: Wallet,
  c: Call,
  points: number,
): Promise<"paid" | "INSUFFICIENT_POINTS" | "KEY_REUSED"> {
  const r = await w.deduct({
    uid: c.uid,
    ref: costRef(c.lotteryId, c.key),
    reason: { key: "lottery.ledger.cost", params: { name: c.lotteryName } },
    points,
    now: c.now,
    rules: c.rules,
    source: "lottery",
  });
  if (r.ok) return "paid";
  if (r.code === "INSUFFICIENT_POINTS") return "INSUFFICIENT_POINTS";
  // REF_CONFLICT: the ref is another operation's; INVALID_AMOUNT cannot happen (cost > 0 is checked).
  console.error(`lottery: the cost of ${c.key} was refused: ${r.code}`);
  return "KEY_REUSED";
}

export async function givePoints(w: Wallet, c: Call, points: number): Promise<boolean> {
  const r = await w.adjust({
    uid: c.uid,
    ref: prizeRef(c.lotteryId, c.key),
    reason: { key: "lottery.ledger.prize", params: { name: c.lotteryName } },
    points,
    now: c.now,
    rules: c.rules,
    source: "lottery",
    prize: true,
  });
  if (!r.ok) console.error(`lottery: the points prize of ${c.key} was refused: ${r.code}`);
  return r.ok;
}

export async function giveBack(w: Wallet, c: Call, points: number): Promise<boolean> {
  const r = await w.adjust({
    uid: c.uid,
    ref: refundRef(c.lotteryId, c.key),
    reason: { key: "lottery.ledger.refund", params: { name: c.lotteryName } },
    points,
    now: c.now,
    rules: c.rules,
    source: "lottery",
  });
  if (!r.ok) console.error(`lottery: the refund of ${c.key} was refused: ${r.code}`);
  return r.ok;
}

/** Codes after which the item can no longer be ordered by anyone: the prize is taken out of the draw. */
const ITEM_GONE: RedeemErrorCode[] = ["SOLD_OUT", "NOT_ON_SALE", "ITEM_NOT_FOUND"];

export async function placeItemOrder(
  deps: RedeemDeps,
  db: Db,
  c: Call,
  prize: PrizeView,
  address: DeliveryAddress | null,
): Promise<{ ok: true; orderId: string } | { ok: false; block: boolean; code: RedeemErrorCode }> {
  const r = await runRedeem(deps, db, {
    uid: c.uid,
    itemId: prize.itemId!,
    qty: 1,
    key: await prizeOrderKey(c.lotteryId, c.key),
    address,
    now: c.now,
    prize: true,
  });
  if (r.ok) return { ok: true, orderId: r.order.id };
  return { ok: false, block: ITEM_GONE.includes(r.code), code: r.code };
}
