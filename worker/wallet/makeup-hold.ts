// 补签 in Duiba mode (issue 12): the member's points live on the merchant's server, so the cost is the merchant's
// 扣积分 (worker/duiba/makeup-charge.ts) while the wallet still decides the day — one per day, the month's
// allowance, a missed day of this month before today. Three steps, each one synchronous transaction here:
//   holdMakeup     the make-up checks (not the wallet's balance: no points are spent from it), then a PENDING
//                  hold of the day under attempt n (the 扣积分's key makeup:<date>:<n>): it counts against the
//                  allowance, and a twin tap gets the same attempt (so the same 扣积分, once).
//   confirmHold    the merchant took the cost: the day filled (fillMakeup without spending), the hold DONE,
//                  the ref makeup:<date> answered — a replay after that gets the first answer.
//   releaseHold    the merchant refused or did not answer in 30 s (the DuibaAccount's decision): nothing filled,
//                  the hold RELEASED; the next try is attempt n + 1, a new orderNum.
// A hold left PENDING (the Worker died between the steps) is settled by the wallet's alarm at due_at: it asks the
// DuibaAccount for the attempt's decision (resolve: a key never called for is recorded ABORTED, so a late 扣积分
// of it is refused) and confirms or releases; a retry of the tap does the same through charge, idempotent on
// its key.
import { refusal } from "../objects/refusal";
import { abort, commit, type Outcome } from "../objects/outcome";
import { rows } from "../objects/sql";
import { fillMakeup, makeupChecks, makeupRef, type MakeupResult } from "./makeup";
import { holdRow, pendingHold } from "./makeup-hold-rows";
import { lookupRef } from "./refs";
import type { WalletApi, WalletRules } from "./types";

/** The alarm asks the DuibaAccount about a hold this long after it was made (past the 扣积分's 30 s). */
export const HOLD_GRACE_MS = 45_000;
/** A question the alarm could not get answered is asked again this much later. */
export const HOLD_RETRY_MS = 60_000;

export type HoldInput = Parameters<WalletApi["makeupHold"]>[0];
export type HoldResult = Awaited<ReturnType<WalletApi["makeupHold"]>>;
type Settle = { date: string; attempt: number; now: number; rules: WalletRules };

/** The DuibaAccount key of a hold's 扣积分 (the account is the member's: the date and attempt make it unique). */
export const makeupChargeKey = (date: string, attempt: number) => `makeup:${date}:${attempt}`;

export function holdMakeup(sql: SqlStorage, input: HoldInput): Outcome<HoldResult> {
  const { date, now, rules } = input;
  const seen = lookupRef<MakeupResult>(sql, makeupRef(date), "makeup", { callerRef: false });
  if (seen.kind === "replay")
    return abort(seen.result.ok ? { ok: true, state: "DONE", result: seen.result } : seen.result);
  if (seen.kind === "conflict") return abort(seen.failure);
  const held = pendingHold(sql, date);
  if (held) return abort({ ok: true, state: "HELD", date, attempt: held.attempt, cost: held.cost });
  const allowed = makeupChecks(sql, input, { balance: false });
  if (!allowed.ok) return abort(allowed);
  const cost = rules.makeup.cost;
  // A free make-up has nothing to charge: filled at once.
  if (cost === 0)
    return commit({ ok: true, state: "DONE", result: fillMakeup(sql, { date, now, rules, cost, spend: false }) });
  const attempt = (holdRow(sql, date)?.attempt ?? 0) + 1;
  sql.exec(
    `insert into makeup_holds (local_date, attempt, cost, state, created_at, due_at) values (?, ?, ?, 'PENDING', ?, ?)
     on conflict(local_date) do update set attempt = excluded.attempt, cost = excluded.cost, state = 'PENDING',
       created_at = excluded.created_at, due_at = excluded.due_at`,
    date,
    attempt,
    cost,
    now,
    Date.now() + HOLD_GRACE_MS,
  );
  return commit({ ok: true, state: "HELD", date, attempt, cost });
}

/** The merchant took the hold's cost: the day is filled, whatever else happened meanwhile. */
export function confirmHold(sql: SqlStorage, s: Settle): Outcome<Awaited<ReturnType<WalletApi["makeupConfirm"]>>> {
  const seen = lookupRef<MakeupResult>(sql, makeupRef(s.date), "makeup", { callerRef: false });
  if (seen.kind === "replay") return abort(seen.result);
  const held = pendingHold(sql, s.date);
  if (!held || held.attempt !== s.attempt) return abort(refusal("DUIBA_REFUSED", "error.DUIBA_REFUSED"));
  const result = fillMakeup(sql, { date: s.date, now: s.now, rules: s.rules, cost: held.cost, spend: false });
  sql.exec("update makeup_holds set state = 'DONE', due_at = null where local_date = ?", s.date);
  return commit(result);
}

/** The merchant's 扣积分 failed (refused, or no answer in time): the day stays missed, the allowance unused. */
export function releaseHold(sql: SqlStorage, s: Pick<Settle, "date" | "attempt">): Outcome<{ released: boolean }> {
  const held = pendingHold(sql, s.date);
  if (!held || held.attempt !== s.attempt) return abort({ released: false });
  sql.exec("update makeup_holds set state = 'RELEASED', due_at = null where local_date = ?", s.date);
  return commit({ released: true });
}

export function dueHolds(sql: SqlStorage, realNow: number): { date: string; attempt: number }[] {
  return rows<{ local_date: string; attempt: number }>(
    sql,
    "select local_date, attempt from makeup_holds where state = 'PENDING' and due_at <= ? order by due_at limit 20",
    realNow,
  ).map((r) => ({ date: r.local_date, attempt: r.attempt }));
}

export function postponeHold(sql: SqlStorage, date: string, realNow: number): void {
  sql.exec(
    "update makeup_holds set due_at = ? where local_date = ? and state = 'PENDING'",
    realNow + HOLD_RETRY_MS,
    date,
  );
}

export function holdWakeAt(sql: SqlStorage, realNow: number): number | null {
  const at = rows<{ t: number | null }>(sql, "select min(due_at) as t from makeup_holds where state = 'PENDING'")[0]?.t;
  return at === null || at === undefined ? null : Math.max(at, realNow);
}
