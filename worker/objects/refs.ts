// Idempotency by ref, for every object: the first successful result of a ref is stored with the operation
// that used it; the same ref again answers that result and writes nothing; a ref used by another operation
// is a conflict. Failures are not stored (the transaction aborted), so a refused ref can be retried.
// The object turns a conflict into its own { ok: false, code: "REF_CONFLICT", … } answer.
import { row } from "./sql";

/** The `refs` table, part of every object's first storage migration. */
export const REFS_TABLE = `
-- Idempotency: the first successful result of each ref, per operation.
create table refs (
  ref text primary key,
  op text not null,
  result text not null,
  created_at integer not null
);
`;

/** Why a ref cannot be used: empty, reserved for refs the object mints itself, or taken by another op. */
export type RefConflict =
  | { why: "missing" }
  | { why: "reserved"; ref: string }
  | { why: "used"; ref: string; op: string };

export type RefLookup<T> =
  | { kind: "new" }
  | { kind: "replay"; result: T }
  | { kind: "conflict"; conflict: RefConflict };

export type RefOptions = {
  /** Refs the object mints itself (check-in days, expiries…); a caller may not use them, except to replay
   *  its own earlier call with the same op (a ref taken before its prefix was reserved keeps its answer). */
  reserved?: RegExp;
};

export function lookupRef<T>(sql: SqlStorage, ref: string, op: string, opts: RefOptions = {}): RefLookup<T> {
  if (typeof ref !== "string" || ref.length === 0) return { kind: "conflict", conflict: { why: "missing" } };
  const found = row<{ op: string; result: string }>(sql, "select op, result from refs where ref = ?", ref);
  if (opts.reserved?.test(ref) && found?.op !== op) return { kind: "conflict", conflict: { why: "reserved", ref } };
  if (!found) return { kind: "new" };
  if (found.op !== op) return { kind: "conflict", conflict: { why: "used", ref, op: found.op } };
  return { kind: "replay", result: JSON.parse(found.result) as T };
}

export function saveRef(sql: SqlStorage, ref: string, op: string, result: unknown, now: number): void {
  sql.exec("insert into refs (ref, op, result, created_at) values (?, ?, ?, ?)", ref, op, JSON.stringify(result), now);
}
