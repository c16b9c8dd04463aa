// The redemption protocol as the Worker runs it (docs/architecture.md §3); the orders it makes are worker/orders/types.ts.
//   1. Stock(i).reserve(k)  2. Wallet(m).spend(k, cost, order)  3. Stock(i).confirm(k)
//   not committed → Stock(i).release(k); recovery: Stock's alarm asks Wallet(m).resolve(k).
// `k` is the idempotency key rendered into the redeem form (a random UUID); a double tap or a retry with the
// same k ends with the same single order or the same refusal.
import type { DeliveryAddress, Order } from "../../domain";

export type RedeemErrorCode =
  | "SOLD_OUT"
  | "LIMIT_REACHED"
  | "NOT_ON_SALE"
  | "TIER_NOT_ALLOWED"
  | "INSUFFICIENT_POINTS"
  | "ITEM_NOT_FOUND"
  | "ADDRESS_REQUIRED" // a physical item without a delivery address
  | "MEMBER_BLOCKED"
  | "ABORTED" // the key's hold expired and was released before the wallet committed (retry with a new key)
  | "DUIBA_REFUSED" // Duiba mode: the merchant's 扣积分 answered fail (for a reason other than too few credits)
  | "KEY_REUSED"; // the key was first used by another member, for another item or another qty (a key means one of each)

export type RedeemInput = {
  uid: string;
  itemId: number;
  qty: number;
  key: string;
  address: DeliveryAddress | null;
  now: number;
  /** A lottery prize (worker/lottery): the order is placed at zero points and zero cash. */
  prize?: true;
  /** A group buy's order (worker/group-buy): the wallet already holds this key's points (spend with hold, at
   *  the group's price, when the member joined). The flow places the order for that spend — it never spends
   *  anew: a key the wallet has not committed is ABORTED — and a refusal of the stock (SOLD_OUT, …) is answered
   *  as that code, so the group refunds the key. */
  held?: true;
};

/** A refusal is its code only: nothing that depends on the moment (a balance, the units left), so that two
 *  submissions of one key get exactly the same answer; the edge words it. */
export type RedeemResult =
  | {
      ok: true;
      order: Order;
      /** The wallet's balance right after this key's spend (its recorded answer, so the same for a retry), when
       *  the flow had it: the success fragment's balance badge needs no wallet read of its own. */
      balance?: number;
    }
  | { ok: false; code: RedeemErrorCode };
