// The stock object's operations, each a synchronous step on ctx.storage.sql run inside ONE transactionSync by
// item-stock.ts (check and write with no await between). Failures and replays answer abort() and write
// nothing. The memory-only refusals (sold out, off sale, tier) are decided in item-stock.ts before any of
// these run.
import { abort, commit, type Outcome } from "../objects/outcome";
import { lookupRef, type RefConflict, saveRef } from "../objects/refs";
import { giveCodes, importCodes } from "./codes";
import {
  bump,
  holdCodes,
  holdRow,
  itemRow,
  memberUnits,
  rememberRules,
  reservable,
  snapshot,
  statusOf,
  type HoldRow,
} from "./state";
import type { HoldState, SaleRules, StockApi, StockDetail, StockFailure, StockStatus } from "./types";
import { refusal, type TextParams } from "../objects/refusal";

type Out<K extends keyof StockApi> = Awaited<ReturnType<StockApi[K]>>;

export const fail = (code: StockFailure["code"], detail: StockDetail, params?: TextParams): StockFailure =>
  refusal(code, detail, params);

// ---- refs (adjust, restock): the kernel's lookup (worker/objects/refs.ts) ---------------------------------

/** A ref the other operation already used (assertKey has refused an empty one). */
function refConflict(c: RefConflict): StockFailure {
  return fail("REF_CONFLICT", "wallet.refUsed", {
    ref: c.why === "missing" ? "" : c.ref,
    op: c.why === "used" ? c.op : "",
  });
}

// ---- a key is one (member, qty) ------------------------------------------------------------------------

/** KEY_REUSED when the hold of the key was taken by another member or for another quantity: a redemption key
 *  means one (member, item, qty) forever (this object is the item), so a replay must match. */
export function reusedBy(h: Pick<HoldRow, "uid" | "qty" | "key">, uid: string, qty: number): StockFailure | null {
  return h.uid === uid && h.qty === qty ? null : fail("KEY_REUSED", "stock.msg.keyReused");
}

// ---- reserve (step 1) ----------------------------------------------------------------------------------

/** The part of reserve that needs storage: the per-member limit, then the hold. `qty` is validated and the
 *  memory checks (sale window, tier, sold out) have passed. */
export function reserveStep(
  sql: SqlStorage,
  input: { key: string; uid: string; qty: number; now: number; rules: SaleRules; deadline: number; decider?: "duiba" },
): Outcome<Out<"reserve">> {
  const { key, uid, qty, now, rules, deadline } = input;
  const existing = holdRow(sql, key);
  if (existing)
    return abort(reusedBy(existing, uid, qty) ?? { ok: true, state: existing.state, deadline: existing.deadline });
  const s = snapshot(sql)!;
  const left = reservable(s);
  if (left < qty) return abort(fail("SOLD_OUT", "stock.msg.soldOut", { available: left, qty }));
  if (rules.perMemberLimit != null) {
    const count = memberUnits(sql, uid);
    if (count + qty > rules.perMemberLimit) {
      return abort(fail("LIMIT_REACHED", "stock.msg.limit", { limit: rules.perMemberLimit, count }));
    }
  }
  rememberRules(sql, s.item, rules);
  const version = bump(sql, now, "available = available - ?, held = held + ?", qty, qty);
  sql.exec(
    `insert into holds (key, uid, qty, deadline, state, version, created_at, updated_at, decider)
     values (?, ?, ?, ?, 'HELD', ?, ?, ?, ?)`,
    key,
    uid,
    qty,
    deadline,
    version,
    now,
    now,
    input.decider ?? null,
  );
  return commit({ ok: true, state: "HELD", deadline });
}

// ---- confirm (step 3) ----------------------------------------------------------------------------------

/** HELD → SOLD; coupon items get one code per unit. */
export function sellHold(sql: SqlStorage, h: HoldRow, now: number): string[] {
  const item = itemRow(sql)!;
  const codes = item.type === "coupon" ? giveCodes(sql, h.key, h.qty, now) : [];
  const version = bump(sql, now, "held = held - ?, sold = sold + ?", h.qty, h.qty);
  sql.exec(
    "update holds set state = 'SOLD', codes = ?, version = ?, updated_at = ?, sold_at = ? where key = ?",
    JSON.stringify(codes),
    version,
    now,
    now,
    h.key,
  );
  return codes;
}

export function confirmStep(
  sql: SqlStorage,
  input: { key: string; uid: string; qty: number; now: number },
): Outcome<Out<"confirm">> {
  const h = holdRow(sql, input.key);
  if (!h) return abort(fail("HOLD_NOT_FOUND", "stock.msg.holdNotFound", { key: input.key }));
  const reused = reusedBy(h, input.uid, input.qty);
  if (reused) return abort(reused);
  if (h.state === "SOLD") return abort({ ok: true, state: "SOLD", couponCodes: holdCodes(h) });
  if (h.state !== "HELD") return abort(fail("HOLD_EXPIRED", "stock.msg.holdExpired", { key: input.key }));
  return commit({ ok: true, state: "SOLD", couponCodes: sellHold(sql, h, input.now) });
}

// ---- release -------------------------------------------------------------------------------------------

/** HELD → RELEASED: the units go back. */
export function releaseHold(sql: SqlStorage, h: HoldRow, now: number): void {
  const version = bump(sql, now, "held = held - ?, available = available + ?", h.qty, h.qty);
  sql.exec("update holds set state = 'RELEASED', version = ?, updated_at = ? where key = ?", version, now, h.key);
}

export function releaseStep(
  sql: SqlStorage,
  input: { key: string; uid: string; qty: number; now: number },
): Outcome<Out<"release">> {
  const h = holdRow(sql, input.key);
  if (!h) return abort(fail("HOLD_NOT_FOUND", "stock.msg.holdNotFound", { key: input.key }));
  const reused = reusedBy(h, input.uid, input.qty);
  if (reused) return abort(reused);
  if (h.state !== "HELD") return abort({ ok: true, state: h.state });
  releaseHold(sql, h, input.now);
  return commit({ ok: true, state: "RELEASED" });
}

// ---- restock (a cancelled order) ------------------------------------------------------------------------

export function restockStep(
  sql: SqlStorage,
  input: { key: string; ref: string; now: number },
): Outcome<Out<"restock">> {
  const { key, ref, now } = input;
  const seen = lookupRef<Out<"restock">>(sql, ref, "restock");
  if (seen.kind === "replay") return abort(seen.result);
  if (seen.kind === "conflict") return abort(refConflict(seen.conflict));
  const h = holdRow(sql, key);
  if (!h) return abort(fail("HOLD_NOT_FOUND", "stock.msg.holdNotFound", { key }));
  let state: HoldState = h.state;
  if (h.state === "SOLD" || h.state === "HELD") {
    // A HELD hold is restocked only for a key whose order exists (the wallet committed it; confirm has not
    // run yet): its units go back straight from held.
    const from = h.state === "SOLD" ? "sold" : "held";
    const version = bump(sql, now, `${from} = ${from} - ?, available = available + ?`, h.qty, h.qty);
    sql.exec(
      "update holds set state = 'RESTOCKED', restock_ref = ?, version = ?, updated_at = ? where key = ?",
      ref,
      version,
      now,
      key,
    );
    state = "RESTOCKED";
  }
  const result: Out<"restock"> = { ok: true, state };
  saveRef(sql, ref, "restock", result, now);
  return commit(result);
}

// ---- adjust / addCodes -----------------------------------------------------------------------------------

export function adjustStep(
  sql: SqlStorage,
  input: { ref: string; delta: number; now: number; rules: SaleRules; upTo?: boolean },
): Outcome<Out<"adjust">> {
  const { ref, now, rules } = input;
  const seen = lookupRef<Out<"adjust">>(sql, ref, "adjust");
  if (seen.kind === "replay") return abort(seen.result);
  if (seen.kind === "conflict") return abort(refConflict(seen.conflict));
  if (typeof input.delta !== "number" || !Number.isSafeInteger(input.delta))
    return abort(fail("INVALID_QUANTITY", "stock.msg.badQty"));
  const item = itemRow(sql)!;
  // upTo (a removal split over shards, item-stocks.ts): as much of it as this object has, the part taken
  // recorded with the ref — even none — so a retry of the ref answers the same part.
  const delta = input.upTo === true && input.delta < 0 ? Math.max(input.delta, -item.available) : input.delta;
  if (item.available + delta < 0) {
    return abort(fail("INVALID_QUANTITY", "stock.msg.belowZero", { available: item.available, delta }));
  }
  if (delta !== 0 || input.upTo !== true) {
    rememberRules(sql, item, rules);
    bump(sql, now, "available = available + ?, adjusted = adjusted + ?", delta, delta);
  }
  const result: Out<"adjust"> = { ok: true, status: statusOf(snapshot(sql)!), applied: delta };
  saveRef(sql, ref, "adjust", result, now);
  return commit(result);
}

export function addCodesStep(
  sql: SqlStorage,
  input: { codes: string[]; now: number; rules: SaleRules },
): Outcome<Out<"addCodes">> {
  const { added, duplicates, invalid } = importCodes(sql, Array.isArray(input.codes) ? input.codes : [], input.now);
  if (added > 0) {
    rememberRules(sql, itemRow(sql)!, input.rules);
    bump(sql, input.now);
  }
  const status: StockStatus = statusOf(snapshot(sql)!);
  const result = { ok: true as const, added, duplicates, invalid, codesLeft: status.codesLeft };
  return added > 0 ? commit(result) : abort(result);
}
