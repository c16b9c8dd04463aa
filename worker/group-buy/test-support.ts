// Helpers for the group buy's workerd tests (not imported by the Worker).
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { orders } from "../../db/schema";
import { createItem, db, type NewItem } from "../redeem/test-support";
import { stockFor } from "../stock/stock-stub";
import { expectHealthy } from "../wallet/test-support";
import type { WalletRules } from "../wallet/types";
import { walletFor } from "../wallet/wallet-stub";
import { groupFor } from "./group-stub";
import type { GroupDefinition, GroupView, JoinInput } from "./types";

export const HOUR = 3_600_000;

/** A fresh item and a group of it (no Turso deal: the object only needs the definition it opens with). */
export async function newGroup(o: { size?: number; price?: number; fillMs?: number; item?: NewItem } = {}) {
  const item = await createItem({ points: 100, stock: 10, ...o.item });
  const id = `T${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const now = Date.now();
  const def = (leader: string): GroupDefinition => ({
    id,
    dealId: "D000000000000",
    itemId: item.itemId,
    itemName: "拼团测试商品",
    itemType: "virtual",
    size: o.size ?? 2,
    price: o.price ?? 60,
    leader,
    openedAt: now,
    deadline: now + (o.fillMs ?? 24 * HOUR),
    timeZone: "Asia/Shanghai",
  });
  return { id, itemId: item.itemId, def, stub: groupFor(env, id) };
}

export function joinInput(uid: string, rules: WalletRules, over: Partial<JoinInput> = {}): JoinInput {
  return { uid, key: crypto.randomUUID(), now: Date.now(), rules, address: null, ...over };
}

export async function balanceOf(uid: string, rules: WalletRules) {
  return (await walletFor(env, uid).summary({ uid, now: Date.now(), rules })).balance;
}

/** DESIGN.md §3 for a group's item and members: stock = sold + left (nothing held once settled), units sold =
 *  orders, every balance = ledger = lots, and each member's points spent less refunds = their orders' points
 *  (plus what a seat of `group` still holds). */
export async function expectGroupInvariants(itemId: number, uids: string[], group?: GroupView | null) {
  const stock = stockFor(env, itemId);
  await stock.resolveExpiredHolds(Date.now() + 24 * HOUR);
  const a = await stock.audit();
  const theirs = await db().select().from(orders).where(eq(orders.itemId, itemId));
  if (a.initialized) {
    expect(a.negativeSeen).toBe(false);
    expect(a.availableCount + a.held + a.sold, "stock = sold + left").toBe(a.initialStock + a.adjusted);
    expect(a.held, "nothing held").toBe(0);
    expect(a.sold, "units sold = orders").toBe(theirs.filter((x) => x.status !== "cancelled").length);
  } else {
    expect(theirs).toEqual([]);
  }
  for (const uid of uids) {
    const w = walletFor(env, uid);
    await expectHealthy(w, Date.now());
    const { entries } = await w.ledger({ limit: 200 });
    const spent = entries.filter((e) => e.kind === "spent").reduce((s, e) => s - e.amount, 0);
    const back = entries.filter((e) => e.kind === "refunded").reduce((s, e) => s + e.amount, 0);
    const mine = theirs.filter((x) => x.uid === uid && x.status !== "cancelled").reduce((s, x) => s + x.points, 0);
    // Points a seat still holds (a group not full yet) are spent without an order, until it fills or fails.
    const held = (group?.seats ?? [])
      .filter((x) => x.uid === uid && ["PAID", "REFUNDING"].includes(x.state))
      .reduce((s, x) => s + x.points, 0);
    expect(spent - back, `${uid}: spent less refunds = their orders' points + points held`).toBe(mine + held);
  }
}
