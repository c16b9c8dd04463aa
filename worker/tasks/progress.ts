// A member's progress on the tasks, read from Turso in one batch, and each task's state from it:
//   todo       open, not yet complete (or a browse task: the page's timer decides, then the claim)
//   claimable  complete, reward not yet paid
//   done       this period's reward paid (or every occurrence of an N-times task)
//   expired    the window has ended without this period's reward
// 资料完善 (profile) is complete when the member has a nickname (from the merchant's autologin link or
// WeChat) and at least one delivery address in 收货地址 — the two things a member can set today.
import { and, count, eq, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client";
import { addresses, members, taskClaims, taskProgress, taskSurveyAnswers } from "../../db/schema";
import { periodOf, windowOf } from "./periods";
import type { TaskDef } from "./rows";

export type TaskState = "todo" | "claimable" | "done" | "expired";

export type MemberProgress = {
  /** `${taskId}|${period}` → progress marks */
  marks: Map<string, number>;
  /** taskId → periods paid */
  claims: Map<string, Set<string>>;
  /** `${taskId}|${period}` of submitted surveys */
  answered: Set<string>;
  profileComplete: boolean;
};

const key = (taskId: string, period: string) => `${taskId}|${period}`;

export async function loadProgress(db: Db, uid: string, taskIds?: string[]): Promise<MemberProgress> {
  const only = (col: SQLiteColumn) => (taskIds && taskIds.length === 1 ? eq(col, taskIds[0]!) : undefined);
  const [marks, claims, answers, member, addressCount] = await db.batch([
    db
      .select({ taskId: taskProgress.taskId, period: taskProgress.period, n: count() })
      .from(taskProgress)
      .where(and(eq(taskProgress.uid, uid), only(taskProgress.taskId)))
      .groupBy(taskProgress.taskId, taskProgress.period),
    db
      .select({ taskId: taskClaims.taskId, period: taskClaims.period })
      .from(taskClaims)
      .where(and(eq(taskClaims.uid, uid), only(taskClaims.taskId))),
    db
      .select({ taskId: taskSurveyAnswers.taskId, period: taskSurveyAnswers.period })
      .from(taskSurveyAnswers)
      .where(and(eq(taskSurveyAnswers.uid, uid), only(taskSurveyAnswers.taskId))),
    db.select({ nickname: members.nickname }).from(members).where(eq(members.uid, uid)).limit(1),
    db.select({ n: count() }).from(addresses).where(eq(addresses.uid, uid)),
  ]);
  const claimMap = new Map<string, Set<string>>();
  for (const c of claims) {
    if (!claimMap.has(c.taskId)) claimMap.set(c.taskId, new Set());
    claimMap.get(c.taskId)!.add(c.period);
  }
  return {
    marks: new Map(marks.map((m) => [key(m.taskId, m.period), m.n])),
    claims: claimMap,
    answered: new Set(answers.map((a) => key(a.taskId, a.period))),
    profileComplete: (member[0]?.nickname ?? "").trim() !== "" && (addressCount[0]?.n ?? 0) > 0,
  };
}

export type TaskStatus = {
  state: TaskState;
  /** the period a claim now would pay (null: nothing left to earn) */
  period: string | null;
  done: number;
  goal: number;
  /** rewards paid so far (all periods) */
  paid: number;
};

export function statusOf(task: TaskDef, p: MemberProgress, now: number, timeZone: string): TaskStatus {
  const periods = p.claims.get(task.id) ?? new Set<string>();
  const paid = periods.size;
  const period = periodOf(task, now, timeZone, paid);
  const goal = task.kind === "share" || task.kind === "event" ? task.goal : 1;
  if (period === null) return { state: "done", period, done: goal, goal, paid };
  if (periods.has(period)) return { state: "done", period, done: goal, goal, paid };
  if (windowOf(task, now) === "ended") return { state: "expired", period, done: 0, goal, paid };
  let done = 0;
  switch (task.kind) {
    case "profile":
      done = p.profileComplete ? 1 : 0;
      break;
    case "browse":
      done = 0; // proved at claim time by the page's signed start
      break;
    case "survey":
      done = p.answered.has(key(task.id, period)) ? 1 : 0;
      break;
    default:
      done = Math.min(goal, p.marks.get(key(task.id, period)) ?? 0);
  }
  return { state: done >= goal ? "claimable" : "todo", period, done, goal, paid };
}

/** Records one progress mark (idempotent: the same mark twice is one). */
export async function addMark(db: Db, taskId: string, uid: string, period: string, mark: string, now: number) {
  await db.insert(taskProgress).values({ taskId, uid, period, mark, at: now }).onConflictDoNothing();
}

/** Whether this mark was recorded for the task in any period. */
export async function hasMark(db: Db, taskId: string, uid: string, mark: string): Promise<boolean> {
  const [r] = await db
    .select({ at: taskProgress.at })
    .from(taskProgress)
    .where(and(eq(taskProgress.taskId, taskId), eq(taskProgress.uid, uid), eq(taskProgress.mark, mark)))
    .limit(1);
  return r !== undefined;
}

/** Rewards of a task a member has been paid (for N-times tasks' next occurrence). */
export async function paidCount(db: Db, taskId: string, uid: string): Promise<number> {
  const [r] = await db
    .select({ n: count() })
    .from(taskClaims)
    .where(and(eq(taskClaims.taskId, taskId), eq(taskClaims.uid, uid)));
  return r?.n ?? 0;
}

/** Members and answers per task, for the console's list. */
export async function taskTotals(db: Db): Promise<Map<string, { claims: number; points: number }>> {
  const rows = await db
    .select({ taskId: taskClaims.taskId, n: count(), points: sql<number>`coalesce(sum(${taskClaims.points}), 0)` })
    .from(taskClaims)
    .groupBy(taskClaims.taskId);
  return new Map(rows.map((r) => [r.taskId, { claims: r.n, points: Number(r.points) }]));
}
