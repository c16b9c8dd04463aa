// cancelOrder(): the redemption run backwards (docs/architecture.md §3). The order is claimed in Turso first with one
// conditional update (placed → cancelled, only for orders not yet shipped or fulfilled and not coupon orders,
// which are completed the moment their codes are given), so a cancel and a ship can never both win. Then,
// each idempotent on its own ref `cancel:<orderId>`: Wallet(uid).refund (the points back to the very lots
// they came from) and Stock(item).restock (the units back on the shelf). A retry on an already-cancelled
// order re-drives both and answers ok, so a crash between the steps is repaired by calling it again — which the
// cron sweeper (settle-cancellations.ts) does for every cancelled order whose `cancel_settled_at` (set here once
// both steps succeeded) is still null a minute after the claim.
// Duiba mode (兑吧兼容): an order the merchant's 扣积分 decided was never the wallet's (its refund answers
// SPEND_NOT_FOUND), so its credits go back where they live — the member's DuibaAccount sends the merchant one
// 加积分 of type postsale under the same ref (recorded before the call, retried until answered; a crash
// before it is re-driven by the sweeper like any refund).
import { forgetSoldOut } from "./sold-out-memo";
import { and, eq, isNull, ne } from "drizzle-orm";
import type { Db } from "../../db/client";
import { items, orders } from "../../db/schema";
import { shardCount, shardOrder } from "../stock/shards";
import { settingsQuery, toMallSettings, walletRules } from "../settings/load-settings";
import { stockFor, type StockStub } from "../stock/stock-stub";
import { walletFor, type WalletStub } from "../wallet/wallet-stub";
import { orderViewOf, type OrderRow } from "../orders/order-row";
import { forgetMemberOrders } from "../orders/orders-page-memo";
import type { NotCancellable, OrderNotFound } from "../orders/refusals";
import type { Order } from "../../domain";
import { t } from "../../views/i18n";
import { duibaFor } from "../duiba/account-stub";
import type { DuibaAccountApi, DuibaRefundResult } from "../duiba/account-types";
import { loadDuibaConfig } from "../duiba/settings";

export type CancelInput = { orderId: string; by: "member" | "merchant"; uid?: string; reason: string; now: number };
export type CancelResult =
  | { ok: true; order: Order; refunded: number; balance: number }
  | OrderNotFound
  | NotCancellable;

export type CancelStep = "claim" | "refund" | "restock";

export type CancelDeps = {
  wallet(uid: string): Pick<WalletStub, "refund">;
  /** Duiba mode: the refund of an order the member's DuibaAccount decided (the merchant's config read now). */
  duiba?(uid: string, db: Db): { refundOrder(input: DuibaRefundInput): Promise<DuibaRefundResult> };
  /** The item's stock object `shard` (worker/stock/shards.ts). */
  stock(itemId: number, shard: number): Pick<StockStub, "restock">;
  /** Test hook: throwing here simulates a crash right after `step`. */
  after?: (step: CancelStep) => void | Promise<void>;
};

type DuibaRefundInput = Omit<Parameters<DuibaAccountApi["refundOrder"]>[0], "config">;

export type CancelEnv = Pick<Env, "WALLET" | "STOCK" | "DUIBA_ACCOUNT" | "SESSION_SECRET">;

export function cancelDeps(env: CancelEnv): CancelDeps {
  return {
    wallet: (uid) => walletFor(env, uid),
    stock: (itemId, shard) => stockFor(env, itemId, shard),
    duiba: (uid, db) => ({
      refundOrder: async (input) =>
        duibaFor(env, uid).refundOrder({ ...input, config: await loadDuibaConfig(env, db) }),
    }),
  };
}

export function cancelOrder(env: Env, db: Db, input: CancelInput): Promise<CancelResult> {
  return runCancel(cancelDeps(env), db, input);
}

const refusal = (code: "ORDER_NOT_FOUND" | "NOT_CANCELLABLE"): CancelResult => ({ ok: false, code });

/** Whether an order in this state may still be cancelled (physical and virtual orders until shipped /
 *  fulfilled; never coupon orders). */
export function cancellable(o: Pick<OrderRow, "status" | "itemType">): boolean {
  return o.status === "placed" && o.itemType !== "coupon";
}

export async function runCancel(deps: CancelDeps, db: Db, input: CancelInput): Promise<CancelResult> {
  const { orderId, uid, reason, now } = input;
  const after = async (step: CancelStep) => {
    if (deps.after) await deps.after(step);
  };
  const [found, settingsRows, shardRows] = await db.batch([
    db.select().from(orders).where(eq(orders.id, orderId)).limit(1),
    settingsQuery(db),
    db
      .select({ shards: items.stockShards })
      .from(items)
      .innerJoin(orders, eq(orders.itemId, items.id))
      .where(eq(orders.id, orderId))
      .limit(1),
  ]);
  let row = found[0];
  if (!row || (uid !== undefined && row.uid !== uid)) return refusal("ORDER_NOT_FOUND");

  if (row.status !== "cancelled") {
    if (!cancellable(row)) return refusal("NOT_CANCELLABLE");
    const claimed = await db
      .update(orders)
      .set({ status: "cancelled", cancelReason: reason, updatedAt: now })
      .where(and(eq(orders.id, orderId), eq(orders.status, "placed"), ne(orders.itemType, "coupon")))
      .returning();
    if (claimed[0]) {
      row = claimed[0];
      forgetMemberOrders(row.uid);
    } else {
      // Someone else changed it first: a concurrent cancel (go on, idempotently) or a ship.
      const [now2] = await db.select().from(orders).where(eq(orders.id, orderId)).limit(1);
      if (!now2 || now2.status !== "cancelled") return refusal("NOT_CANCELLABLE");
      row = now2;
    }
  }
  await after("claim");

  const ref = `cancel:${row.id}`;
  const rules = walletRules(toMallSettings(settingsRows[0]));
  let refunded: { ok: true; refunded: number; balance: number } | { ok: false; code: string } = await deps
    .wallet(row.uid)
    .refund({
      uid: row.uid,
      key: row.key,
      ref,
      reason: { key: "wallet.reason.refund", params: { order: row.id } },
      now,
      rules,
    });
  if (!refunded.ok && refunded.code === "SPEND_NOT_FOUND" && deps.duiba)
    refunded = await deps.duiba(row.uid, db).refundOrder({
      uid: row.uid,
      key: row.key,
      ref,
      description: t("duiba.add.postsale", { order: row.id }),
      now,
    });
  if (!refunded.ok) throw new Error(`cancelOrder ${row.id}: refund refused: ${JSON.stringify(refunded)}`);
  await after("refund");

  const restocked = await restockWhereSold(deps, row, ref, now, shardRows[0]?.shards ?? 1);
  forgetSoldOut(row.itemId); // a unit came back: this isolate asks the stock object again
  if (!restocked.ok) throw new Error(`cancelOrder ${row.id}: restock refused: ${JSON.stringify(restocked)}`);
  await after("restock");

  // Both done: mark it settled so the sweeper leaves it. If this write fails the answer is still ok (points and
  // unit are back); the sweeper re-drives the order later, which changes nothing but the mark.
  if (row.cancelSettledAt === null) {
    try {
      await db
        .update(orders)
        .set({ cancelSettledAt: now })
        .where(and(eq(orders.id, row.id), eq(orders.status, "cancelled"), isNull(orders.cancelSettledAt)));
    } catch (e) {
      console.error(
        `cancelOrder ${row.id}: marking it settled failed (the sweeper will): ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }

  return { ok: true, order: orderViewOf(row), refunded: refunded.refunded, balance: refunded.balance };
}

/** Restock on the shard that sold the order's unit: the key's shards in its fixed order (the first, usually),
 *  past those that never held it (HOLD_NOT_FOUND, nothing written) or only hold a hold of it that went back
 *  (RELEASED: an attempt of the key that landed there but did not commit). */
async function restockWhereSold(
  deps: CancelDeps,
  row: Pick<OrderRow, "itemId" | "key">,
  ref: string,
  now: number,
  shards: number,
): Promise<Awaited<ReturnType<StockStub["restock"]>>> {
  let answer: Awaited<ReturnType<StockStub["restock"]>> | null = null;
  for (const s of shardOrder(row.key, shardCount({ shards }))) {
    const r = await deps.stock(row.itemId, s).restock({ key: row.key, ref, now });
    if (!r.ok && r.code === "HOLD_NOT_FOUND") {
      answer ??= r;
      continue;
    }
    if (r.ok && r.state === "RELEASED") {
      answer = r;
      continue;
    }
    return r;
  }
  return answer!;
}
