// redeem(): the redemption protocol as the Worker runs it (docs/architecture.md §3):
//   0. Turso (one batch): the member's blocked flag and the key's claim (the settings and the item's sale row
//      from this isolate's memos, read in that batch when they lapsed); the wallet's standing (balance, tier,
//      and its decision for the key if it has one).
//   1. Stock(i).reserve(k)   — HELD | SOLD_OUT | LIMIT_REACHED | NOT_ON_SALE | TIER_NOT_ALLOWED | KEY_REUSED
//      (a refusal for points, SOLD_OUT or LIMIT_REACHED is recorded as the key's decision: Wallet(m).resolve)
//      then the key is claimed for (m, i, q) in Turso — the first claim wins, forever (KEY_REUSED otherwise)
//   2. Wallet(m).spend(k)    — COMMITTED | INSUFFICIENT_POINTS | ABORTED | KEY_REUSED; not committed → release
//   3. Stock(i).confirm(k)   — SOLD (coupon codes given here)
//   4. the order written to Turso at once (idempotent; the outboxes deliver it anyway if this is lost).
// A request for an item the stock object answered SOLD_OUT less than a second ago (this isolate's memo,
// sold-out-memo.ts; for one more second all but one probe) skips all of that: one wallet.resolve(k, SOLD_OUT)
// keeps the key's single answer.
// A key means one (member, item, qty) forever (issue 14): the same key again for the same three is the same
// single order or the same refusal (a double tap, a retry); for anything else it is KEY_REUSED — refused by
// the claim in Turso, the stock object (a hold of another member or qty), or the wallet (a key it decided for
// another item or qty), each writing nothing — and no replayed order is ever answered for another item.
// A crash anywhere is recovered by the stock object's alarm at the hold's deadline (wallet.resolve(k) with
// the hold's item and qty). The wallet is the single decision point for points: units go back (release) only
// once the wallet has answered "not committed" for k and this item, which it then never changes — or when
// the claim names another use, which no spend of this one can follow.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { members } from "../../db/schema";
import { cachedPageVersion, loadSettings, walletRules } from "../settings/load-settings";
import { memoItemRows, rememberItemRows } from "../catalog/item-rows-memo";
import { claimKey, claimQuery, sameUse, type KeyUse } from "./key-claims";
import { knownSoldOut, rememberSoldOut, unitsMayBeBack } from "./sold-out-memo";
import { stockFor, type StockStub } from "../stock/stock-stub";
import type { StockFailure } from "../stock/types";
import { walletFor, type WalletStub } from "../wallet/wallet-stub";
import type { OrderSnapshot, SpendResult, WalletRules } from "../wallet/types";
import { orderNumber } from "../orders/order-number";
import { orderViewOf, readOrder, recordOrder, viewOfSnapshot } from "../orders/order-row";
import { bornCodes, bornStatus } from "../payments/order-status";
import { saleItemQuery, toSaleItem, visibleAt, type SaleItemRow } from "./sale-rules";
import { reserveAcross } from "./reserve-across";
import { shardCount, shardOrder, shardRules } from "../stock/shards";
import type { DeliveryAddress, Order } from "../../domain";
import type { RedeemErrorCode, RedeemInput, RedeemResult } from "./types";

/** Steps after which a test may inject a crash (see RedeemDeps.after). */
export type RedeemStep = "load" | "standing" | "reserve" | "claim" | "spend" | "release" | "confirm" | "record";

export type RedeemDeps = {
  wallet(uid: string): Pick<WalletStub, "standing" | "spend" | "resolve">;
  /** The item's stock object `shard` (0: the one named by the item id; worker/stock/shards.ts). */
  stock(itemId: number, shard: number): Pick<StockStub, "reserve" | "release" | "confirm">;
  /** Test hook, awaited after each step completes: throwing here simulates the Worker dying at that point
   *  (nothing after it runs; no recovery code in this function catches it). */
  after?: (step: RedeemStep) => void | Promise<void>;
  /** Duiba mode (worker/duiba): the hold is decided by the member's DuibaAccount, and lasts long enough for
   *  the merchant's 扣积分 answer (its 30 s timeout) to arrive before the stock alarm asks. */
  hold?: { decider: "duiba"; holdMs: number };
};

export function redeemDeps(env: Pick<Env, "WALLET" | "STOCK">): RedeemDeps {
  return { wallet: (uid) => walletFor(env, uid), stock: (itemId, shard) => stockFor(env, itemId, shard) };
}

export function redeem(env: Env, db: Db, input: RedeemInput): Promise<RedeemResult> {
  return runRedeem(redeemDeps(env), db, input);
}

/** A refusal is its code only (see RedeemResult). */
const refusal = (code: RedeemErrorCode): RedeemResult => ({ ok: false, code });

function stockRefusal(f: StockFailure): RedeemResult {
  switch (f.code) {
    case "SOLD_OUT":
    case "LIMIT_REACHED":
    case "NOT_ON_SALE":
    case "TIER_NOT_ALLOWED":
    case "KEY_REUSED":
      return refusal(f.code);
    default:
      // INVALID_QUANTITY (input is checked first), HOLD_* and REF_CONFLICT cannot come from reserve.
      throw new Error(`redeem: stock refused the reservation: ${JSON.stringify(f)}`);
  }
}

function validAddress(a: DeliveryAddress | null | undefined): a is DeliveryAddress {
  return (
    a != null && [a.recipient, a.phone, a.region, a.detail].every((f) => typeof f === "string" && f.trim().length > 0)
  );
}

function checkInput(input: RedeemInput): void {
  const { uid, itemId, qty, key, now } = input;
  if (typeof uid !== "string" || uid.length === 0) throw new TypeError("redeem: uid is required");
  if (!Number.isSafeInteger(itemId) || itemId <= 0) throw new TypeError("redeem: itemId must be a positive integer");
  if (!Number.isSafeInteger(qty) || qty <= 0) throw new TypeError("redeem: qty must be a positive integer");
  if (typeof key !== "string" || key.length === 0 || key.length > 100)
    throw new TypeError("redeem: key must be 1–100 characters");
  if (typeof now !== "number" || !Number.isFinite(now)) throw new TypeError("redeem: now must be epoch ms");
}

/** The sold-out answer known at the edge (sold-out-memo.ts): the key's refusal from the one wallet call that
 *  keeps its single answer, or null — the memo does not know the item sold out, or the key is committed (its
 *  order is replayed by the full path). Asked first by runRedeem, and by the shop's route before the session's
 *  Turso read (worker/shop/redeem-sold-out.tsx). */
export async function refuseKnownSoldOut(
  deps: Pick<RedeemDeps, "wallet">,
  input: Pick<RedeemInput, "uid" | "itemId" | "qty" | "key" | "now">,
): Promise<RedeemResult | null> {
  const { uid, itemId, qty, key, now } = input;
  if (!knownSoldOut(itemId, qty, now, key)) return null; // null too for the one probe of a stale memo
  const decided = await deps.wallet(uid).resolve({ key, itemId, qty, now, refusal: "SOLD_OUT" });
  return decided.state === "ABORTED" ? refusal(decided.code) : null;
}

export async function runRedeem(deps: RedeemDeps, db: Db, input: RedeemInput): Promise<RedeemResult> {
  checkInput(input);
  const { uid, itemId, qty, key, now } = input;
  const after = async (step: RedeemStep) => {
    if (deps.after) await deps.after(step);
  };
  const use: KeyUse = { uid, itemId, qty };

  // Sold out a moment ago (this isolate's memo): the one wallet call that keeps the key's answer, nothing else.
  const known = await refuseKnownSoldOut(deps, input);
  if (known) return known;

  // 0. What Turso knows (one round trip), then what the wallet knows. The settings and the item's sale row
  // are this isolate's (the settings' 5 s memo; the sale row kept under the page version like the item page's
  // rows, worker/catalog/item-rows-memo.ts): the member's blocked flag and the key's claim are always read.
  const settings = await loadSettings(db);
  const version = await cachedPageVersion(db); // read with the settings: no round trip
  const keptRow = memoItemRows<SaleItemRow>(db, version, itemId, now, "sale");
  const fresh = [
    db.select({ blocked: members.blocked }).from(members).where(eq(members.uid, uid)).limit(1),
    claimQuery(db, key),
  ] as const;
  let memberRows: Awaited<(typeof fresh)[0]>;
  let claimRows: Awaited<(typeof fresh)[1]>;
  let itemRow: SaleItemRow | undefined = keptRow ?? undefined;
  if (keptRow) {
    [memberRows, claimRows] = await db.batch(fresh);
  } else {
    let itemRows: SaleItemRow[];
    [memberRows, claimRows, itemRows] = await db.batch([...fresh, saleItemQuery(db, itemId)]);
    itemRow = itemRows[0];
    if (itemRow) rememberItemRows(db, version, itemId, itemRow, now, "sale");
  }
  const rules: WalletRules = walletRules(settings);
  const item = itemRow ? toSaleItem(itemRow) : null;
  if (!item || !visibleAt(item, now)) return refusal("ITEM_NOT_FOUND");
  // A key claimed for another member, item or qty: nothing to do here (nothing is read or written further).
  const claimed = claimRows[0];
  if (claimed && !sameUse(claimed, use)) return refusal("KEY_REUSED");
  await after("load");

  const wallet = deps.wallet(uid);
  // The item's stock may be split across shards (worker/stock/shards.ts): `shard` is where this key's hold is.
  const shards = shardCount(item.rules);
  const stockOf = (s: number) => deps.stock(itemId, s);
  let shard = 0;
  const stock = { release: (h: { key: string; uid: string; qty: number; now: number }) => stockOf(shard).release(h) };
  const standing = await wallet.standing({ uid, key, itemId, qty, now, rules });
  await after("standing");
  if (standing.decision?.state === "ABORTED") {
    // The key is final for this item (KEY_REUSED: it is another item's). A hold it may still have here goes
    // back now instead of at its deadline (only this member's, of this qty) — on whichever shard it is.
    await Promise.all(shardOrder(key, shards).map((s) => stockOf(s).release({ key, uid, qty, now })));
    return refusal(standing.decision.code);
  }
  // A group's order is the wallet's held spend or nothing: never a new spend at the item's price.
  if (input.held && standing.decision?.state !== "COMMITTED") return refusal("ABORTED");
  const cost = input.prize ? 0 : item.points * qty;
  const cash = input.prize ? 0 : item.cashFen * qty;
  if (standing.decision === null) {
    // Pre-checks for a key the wallet has not decided (a committed key replays its order whatever changed).
    if (memberRows[0]?.blocked) return refusal("MEMBER_BLOCKED");
    if (item.rules.type === "physical" && !validAddress(input.address)) return refusal("ADDRESS_REQUIRED");
    if (standing.balance < cost) {
      // Recorded as the key's decision, so a twin racing this one (which may already be past this check and
      // about to meet a sold-out item) answers the same. A twin that committed in between is replayed below.
      const decided = await wallet.resolve({ key, itemId, qty, now, refusal: "INSUFFICIENT_POINTS" });
      if (decided.state === "ABORTED") return refusal(decided.code);
    }
  }

  // 1. Hold the units.
  const across = await reserveAcross(stockOf, {
    key,
    uid,
    memberTier: standing.tier,
    qty,
    now,
    rules: item.rules,
    ...deps.hold,
  });
  let held = across.held;
  shard = across.shard;
  await after("reserve");
  if (!held.ok) {
    if (held.code === "KEY_REUSED") return refusal("KEY_REUSED");
    if (standing.decision?.state === "COMMITTED" && input.held) return stockRefusal(held);
    if (standing.decision?.state === "COMMITTED") {
      throw new Error(
        `redeem: ${key} is committed in the wallet but the stock object has no hold for it (${held.code})`,
      );
    }
    // Dated from the answer's arrival, not the request's start (under a rush that is seconds later).
    if (held.code === "SOLD_OUT") rememberSoldOut(itemId, Number(held.params?.available), Math.max(now, Date.now()));
    if (held.code === "SOLD_OUT" || held.code === "LIMIT_REACHED") {
      // Final for this key (the wallet is the single decision point): a twin that passed or failed the points
      // check at another moment still gets this answer, and a twin that got here first decides it for both.
      const decided = await wallet.resolve({ key, itemId, qty, now, refusal: held.code });
      if (decided.state === "COMMITTED") {
        throw new Error(`redeem: ${key} committed while the stock object refused it (${held.code})`);
      }
      return refusal(decided.code);
    }
    return stockRefusal(held);
  }

  // A new hold: units may be there (a probe of a stale sold-out memo, units came back, or a hold granted before
  // the SOLD_OUT the memo holds) — the next key probes at once, the rest are still refused (sold-out-memo.ts).
  if (standing.decision === null) unitsMayBeBack(itemId, Date.now());

  // 1b. The key is this member's, for this item and qty — or it is not, and the units go back: no spend can
  // follow for this use (every spend comes after a claim that names it), so releasing is safe.
  if (!claimed && !sameUse(await claimKey(db, key, use, now), use)) {
    await after("claim");
    await stock.release({ key, uid, qty, now });
    return refusal("KEY_REUSED");
  }
  await after("claim");

  // 2. The wallet decides.
  const order: OrderSnapshot = {
    id: await orderNumber(key, now, settings.timeZone),
    itemId,
    itemName: item.name,
    itemType: item.rules.type,
    qty,
    points: cost,
    cashFen: cash,
    address: item.rules.type === "physical" && input.address ? input.address : null,
    createdAt: now,
    ...(shards > 1 ? { stockShard: shard } : {}),
  };
  // Several shards: the per-member limit is the wallet's (each shard sees only its own holds).
  const limit = shards > 1 && item.rules.perMemberLimit != null ? { perMemberLimit: item.rules.perMemberLimit } : {};
  const spent = await spendOrResolve(wallet, { uid, key, points: cost, order, now, rules, ...limit });
  await after("spend");
  if (!spent.ok) {
    if (
      spent.code === "INSUFFICIENT_POINTS" ||
      spent.code === "ABORTED" ||
      spent.code === "SOLD_OUT" ||
      spent.code === "LIMIT_REACHED" ||
      spent.code === "KEY_REUSED" ||
      spent.code === "DUIBA_REFUSED"
    ) {
      await stock.release({ key, uid, qty, now });
      unitsMayBeBack(itemId, Date.now()); // the unit is back: the next key probes the stock objects at once
      await after("release");
      return refusal(spent.code);
    }
    // Any other refusal is a caller bug: make the key final before the units go back, then fail loudly.
    if ((await wallet.resolve({ key, itemId, qty, now })).state === "ABORTED")
      await stock.release({ key, uid, qty, now });
    throw new Error(`redeem: the wallet refused ${key}: ${JSON.stringify(spent)}`);
  }
  const committed = spent.order;
  if (committed.itemId !== itemId || committed.qty !== qty) {
    // Never answer another item's order (the wallet refuses a reused key itself; this is the belt to its braces).
    await stock.release({ key, uid, qty, now });
    return refusal("KEY_REUSED");
  }

  const committedShard = committed.stockShard ?? 0;
  if (committedShard !== shard) {
    // A twin or an earlier attempt of this key committed with its hold on another shard: the unit sold is that
    // one. This attempt's hold goes back, and the flow goes on with the key's hold where it committed (a
    // reserve of a key a shard holds answers that hold; it writes nothing).
    await stock.release({ key, uid, qty, now });
    shard = committedShard;
    held = await stockOf(shard).reserve({
      key,
      uid,
      memberTier: standing.tier,
      qty,
      now,
      rules: shardRules(item.rules, shard),
    });
    if (!held.ok) throw new Error(`redeem: ${key} committed on shard ${shard}, which has no hold for it`);
  }

  if (held.state === "RESTOCKED") {
    // A retry of a key whose order has since been cancelled: answer the order as it stands.
    const row = await readOrder(db, committed.id);
    return { ok: true, order: row ? orderViewOf(row) : viewOfSnapshot(uid, key, committed, "cancelled", [], now) };
  }

  // 3. The hold becomes a sale.
  let view: Order;
  const sold = await confirmOrLog(stockOf(shard), { key, uid, qty, now });
  await after("confirm");
  if (sold) {
    // updatedAt = createdAt: a retry of the key must answer exactly the same. A cash part: awaiting_payment.
    const status = bornStatus(committed, true);
    view = viewOfSnapshot(uid, key, committed, status, bornCodes(committed, sold.couponCodes), committed.createdAt);
  } else {
    // The points are spent and the order stands; the stock object's alarm confirms the hold by its deadline.
    const row = await readOrder(db, committed.id).catch(() => null);
    view = row
      ? orderViewOf(row)
      : viewOfSnapshot(uid, key, committed, bornStatus(committed, false), [], committed.createdAt);
    return { ok: true, order: view };
  }

  // 4. Visible in Turso at once (read-your-writes for the order pages). Failure is only logged.
  try {
    await recordOrder(db, view);
  } catch (e) {
    console.error(
      `redeem: writing order ${view.id} to Turso failed (the outboxes will): ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  await after("record");
  return { ok: true, order: view, balance: spent.balance };
}

/** spend(); if the call itself failed (network, a restarted object), whether it committed is unknown: ask the
 *  wallet to resolve the key (which makes "not committed" final) and replay the spend if it did commit. */
async function spendOrResolve(
  wallet: Pick<WalletStub, "spend" | "resolve">,
  input: Parameters<WalletStub["spend"]>[0],
): Promise<SpendResult | { ok: false; code: "ABORTED" }> {
  try {
    return await wallet.spend(input);
  } catch (e) {
    console.error(`redeem: spend of ${input.key} failed, resolving: ${e instanceof Error ? e.message : String(e)}`);
    const r = await wallet.resolve({
      key: input.key,
      itemId: input.order.itemId,
      qty: input.order.qty,
      now: input.now,
    });
    if (r.state === "COMMITTED") return await wallet.spend(input); // replays the committed answer
    return { ok: false, code: "ABORTED" };
  }
}

async function confirmOrLog(
  stock: Pick<StockStub, "confirm">,
  hold: { key: string; uid: string; qty: number; now: number },
): Promise<{ couponCodes: string[] } | null> {
  const { key } = hold;
  try {
    const r = await stock.confirm(hold);
    if (r.ok) return r;
    console.error(`redeem: confirm of committed ${key} refused: ${JSON.stringify(r)}`);
  } catch (e) {
    console.error(
      `redeem: confirm of committed ${key} failed (the stock alarm will confirm): ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  return null;
}
