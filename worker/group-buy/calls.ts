// The group's calls to the other owners, each idempotent on the seat's key, so the request, a double tap and
// the alarm may all make them (docs/architecture.md §2):
//   pay     Wallet.spend   key = the join's key, hold: the group price spent from the lots now, the order
//                          snapshot recorded but not projected (the group is not full yet)
//   order   runRedeem      key = the join's key, held: reserve → (the spend replays) → confirm → the order row
//   refund  Wallet.refund  key = the join's key, ref group:<groupId>:<key>:refund — back to the very lots
import type { Db } from "../../db/client";
import type { DeliveryAddress, Order } from "../../domain";
import { orderNumber } from "../orders/order-number";
import { type RedeemDeps, runRedeem } from "../redeem/redeem";
import type { WalletStub } from "../wallet/wallet-stub";
import type { WalletRules } from "../wallet/types";
import type { GroupDefinition, SeatRefundCode } from "./types";

export const refundRef = (groupId: string, key: string) => `group:${groupId}:${key}:refund`;

type Wallet = Pick<WalletStub, "spend" | "refund">;

export type Seat = { uid: string; key: string; points: number; joinedAt: number; address: DeliveryAddress | null };

/** paid | the refusal (nothing spent) — a thrown error means the outcome is unknown (asked again later with
 *  the same key: the wallet replays a committed spend, or its refusal). */
export async function pay(
  w: Wallet,
  def: GroupDefinition,
  s: Seat,
  rules: WalletRules,
): Promise<"paid" | "INSUFFICIENT_POINTS" | "KEY_REUSED"> {
  const r = await w.spend({
    uid: s.uid,
    key: s.key,
    points: s.points,
    order: {
      id: await orderNumber(s.key, s.joinedAt, def.timeZone),
      itemId: def.itemId,
      itemName: def.itemName,
      itemType: def.itemType,
      qty: 1,
      points: s.points,
      cashFen: 0,
      address: def.itemType === "physical" ? s.address : null,
      createdAt: s.joinedAt,
    },
    now: s.joinedAt,
    rules,
    hold: true,
  });
  if (r.ok) return "paid";
  if (r.code === "INSUFFICIENT_POINTS") return "INSUFFICIENT_POINTS";
  console.error(`group ${def.id}: the spend of ${s.key} was refused: ${r.code}`);
  return "KEY_REUSED";
}

/** The member's order through the redemption path (the stock object decides the unit). */
export async function placeOrder(
  deps: RedeemDeps,
  db: Db,
  def: GroupDefinition,
  s: Seat,
  now: number,
): Promise<{ ok: true; order: Order } | { ok: false; code: SeatRefundCode }> {
  const r = await runRedeem(deps, db, {
    uid: s.uid,
    itemId: def.itemId,
    qty: 1,
    key: s.key,
    address: s.address,
    now,
    held: true,
  });
  if (r.ok) return { ok: true, order: r.order };
  if (r.code === "INSUFFICIENT_POINTS") return { ok: false, code: "ABORTED" }; // not reached: the spend is held
  if (r.code === "DUIBA_REFUSED") return { ok: false, code: "ABORTED" }; // not reached: groups run on the wallet
  return { ok: false, code: r.code };
}

export async function giveBack(w: Wallet, def: GroupDefinition, s: Seat, now: number, rules: WalletRules) {
  const r = await w.refund({
    uid: s.uid,
    key: s.key,
    ref: refundRef(def.id, s.key),
    reason: { key: "groupBuy.ledger.refund", params: { item: def.itemName } },
    now,
    rules,
  });
  if (!r.ok) console.error(`group ${def.id}: the refund of ${s.key} was refused: ${r.code}`);
  return r.ok;
}
