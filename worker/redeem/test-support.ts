// Helpers for the stock and redemption workerd tests (not imported by the Worker): items in Turso, members
// with points, draining every outbox, and the four invariants of docs/architecture.md §3 checked against the objects
// and Turso.
import { bumpPageVersion, pageVersionBumped } from "../page-cache/page-version";
import { env } from "cloudflare:workers";
import { and, eq, inArray, sql } from "drizzle-orm";
import { expect } from "vitest";
import { getDb } from "../../db/client";
import {
  balanceProjection,
  items,
  ledgerProjection,
  orders,
  stockProjection,
  stockSales,
  stockShardProjection,
} from "../../db/schema";
import { loadSettings, walletRules } from "../settings/load-settings";
import { shardCount, shardRules, shareOf } from "../stock/shards";
import { stockFor } from "../stock/stock-stub";
import type { SaleRules, StockStatus } from "../stock/types";
import { expectHealthy } from "../wallet/test-support";
import type { LedgerEntry, WalletRules } from "../wallet/types";
import { walletFor } from "../wallet/wallet-stub";
import { loadSaleRules } from "./sale-rules";
import type { ItemType } from "../../domain";

export const db = () => getDb(env.TURSO_DATABASE_URL);

export const ADDRESS = {
  recipient: "张三",
  phone: "13800138000",
  region: "上海市 徐汇区",
  detail: "漕溪北路 1 号 101 室",
};

export type NewItem = {
  name?: string;
  type?: ItemType;
  points?: number;
  cashFen?: number;
  stock?: number;
  perMemberLimit?: number | null;
  saleStartsAt?: number | null;
  saleEndsAt?: number | null;
  tiers?: string[] | null;
  onShelf?: boolean;
  visibleFrom?: number | null;
  /** How many stock objects the item's stock is split across (items.stock_shards; default 1). */
  shards?: number;
};

/** A new item in Turso (a fresh id, so a fresh stock object), with its stock projection as the API makes it. */
export async function createItem(over: NewItem = {}): Promise<{ itemId: number; rules: SaleRules }> {
  const sku = `T-${crypto.randomUUID()}`;
  const stock = over.stock ?? 10;
  const [row] = await db()
    .insert(items)
    .values({
      sku,
      slug: sku.toLowerCase(),
      name: over.name ?? "测试商品",
      type: over.type ?? "virtual",
      points: over.points ?? 100,
      cashFen: over.cashFen ?? 0,
      perMemberLimit: over.perMemberLimit ?? null,
      saleStartsAt: over.saleStartsAt ?? null,
      saleEndsAt: over.saleEndsAt ?? null,
      tiers: over.tiers ?? null,
      onShelf: over.onShelf ?? true,
      visibleFrom: over.visibleFrom ?? null,
      initialStock: stock,
      stockShards: over.shards ?? 1,
    })
    .returning({ id: items.id });
  const itemId = row!.id;
  const n = over.shards ?? 1;
  await db().insert(stockProjection).values({ itemId, onHand: stock });
  await db()
    .insert(stockShardProjection)
    .values(Array.from({ length: n }, (_, k) => ({ itemId, shard: k, onHand: shareOf(stock, n, k) })));
  // as the API's create does: cached guest pages (the listings) are retired with the new item
  await bumpPageVersion(db(), Date.now());
  pageVersionBumped();
  return { itemId, rules: (await loadSaleRules(db(), itemId))! };
}

let cachedRules: WalletRules | undefined;
export async function mallRules(): Promise<WalletRules> {
  cachedRules ??= walletRules(await loadSettings(db()));
  return cachedRules;
}

/** A member whose wallet holds `points` (one purchase earning; no new-member bonus). */
export async function memberWith(points: number, prefix = "r"): Promise<string> {
  const uid = `${prefix}-${crypto.randomUUID()}`;
  if (points > 0) {
    const r = await walletFor(env, uid).earn({
      uid,
      ref: "seed",
      reason: "测试充值",
      source: "purchase",
      points,
      now: Date.now(),
      rules: await mallRules(),
    });
    expect(r.ok).toBe(true);
  }
  return uid;
}

export const newKey = () => crypto.randomUUID();

async function allLedger(uid: string): Promise<LedgerEntry[]> {
  const out: LedgerEntry[] = [];
  let cursor: number | undefined;
  do {
    const page = await walletFor(env, uid).ledger({ limit: 200, cursor });
    out.push(...page.entries);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return out.reverse();
}

/** The item's stock objects (worker/stock/shards.ts): one for an item with one shard. */
export async function shardsOfItem(itemId: number): Promise<number[]> {
  const rules = await loadSaleRules(db(), itemId);
  return Array.from({ length: rules ? shardCount(rules) : 1 }, (_, k) => k);
}

/** Lets every outbox of these objects reach Turso now. */
export async function drainAll(itemIds: number[], uids: string[]): Promise<void> {
  const drainStock = async () => {
    for (const id of itemIds)
      for (const k of await shardsOfItem(id)) expect((await stockFor(env, id, k).drainOutbox()).ok).toBe(true);
  };
  await drainStock();
  for (const uid of new Set(uids)) expect((await walletFor(env, uid).drainOutbox()).ok).toBe(true);
  // The stock drain may have run before the wallet's order insert existed: it does not matter (the insert
  // reads stock_sales), but drain the stock again so both orders of arrival are exercised.
  await drainStock();
}

/** Resolves every hold (as the alarm would once their deadlines pass), then drains. */
export async function settleAll(itemIds: number[], uids: string[], now: number): Promise<void> {
  for (const id of itemIds)
    for (const k of await shardsOfItem(id))
      expect((await stockFor(env, id, k).resolveExpiredHolds(now + 24 * 3_600_000)).failed).toBe(0);
  await drainAll(itemIds, uids);
}

/**
 * The four invariants (docs/architecture.md §3) for these items and members, after settleAll():
 * 1. units sold = units of the item's orders in Turso that are not cancelled; no order without its unit
 *    (every order's key is a SOLD — or, cancelled, RESTOCKED — hold); stock never negative, counts add up.
 * 2. every member's balance = ledger sum = remaining unexpired lots, never below zero; the points each
 *    member spent less refunds = their orders' points.
 * 3. one order per key (Turso and the wallet); no member over the per-member limit.
 * 4. Turso's projections (stock_projection, stock_sales, orders' codes, balance_projection,
 *    ledger_projection) equal the objects' state.
 */
export async function expectInvariants(itemIds: number[], uids: string[], now: number): Promise<void> {
  const allOrders = await db().select().from(orders).where(inArray(orders.itemId, itemIds));
  for (const itemId of itemIds) {
    const rules = (await loadSaleRules(db(), itemId))!;
    const shards = Array.from({ length: shardCount(rules) }, (_, k) => k);
    const mine = allOrders.filter((o) => o.itemId === itemId);
    const audits = await Promise.all(shards.map((k) => stockFor(env, itemId, k).audit()));
    if (!audits.some((a) => a.initialized)) {
      expect(mine).toEqual([]);
      continue;
    }
    // Per shard: its own counts add up, nothing held, projected; its Turso row equals it.
    let soldAll = 0;
    const statuses: StockStatus[] = [];
    const allHolds: (Awaited<ReturnType<ReturnType<typeof stockFor>["holds"]>>[number] & { shard: number })[] = [];
    for (const k of shards) {
      const stock = stockFor(env, itemId, k);
      const a = audits[k]!;
      const st = await stock.status({ rules: shardRules(rules, k) });
      statuses.push(st);
      allHolds.push(...(await stock.holds()).map((h) => ({ ...h, shard: k })));
      if (!a.initialized) continue;
      // 1.
      expect(a.negativeSeen, `shard ${k}`).toBe(false);
      expect(a.availableCount + a.held + a.sold, `shard ${k}: available + held + sold = initial + adjusted`).toBe(
        a.initialStock + a.adjusted,
      );
      expect(a.held, "held = units of HELD holds").toBe(a.heldByHolds);
      expect(a.sold, "sold = units of SOLD holds").toBe(a.soldByHolds);
      expect(a.held, "nothing left held after settling").toBe(0);
      soldAll += a.sold;
      // 3.
      expect(a.membersOverLimit).toBe(0);
      expect(a.codeMismatches).toBe(0);
      expect(a.codesGiven).toBe(a.couponUnitsSold);
      // 4.
      expect(a.projectedVersion, `shard ${k} projected`).toBe(a.version);
      const [row] = await db()
        .select()
        .from(stockShardProjection)
        .where(and(eq(stockShardProjection.itemId, itemId), eq(stockShardProjection.shard, k)));
      expect(row, `shard ${k} row`).toMatchObject({
        onHand: st.available,
        held: st.held,
        sold: st.sold,
        codesLeft: st.codesLeft,
        version: st.version,
      });
    }
    const live = mine.filter((o) => o.status !== "cancelled");
    expect(
      live.reduce((s, o) => s + o.qty, 0),
      "units sold (every shard) = units of orders not cancelled",
    ).toBe(soldAll);
    // The hold that sold a key's unit is on one shard only (on others the key's attempts went back).
    const sales = allHolds.filter((h) => h.state === "SOLD" || h.state === "RESTOCKED");
    expect(new Set(sales.map((h) => h.key)).size, "one sale per key across shards").toBe(sales.length);
    const byKey = new Map(sales.map((h) => [h.key, h]));
    for (const o of mine) {
      const h = byKey.get(o.key);
      expect(h, `order ${o.id} has its hold`).toBeDefined();
      expect(h!.state, `order ${o.id} (${o.status})`).toBe(o.status === "cancelled" ? "RESTOCKED" : "SOLD");
      expect(h!.qty).toBe(o.qty);
      expect(h!.uid).toBe(o.uid);
    }
    const orderKeys = new Set(mine.map((o) => o.key));
    for (const h of sales) expect(orderKeys.has(h.key), `sale ${h.key} has its order`).toBe(true);
    // 3. the per-member limit across every shard.
    if (rules.perMemberLimit != null) {
      const perUid = new Map<string, number>();
      for (const o of live) perUid.set(o.uid, (perUid.get(o.uid) ?? 0) + o.qty);
      for (const [uid, n] of perUid)
        expect(n, `${uid} within the per-member limit`).toBeLessThanOrEqual(rules.perMemberLimit);
    }
    // 4. the item's projection is the sum of its shards.
    const [proj] = await db().select().from(stockProjection).where(eq(stockProjection.itemId, itemId));
    const sum = (f: (x: (typeof statuses)[number]) => number) => statuses.reduce((n, x) => n + f(x), 0);
    expect(proj).toMatchObject({
      onHand: sum((x) => x.available),
      held: sum((x) => x.held),
      sold: sum((x) => x.sold),
      codesLeft: sum((x) => x.codesLeft),
      version: sum((x) => x.version),
    });
    const turso = await db().select().from(stockSales).where(eq(stockSales.itemId, itemId));
    const expected = sales.map((h) => ({
      key: h.key,
      uid: h.uid,
      qty: h.qty,
      state: h.state === "SOLD" ? "sold" : "restocked",
      couponCodes: h.couponCodes,
    }));
    const byKeyOf = <T extends { key: string }>(xs: T[]) => [...xs].sort((x, y) => (x.key < y.key ? -1 : 1));
    expect(
      byKeyOf(turso.map((s) => ({ key: s.key, uid: s.uid, qty: s.qty, state: s.state, couponCodes: s.couponCodes }))),
    ).toEqual(byKeyOf(expected));
    for (const o of mine) {
      const h = byKey.get(o.key)!;
      expect(o.couponCodes, `codes of ${o.id}`).toEqual(h.couponCodes);
      if (o.itemType === "coupon") expect(o.status).toBe("completed");
    }
  }
  // 3. one order per key (the schema's unique key, and the ids are distinct).
  expect(new Set(allOrders.map((o) => o.key)).size).toBe(allOrders.length);
  expect(new Set(allOrders.map((o) => o.id)).size).toBe(allOrders.length);
  // 2. and 4. for every member.
  for (const uid of new Set(uids)) {
    const wallet = walletFor(env, uid);
    const audit = await expectHealthy(wallet, now);
    const ledger = await allLedger(uid);
    const spent = ledger.filter((e) => e.kind === "spent").reduce((s, e) => s - e.amount, 0);
    const refunded = ledger.filter((e) => e.kind === "refunded").reduce((s, e) => s + e.amount, 0);
    const theirs = await db().select().from(orders).where(eq(orders.uid, uid));
    const live = theirs.filter((o) => o.status !== "cancelled").reduce((s, o) => s + o.points, 0);
    const all = theirs.reduce((s, o) => s + o.points, 0);
    expect(spent, `points ${uid} spent = points of all their orders`).toBe(all);
    expect(spent - refunded, `points ${uid} spent less refunds = points of their live orders`).toBe(live);
    expect(new Set(ledger.filter((e) => e.kind === "spent").map((e) => e.ref)).size).toBe(theirs.length);
    // 4.
    expect(audit.projectedSeq).toBe(ledger.length);
    const [bal] = await db().select().from(balanceProjection).where(eq(balanceProjection.uid, uid));
    if (ledger.length > 0) expect(bal?.balance).toBe(audit.balance);
    const [{ n }] = (await db()
      .select({ n: sql<number>`count(*)` })
      .from(ledgerProjection)
      .where(and(eq(ledgerProjection.uid, uid)))) as [{ n: number }];
    expect(n).toBe(ledger.length);
  }
}
