// The wallet's refs: its ops, the refs it mints itself (reserved to callers) and the redemption keys' own
// namespace. Storage and lookup are the kernel's (worker/objects/refs.ts).
import { refusal } from "../objects/refusal";
import type { WalletFailure } from "./types";
import { lookupRef as lookupKernelRef, type RefConflict, saveRef as saveKernelRef } from "../objects/refs";
import { row } from "../objects/sql";

export type RefOp =
  | "earn"
  | "deduct"
  | "reverse"
  | "checkin"
  | "signup_bonus"
  | "spend"
  | "refund"
  | "adjust"
  | "makeup"
  | "earn_minted";

/** Refs the wallet mints itself; callers of earn/deduct/reverse/adjust/refund may not use them. */
const RESERVED = /^(checkin:|expiry:|redeem:|makeup:|referral:|code:|signup_bonus$)/;

/** The refs of earnMinted(): a referral reward (`referral:<invitee>:inviter|invitee`) and a redeem code
 *  (`code:<sha256 hex>`), minted by the mall's own flows (worker/referrals, worker/codes). */
export const MINTED_EARN_REF = /^(referral:[A-Za-z0-9_.:@-]{1,64}:(inviter|invitee)|code:[0-9a-f]{64})$/;

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

/** The kernel's lookup (worker/objects/refs.ts) with the wallet's reserved refs (for callers' refs) and its
 *  REF_CONFLICT answer. */
export function lookupRef<T>(sql: SqlStorage, ref: string, op: RefOp, opts: { callerRef: boolean }): RefLookup<T> {
  const seen = lookupKernelRef<T>(sql, ref, op, opts.callerRef ? { reserved: RESERVED } : {});
  if (seen.kind !== "conflict") return seen;
  return { kind: "conflict", failure: refConflict(seen.conflict) };
}

function refConflict(c: RefConflict): WalletFailure {
  if (c.why === "missing") return refusal("REF_CONFLICT", "wallet.refMissing");
  if (c.why === "reserved") return refusal("REF_CONFLICT", "wallet.refReserved", { ref: c.ref });
  return refusal("REF_CONFLICT", "wallet.refUsed", { ref: c.ref, op: c.op });
}

export function saveRef(sql: SqlStorage, ref: string, op: RefOp, result: unknown, now: number): void {
  saveKernelRef(sql, ref, op, result, now);
}
