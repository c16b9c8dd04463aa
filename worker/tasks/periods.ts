// A task's periods in the merchant's time zone: the key its progress, answers and reward are filed under, and
// the part of its wallet ref that makes one reward per period.
//   once    "once"                      daily   "d:<local date>"
//   weekly  "w:<local date of Monday>"  times   "n:<k>", k = rewards already paid + 1 (up to `times`)
// Two concurrent claims read the same paid count and so compute the same period and the same ref.
import { addDays, localDate, localParts } from "../wallet/local-time";
import type { TaskDef } from "./rows";

export function periodOf(
  task: Pick<TaskDef, "repeat" | "times">,
  now: number,
  timeZone: string,
  paid: number,
): string | null {
  switch (task.repeat) {
    case "once":
      return paid > 0 ? null : "once";
    case "daily":
      return `d:${localDate(now, timeZone)}`;
    case "weekly":
      return `w:${weekStart(now, timeZone)}`;
    case "times":
      return paid >= task.times ? null : `n:${paid + 1}`;
  }
}

/** The local date of the Monday that starts the week of `now`. */
export function weekStart(now: number, timeZone: string): string {
  const p = localParts(now, timeZone);
  const weekday = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay(); // 0 = Sunday
  return addDays(localDate(now, timeZone), -((weekday + 6) % 7));
}

export type WindowState = "upcoming" | "open" | "ended";

/** startsAt is inclusive, endsAt exclusive. */
export function windowOf(task: Pick<TaskDef, "startsAt" | "endsAt">, now: number): WindowState {
  if (task.startsAt !== null && now < task.startsAt) return "upcoming";
  if (task.endsAt !== null && now >= task.endsAt) return "ended";
  return "open";
}

/** The wallet ref of a task's reward in a period (the wallet is the member's own, so the member is implied). */
export const rewardRef = (taskId: string, period: string) => `task:${taskId}:${period}`;

/** 新手任务 are the one-off tasks; everything that repeats is a 日常任务. */
export const groupOf = (task: Pick<TaskDef, "repeat">): "newbie" | "daily" =>
  task.repeat === "once" ? "newbie" : "daily";
