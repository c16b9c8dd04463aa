// Idempotency keys. The first successful result of a ref is stored with the operation that used it; the same
// ref again answers that result and writes nothing; a ref used by another operation is a conflict. Failures
// are not stored (nothing was written), so a refused ref can be retried.
import { t } from "../../views/i18n";
import type { WalletFailure } from "./types";
import { row } from "./sql-helpers";

export type RefOp = "earn" | "deduct" | "reverse" | "checkin" | "signup_bonus" | "spend" | "refund" | "adjust";

/** Refs the wallet mints itself; callers of earn/deduct/reverse/adjust/refund may not use them. */
const RESERVED = /^(checkin:|expiry:|redeem:|signup_bonus$)/;

/** The ledger ref of a redemption's `spent` entry: the key in the wallet's own namespace, so no caller's ref
 *  (an earning, a deduction) can ever be the same ref. Spends written before this namespace used the bare
 *  key; redemptions.key finds both (see isCollidingRef and audit()). */
export const spendRef = (key: string) => `redeem:${key}`;

/** A redemption key that is already a ref of another operation of this wallet — a caller's earning or
 *  deduction, the wallet's own check-in or bonus, or (from before the namespace) a spend's bare key: using it
 *  as a new key would mix the two, so it is refused (KEY_REUSED). */
export function isCollidingRef(sql: SqlStorage, key: string): boolean {
  const found = row<{ op: string }>(
    sql,
    "select op from refs where ref in (?, ?) and op <> 'spend' limit 1",
    key,
    spendRef(key),
  );
  return found !== undefined || RESERVED.test(key);
}

export type RefLookup<T> =
  | { kind: "new" }
  | { kind: "replay"; result: T }
  | { kind: "conflict"; failure: WalletFailure };

export function lookupRef<T>(sql: SqlStorage, ref: string, op: RefOp, opts: { callerRef: boolean }): RefLookup<T> {
  if (typeof ref !== "string" || ref.length === 0) {
    return { kind: "conflict", failure: { ok: false, code: "REF_CONFLICT", message: t("wallet.refMissing") } };
  }
  const found = row<{ op: string; result: string }>(sql, "select op, result from refs where ref = ?", ref);
  // A reserved ref is refused to callers unless it is the replay of their own earlier call (a ref taken
  // before its prefix was reserved keeps its first answer).
  if (opts.callerRef && RESERVED.test(ref) && found?.op !== op) {
    return {
      kind: "conflict",
      failure: { ok: false, code: "REF_CONFLICT", message: t("wallet.refReserved", { ref }) },
    };
  }
  if (!found) return { kind: "new" };
  if (found.op !== op) {
    return {
      kind: "conflict",
      failure: { ok: false, code: "REF_CONFLICT", message: t("wallet.refUsed", { ref, op: found.op }) },
    };
  }
  return { kind: "replay", result: JSON.parse(found.result) as T };
}

export function saveRef(sql: SqlStorage, ref: string, op: RefOp, result: unknown, now: number): void {
  sql.exec("insert into refs (ref, op, result, created_at) values (?, ?, ?, ?)", ref, op, JSON.stringify(result), now);
}
