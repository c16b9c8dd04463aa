// makeupCheckin() (补签): a missed day of the current merchant-local month, made up for rules.makeup.cost
// points, at most rules.makeup.perMonth times a month. In one synchronous step: the cost is spent (a `spent`
// entry, source "makeup", earliest-expiring lots first) and the day's reward earned (an `earned` entry,
// source "checkin", counting against today's check-in cap), the day recorded as made up, and the streak
// restored: the made-up day continues the streak of the day before it (streak table position
// previous + 1, else 1) and the days checked in right after it count on from there, so the next check-in
// continues the whole run. Rewards already paid for those later days stay as paid; the made-up day earns
// its table reward without campaign multipliers. One ref per (member, day), `makeup:<date>`: a double tap
// pays and charges once and gets the first answer. In Duiba mode the cost is the merchant's 扣积分 instead
// (./makeup-hold.ts): the same checks, then a hold, then fillMakeup without spending from the wallet.
import { refusal } from "../objects/refusal";
import { abort, commit, type Outcome } from "../objects/outcome";
import { num, row, rows } from "../objects/sql";
import { checkDailyCap } from "./caps";
import { rewardForDay } from "./checkin";
import { credit } from "./credit";
import { appendEntry, currentBalance } from "./ledger";
import { addDays, localDate } from "./local-time";
import { debitLots } from "./lots";
import { lookupRef, saveRef } from "./refs";
import { recalcTier } from "./tiers";
import { queueForward } from "./duiba-forward";
import { pendingHold, pendingHoldsInMonth } from "./makeup-hold-rows";
import type { WalletApi, WalletFailure, WalletRules } from "./types";

export type MakeupInput = Parameters<WalletApi["makeupCheckin"]>[0];
export type MakeupResult = Awaited<ReturnType<WalletApi["makeupCheckin"]>>;
export type MadeUp = Extract<MakeupResult, { ok: true }>;

export const makeupRef = (date: string) => `makeup:${date}`;

/** Days made up in the local month `month` (YYYY-MM). */
export function makeupsInMonth(sql: SqlStorage, month: string): number {
  return num(
    sql,
    "select count(*) from checkins where made_up = 1 and local_date >= ? and local_date <= ?",
    `${month}-01`,
    `${month}-31`,
  );
}

/** The streak the day `date` continues: the day before's + 1, else 1. */
function streakAt(sql: SqlStorage, date: string): number {
  const prev = row<{ local_date: string; streak: number }>(
    sql,
    "select local_date, streak from checkins where local_date < ? order by local_date desc limit 1",
    date,
  );
  return prev && prev.local_date === addDays(date, -1) ? prev.streak + 1 : 1;
}

/** Renumbers the run of consecutive days after `date` (streak counts only; no reward changes). */
function restoreRunAfter(sql: SqlStorage, date: string, streak: number): void {
  let d = addDays(date, 1);
  let s = streak;
  while (row(sql, "select 1 as x from checkins where local_date = ?", d)) {
    s += 1;
    sql.exec("update checkins set streak = ? where local_date = ?", s, d);
    d = addDays(d, 1);
  }
}

/** What a make-up of `date` would be, or why it may not be: one per day, a missed day of this month before
 *  today, within the month's allowance (a pending Duiba hold counts, ./makeup-hold.ts), the day's reward within
 *  today's check-in cap. `balance`: check the cost against the wallet's points (native mode). */
export function makeupChecks(
  sql: SqlStorage,
  input: MakeupInput,
  opts: { balance: boolean },
): { ok: true; today: string; month: string; used: number } | WalletFailure {
  const { date, now, rules } = input;
  const { cost, perMonth } = rules.makeup;
  if (perMonth === 0) return refusal("MAKEUP_UNAVAILABLE", "wallet.makeupOff");
  const today = localDate(now, rules.timeZone);
  if (date > today) return refusal("MAKEUP_FUTURE", "wallet.makeupFuture", { date });
  if (date === today) return refusal("MAKEUP_NOT_MISSED", "wallet.makeupToday", { date });
  const month = today.slice(0, 7);
  if (date.slice(0, 7) !== month) return refusal("MAKEUP_NOT_THIS_MONTH", "wallet.makeupNotThisMonth", { date });
  if (row(sql, "select 1 as x from checkins where local_date = ?", date))
    return refusal("MAKEUP_NOT_MISSED", "wallet.makeupNotMissed", { date });
  if (pendingHold(sql, date)) return refusal("MAKEUP_NOT_MISSED", "wallet.makeupPending", { date });
  const used = makeupsInMonth(sql, month) + pendingHoldsInMonth(sql, month);
  if (used >= perMonth) return refusal("MAKEUP_LIMIT_REACHED", "wallet.makeupLimit", { max: perMonth });
  if (opts.balance) {
    const balance = currentBalance(sql);
    if (cost > balance) return refusal("INSUFFICIENT_POINTS", "wallet.makeupInsufficient", { balance, points: cost });
  }
  const points = rewardForDay(rules.checkinTable, streakAt(sql, date));
  if (points > 0) {
    const capped = checkDailyCap(sql, "checkin", points, now, rules);
    if (capped) return capped;
  }
  return { ok: true, today, month, used };
}

/** Fills the day: the cost spent from the wallet (`spend`; not in Duiba mode, where the merchant's 扣积分 took
 *  it), the reward earned (queued as 加积分 for a Duiba-linked member), the streak restored, the ref answered. */
export function fillMakeup(
  sql: SqlStorage,
  f: { date: string; now: number; rules: WalletRules; cost: number; spend: boolean },
): MadeUp {
  const { date, now, rules, cost } = f;
  const ref = makeupRef(date);
  const today = localDate(now, rules.timeZone);
  const streak = streakAt(sql, date);
  const points = rewardForDay(rules.checkinTable, streak);
  let costSeq: number | null = null;
  if (cost > 0 && f.spend) {
    const spent = appendEntry(sql, {
      kind: "spent",
      amount: -cost,
      reason: { key: "wallet.reason.makeupCost", params: { date } },
      source: "makeup",
      ref: `${ref}:cost`,
      createdAt: now,
    });
    costSeq = spent.seq;
    const taken = debitLots(sql, cost, spent.seq);
    if (taken !== cost) throw new Error(`wallet lots hold less than the balance (${taken} < ${cost})`);
  }
  let entrySeq: number | null = null;
  if (points > 0) {
    entrySeq = credit(sql, {
      points,
      source: "checkin",
      reason: { key: "wallet.reason.makeup", params: { date, streak } },
      ref,
      now,
      rules,
    }).seq;
    queueForward(sql, { ref, credits: points, kind: "checkin", now });
  }
  sql.exec(
    "insert into checkins (local_date, streak, points, entry_seq, created_at, made_up, cost_seq) values (?, ?, ?, ?, ?, 1, ?)",
    date,
    streak,
    points,
    entrySeq,
    now,
    costSeq,
  );
  restoreRunAfter(sql, date, streak);
  const month = date.slice(0, 7);
  const result: MadeUp = {
    ok: true,
    date,
    points,
    cost,
    streakDay: streak,
    streak: currentStreak(sql, today),
    left: Math.max(0, rules.makeup.perMonth - makeupsInMonth(sql, month) - pendingHoldsInMonth(sql, month)),
    balance: currentBalance(sql),
  };
  saveRef(sql, ref, "makeup", result, now);
  if (points > 0) recalcTier(sql, now, rules);
  return result;
}

export function makeupCheckin(sql: SqlStorage, input: MakeupInput): Outcome<MakeupResult> {
  const seen = lookupRef<MakeupResult>(sql, makeupRef(input.date), "makeup", { callerRef: false });
  if (seen.kind === "replay") return abort(seen.result);
  if (seen.kind === "conflict") return abort(seen.failure);
  const allowed = makeupChecks(sql, input, { balance: true });
  if (!allowed.ok) return abort(allowed);
  const { date, now, rules } = input;
  return commit(fillMakeup(sql, { date, now, rules, cost: rules.makeup.cost, spend: true }));
}

/** The streak as of `today`: the last check-in's, if it was today or yesterday; else 0. */
export function currentStreak(sql: SqlStorage, today: string): number {
  const last = row<{ local_date: string; streak: number }>(
    sql,
    "select local_date, streak from checkins where local_date <= ? order by local_date desc limit 1",
    today,
  );
  return last && (last.local_date === today || last.local_date === addDays(today, -1)) ? last.streak : 0;
}

/** The make-up part of the check-in view: days made up this month, and how many more are allowed. */
export function makeupView(sql: SqlStorage, today: string, rules: Pick<WalletRules, "makeup">) {
  const month = today.slice(0, 7);
  const madeUpDates = rows<{ local_date: string }>(
    sql,
    "select local_date from checkins where made_up = 1 and local_date >= ? and local_date <= ? order by local_date",
    `${month}-01`,
    `${month}-31`,
  ).map((r) => r.local_date);
  const perMonth = rules.makeup?.perMonth ?? 0;
  return {
    madeUpDates,
    makeup: {
      cost: rules.makeup?.cost ?? 0,
      perMonth,
      // a day held for a Duiba 扣积分 in flight counts too (./makeup-hold.ts)
      left: Math.max(0, perMonth - madeUpDates.length - pendingHoldsInMonth(sql, month)),
    },
  };
}
