// spend(): step 2 of a redemption (docs/architecture.md §3). In one synchronous step: the key's earlier decision if it
// has one (COMMITTED → the first answer; ABORTED → refused with its code) — for the same item and quantity
// only: a key first used for another item or quantity is KEY_REUSED, writing nothing —, else the balance
// check and either the decision ABORTED (INSUFFICIENT_POINTS, so the same key keeps that answer) or a `spent`
// entry (ref `redeem:<key>`) taking earliest-expiring lots first, the decision COMMITTED with the item and
// quantity, and the order snapshot (pushed to Turso's orders by the outbox).
import type { SpendResult, WalletApi } from "./types";
import { appendEntry, currentBalance, entryId } from "./ledger";
import { debitLots } from "./lots";
import { abort, commit, type Outcome } from "../objects/outcome";
import { committedUnits, recordAborted, recordCommitted, redemption, sameUse } from "./redemptions";
import { isCollidingRef, lookupRef, saveRef, spendRef } from "./refs";

export type SpendInput = Parameters<WalletApi["spend"]>[0];

const keyReused = (): SpendResult => ({ ok: false, code: "KEY_REUSED", detail: "error.KEY_REUSED" });

export function spend(sql: SqlStorage, input: SpendInput): Outcome<SpendResult> {
  const { uid, key, points, order, now } = input;
  if (!order || !Number.isSafeInteger(order.itemId) || !Number.isSafeInteger(order.qty) || order.qty <= 0) {
    throw new TypeError("wallet: spend needs the order's itemId and qty");
  }
  const use = { itemId: order.itemId, qty: order.qty };
  const decided = redemption(sql, key);
  // A key is one (member, item, qty) forever: another item or quantity gets nothing, not the first answer.
  if (decided && !sameUse(decided, use)) return abort(keyReused());
  if (decided?.state === "COMMITTED") return abort(JSON.parse(decided.result!) as SpendResult);
  if (decided?.state === "ABORTED") {
    if (decided.result) return abort(JSON.parse(decided.result) as SpendResult);
    if (decided.code === "SOLD_OUT" || decided.code === "LIMIT_REACHED") {
      return abort({ ok: false, code: decided.code, detail: `error.${decided.code}` as const });
    }
    return decided.code === "INSUFFICIENT_POINTS"
      ? abort({ ok: false, code: "INSUFFICIENT_POINTS", detail: "wallet.spendRefused", params: { key } })
      : abort({ ok: false, code: "ABORTED", detail: "wallet.spendAborted", params: { key } });
  }
  // The key becomes the spent entry's ref (redeem:<key>): it must not be one another operation used.
  if (isCollidingRef(sql, key)) return abort(keyReused());
  const ref = spendRef(key);
  const seen = lookupRef<SpendResult>(sql, ref, "spend", { callerRef: false });
  if (seen.kind === "conflict") return abort(keyReused());
  if (seen.kind === "replay") return abort(seen.result); // (not reached: a spend always writes its decision)
  if (typeof points !== "number" || !Number.isSafeInteger(points) || points < 0) {
    return abort({ ok: false, code: "INVALID_AMOUNT", detail: "wallet.pointsMustBePositive" });
  }

  if (input.perMemberLimit !== undefined) {
    const count = committedUnits(sql, order.itemId);
    if (count + order.qty > input.perMemberLimit) {
      const refused: SpendResult = { ok: false, code: "LIMIT_REACHED", detail: "error.LIMIT_REACHED" };
      recordAborted(sql, key, "LIMIT_REACHED", now, refused, use);
      return commit(refused);
    }
  }

  const balance = currentBalance(sql);
  if (points > balance) {
    const refused: SpendResult = {
      ok: false,
      code: "INSUFFICIENT_POINTS",
      detail: "wallet.insufficient",
      params: { balance, points },
    };
    recordAborted(sql, key, "INSUFFICIENT_POINTS", now, refused, use);
    return commit(refused);
  }
  let seq: number | null = null;
  let balanceAfter = balance;
  if (points > 0) {
    const e = appendEntry(sql, {
      kind: "spent",
      amount: -points,
      reason: { key: "wallet.reason.spend", params: { item: order.itemName } },
      source: "spend",
      ref,
      createdAt: now,
    });
    seq = e.seq;
    balanceAfter = e.balanceAfter;
    const taken = debitLots(sql, points, seq);
    if (taken !== points) throw new Error(`wallet lots hold less than the balance (${taken} < ${points})`);
  }
  const result: SpendResult = {
    ok: true,
    state: "COMMITTED",
    balance: balanceAfter,
    entryId: seq === null ? null : entryId(uid, seq),
    order,
  };
  recordCommitted(sql, { key, points, entrySeq: seq, order, result, now, hold: input.hold === true });
  saveRef(sql, ref, "spend", { ok: true, state: "COMMITTED" }, now);
  return commit(result);
}
