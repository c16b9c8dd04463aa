// Idempotency keys. The first successful result of a ref is stored with the operation that used it; the same
// ref again answers that result and writes nothing; a ref used by another operation is a conflict. Failures
// are not stored (nothing was written), so a refused ref can be retried.
import { t } from "../../views/i18n";
import type { WalletFailure } from "./types";
import { row } from "./sql-helpers";

export type RefOp = "earn" | "deduct" | "reverse" | "checkin" | "signup_bonus" | "spend" | "refund" | "adjust";

/** Refs the wallet mints itself; callers of earn/deduct/reverse may not use them. */
const RESERVED = /^(checkin:|expiry:|signup_bonus$)/;

export type RefLookup<T> = { kind: "new" } | { kind: "replay"; result: T } | { kind: "conflict"; failure: WalletFailure };

export function lookupRef<T>(sql: SqlStorage, ref: string, op: RefOp, opts: { callerRef: boolean }): RefLookup<T> {
  if (typeof ref !== "string" || ref.length === 0) {
    return { kind: "conflict", failure: { ok: false, code: "REF_CONFLICT", message: t("wallet.refMissing") } };
  }
  if (opts.callerRef && RESERVED.test(ref)) {
    return { kind: "conflict", failure: { ok: false, code: "REF_CONFLICT", message: t("wallet.refReserved", { ref }) } };
  }
  const found = row<{ op: string; result: string }>(sql, "select op, result from refs where ref = ?", ref);
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
