// The append-only ledger: the balance is the last entry's balance_after (= the sum of all amounts).
import type { LedgerKind } from "../../db/schema";
import type { LedgerEntry, LedgerReasonKey } from "./types";
import type { TextParams } from "../objects/refusal";
import { num, row, rows } from "../objects/sql";

export type LedgerRow = {
  seq: number;
  kind: string;
  amount: number;
  balance_after: number;
  reason: string;
  reason_key: string | null;
  reason_params: string | null;
  source: string;
  ref: string;
  created_at: number;
  expires_at: number | null;
};

/** A reason the wallet writes itself: the catalogue key and its parameters (the edge renders it). */
export type KeyedReason = { key: LedgerReasonKey; params?: TextParams };

export function currentBalance(sql: SqlStorage): number {
  return num(sql, "select balance_after from ledger order by seq desc limit 1");
}

export function lastSeq(sql: SqlStorage): number {
  return num(sql, "select max(seq) from ledger");
}

export type NewEntry = {
  kind: LedgerKind;
  amount: number;
  /** The caller's text, or the wallet's own reason as a key. */
  reason: string | KeyedReason;
  source: LedgerEntry["source"];
  ref: string;
  createdAt: number;
  expiresAt?: number | null;
};

/** Appends an entry; the caller has already checked that the balance stays ≥ 0 (the table checks again). */
export function appendEntry(sql: SqlStorage, e: NewEntry): { seq: number; balanceAfter: number } {
  const seq = lastSeq(sql) + 1;
  const balanceAfter = currentBalance(sql) + e.amount;
  sql.exec(
    `insert into ledger (seq, kind, amount, balance_after, reason, reason_key, reason_params, source, ref, created_at,
       expires_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    seq,
    e.kind,
    e.amount,
    balanceAfter,
    typeof e.reason === "string" ? e.reason : "",
    typeof e.reason === "string" ? null : e.reason.key,
    typeof e.reason === "string" || !e.reason.params ? null : JSON.stringify(e.reason.params),
    e.source,
    e.ref,
    e.createdAt,
    e.expiresAt ?? null,
  );
  return { seq, balanceAfter };
}

export const entryId = (uid: string, seq: number) => `${uid}:${seq}`;

export function toLedgerEntry(uid: string, r: LedgerRow): LedgerEntry {
  return {
    id: entryId(uid, r.seq),
    seq: r.seq,
    kind: r.kind as LedgerKind,
    amount: r.amount,
    balanceAfter: r.balance_after,
    reason: r.reason,
    reasonKey: r.reason_key as LedgerReasonKey | null,
    reasonParams: r.reason_params === null ? null : (JSON.parse(r.reason_params) as TextParams),
    source: r.source as LedgerEntry["source"],
    ref: r.ref,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  };
}

export const LEDGER_COLUMNS =
  "seq, kind, amount, balance_after, reason, reason_key, reason_params, source, ref, created_at, expires_at";

/** Newest first, below `cursor` (exclusive); nextCursor is set when older entries remain. */
export function listLedger(
  sql: SqlStorage,
  uid: string,
  input: { limit: number; cursor?: number },
): { entries: LedgerEntry[]; nextCursor: number | null } {
  const asked = Math.floor(Number(input.limit));
  const limit = Number.isFinite(asked) ? Math.max(1, Math.min(200, asked)) : 20;
  const cursor = Math.floor(Number(input.cursor));
  const below = input.cursor == null || !Number.isFinite(cursor) ? Number.MAX_SAFE_INTEGER : cursor;
  const page = rows<LedgerRow>(
    sql,
    `select ${LEDGER_COLUMNS} from ledger where seq < ? order by seq desc limit ?`,
    below,
    limit + 1,
  );
  const more = page.length > limit;
  const entries = page.slice(0, limit).map((r) => toLedgerEntry(uid, r));
  return { entries, nextCursor: more ? entries[entries.length - 1]!.seq : null };
}

export function earnedEntryByRef(sql: SqlStorage, ref: string): LedgerRow | undefined {
  return row<LedgerRow>(sql, `select ${LEDGER_COLUMNS} from ledger where ref = ? and kind = 'earned' limit 1`, ref);
}
