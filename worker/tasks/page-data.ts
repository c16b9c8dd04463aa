// What the task pages show a member: each listed task's card (state from ./progress.ts), grouped.
// Listed: enabled tasks that have started and are for the member's tier; an ended task stays listed as
// 已过期 for a week after its end so the member sees what happened.
import { formatDateTime } from "../../views/format";
import type { TaskCardView } from "../../views/tasks/task-card";
import type { TaskGroupView } from "../../views/tasks/tasks-page";
import type { MallSettings } from "../settings/load-settings";
import { groupOf, windowOf } from "./periods";
import { type MemberProgress, statusOf } from "./progress";
import type { TaskDef } from "./rows";

const KEEP_ENDED_MS = 7 * 86_400_000;

export function cardOf(
  task: TaskDef,
  progress: MemberProgress,
  settings: MallSettings,
  now: number,
  message?: TaskCardView["message"],
): TaskCardView {
  const s = statusOf(task, progress, now, settings.timeZone);
  const tierNames = task.tiers.map((k) => settings.rules.tiers.find((x) => x.key === k)?.name ?? k);
  return {
    id: task.id,
    title: task.title,
    description: task.description,
    kind: task.kind,
    target: task.target,
    points: task.points,
    repeat: task.repeat,
    times: task.times,
    paid: s.paid,
    state: s.state,
    done: s.done,
    goal: s.goal,
    until: task.endsAt === null ? null : formatDateTime(task.endsAt, settings.timeZone),
    tiers: tierNames,
    message: message ?? null,
  };
}

export function listed(task: TaskDef, tierKey: string, now: number): boolean {
  if (!task.enabled || windowOf(task, now) === "upcoming") return false;
  if (task.endsAt !== null && now >= task.endsAt + KEEP_ENDED_MS) return false;
  return task.tiers.length === 0 || task.tiers.includes(tierKey);
}

export function groupsOf(
  tasks: TaskDef[],
  progress: MemberProgress,
  settings: MallSettings,
  tierKey: string,
  now: number,
): TaskGroupView[] {
  const shown = tasks.filter((task) => listed(task, tierKey, now));
  const cards = (g: "newbie" | "daily") =>
    shown.filter((task) => groupOf(task) === g).map((task) => cardOf(task, progress, settings, now));
  return [
    { group: "newbie", tasks: cards("newbie") },
    { group: "daily", tasks: cards("daily") },
  ];
}
