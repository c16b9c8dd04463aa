// checkin(): one reward per merchant-local day. Streak = previous streak + 1 when the last check-in was the
// local day before, else 1; reward = checkinTable[(streak − 1) mod length] (the table cycles), × the largest
// check-in campaign multiplier on today (积分翻倍日, worker/campaigns/multipliers.ts). Counts against the
// check-in daily cap; a refused check-in records nothing. Missed days of the month: ./makeup.ts.
import type { WalletApi, WalletRules } from "./types";
import { checkDailyCap } from "./caps";
import { credit } from "./credit";
import { currentBalance } from "./ledger";
import { addDays, localDate } from "./local-time";
import { abort, commit, type Outcome } from "../objects/outcome";
import { lookupRef, saveRef } from "./refs";
import { row, rows } from "../objects/sql";
import { recalcTier } from "./tiers";
import { multiplyPoints } from "./amounts";
import { campaignMultiplierOn } from "../campaigns/multipliers";
import { makeupView } from "./makeup";
import { queueForward } from "./duiba-forward";

export type CheckinInput = Parameters<WalletApi["checkin"]>[0];
export type CheckinResult = Awaited<ReturnType<WalletApi["checkin"]>>;

type CheckinRow = { local_date: string; streak: number; points: number };

export const rewardForDay = (table: number[], streakDay: number) => table[(streakDay - 1) % table.length] ?? 0;

export function checkin(sql: SqlStorage, input: CheckinInput): Outcome<CheckinResult> {
  const { now, rules } = input;
  const date = localDate(now, rules.timeZone);
  const ref = `checkin:${date}`;

  const done = row<CheckinRow>(sql, "select local_date, streak, points from checkins where local_date = ?", date);
  if (done) {
    return abort({
      ok: false,
      code: "ALREADY_CHECKED_IN",
      detail: "wallet.alreadyCheckedIn",
      params: {
        date,
        streak: done.streak,
        points: done.points,
        tomorrow: rewardForDay(rules.checkinTable, done.streak + 1),
      },
    });
  }
  const seen = lookupRef<CheckinResult>(sql, ref, "checkin", { callerRef: false });
  if (seen.kind === "conflict") return abort(seen.failure);

  const prev = row<CheckinRow>(
    sql,
    "select local_date, streak, points from checkins where local_date < ? order by local_date desc limit 1",
    date,
  );
  const streak = prev && prev.local_date === addDays(date, -1) ? prev.streak + 1 : 1;
  const points = multiplyPoints(rewardForDay(rules.checkinTable, streak), campaignMultiplierOn(rules, "checkin", date));

  let seq: number | null = null;
  let balance = currentBalance(sql);
  if (points > 0) {
    const refused = checkDailyCap(sql, "checkin", points, now, rules);
    if (refused) return abort(refused);
    const c = credit(sql, {
      points,
      source: "checkin",
      reason: { key: "wallet.reason.checkin", params: { streak } },
      ref,
      now,
      rules,
    });
    seq = c.seq;
    balance = c.balanceAfter;
    queueForward(sql, { ref, credits: points, kind: "checkin", now });
  }
  sql.exec(
    "insert into checkins (local_date, streak, points, entry_seq, created_at) values (?, ?, ?, ?, ?)",
    date,
    streak,
    points,
    seq,
    now,
  );
  const result: CheckinResult = {
    ok: true,
    points,
    streakDay: streak,
    tomorrowPoints: rewardForDay(rules.checkinTable, streak + 1),
    date,
    balance,
  };
  saveRef(sql, ref, "checkin", result, now);
  if (points > 0) recalcTier(sql, now, rules);
  return commit(result);
}

/** The check-in part of summary(). */
export function checkinView(
  sql: SqlStorage,
  now: number,
  rules: Pick<WalletRules, "timeZone" | "checkinTable" | "makeup">,
) {
  const today = localDate(now, rules.timeZone);
  const last = row<CheckinRow>(
    sql,
    "select local_date, streak, points from checkins where local_date <= ? order by local_date desc limit 1",
    today,
  );
  const checkedInToday = last?.local_date === today;
  const streak = last && (checkedInToday || last.local_date === addDays(today, -1)) ? last.streak : 0;
  const month = today.slice(0, 7);
  const monthDates = rows<{ local_date: string }>(
    sql,
    "select local_date from checkins where local_date >= ? and local_date <= ? order by local_date",
    `${month}-01`,
    `${month}-31`,
  ).map((r) => r.local_date);
  return {
    today,
    checkedInToday,
    streak,
    nextReward: rewardForDay(rules.checkinTable, streak + 1),
    monthDates,
    ...makeupView(sql, today, rules),
  };
}
