// Task definitions in Turso (db/schema.ts `tasks`): created by the console and the Merchant API (idempotent on
// ref), edited and disabled in the console, each change with its audit row in the same batch.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { tasks } from "../../db/schema";
import { bumpPageVersion, pageVersionBumped } from "../page-cache/page-version";
import { auditEntry } from "../audit/audit-log";
import { forgetVisitTargets } from "./visit-targets";
import type { QuestionKind, TaskBody, TaskKind, TaskRepeat } from "./schema";

export type Question = { id: string; kind: QuestionKind; text: string; options: string[] };

/** A task as the rest of the task centre reads it. Times are epoch ms. */
export type TaskDef = {
  id: string;
  title: string;
  description: string;
  kind: TaskKind;
  target: string;
  seconds: number;
  goal: number;
  points: number;
  repeat: TaskRepeat;
  times: number;
  startsAt: number | null;
  endsAt: number | null;
  tiers: string[];
  questions: Question[];
  enabled: boolean;
  sort: number;
  createdAt: number;
  updatedAt: number;
};

export type TaskInput = Omit<TaskDef, "id" | "createdAt" | "updatedAt">;

export const TASK_ID = /^T[0-9a-f]{12}$/;

type Row = typeof tasks.$inferSelect;

export function taskOf(r: Row): TaskDef {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    kind: r.kind,
    target: r.target,
    seconds: r.seconds,
    goal: r.goal,
    points: r.points,
    repeat: r.repeat,
    times: r.times,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    tiers: JSON.parse(r.tiers) as string[],
    questions: JSON.parse(r.questions) as Question[],
    enabled: r.enabled,
    sort: r.sort,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** The validated body → what is stored (fields that do not apply to the kind are cleared). */
export function inputOf(b: TaskBody): TaskInput {
  const pathKind = b.kind === "browse" || b.kind === "visit" || b.kind === "share";
  return {
    title: b.title,
    description: b.description ?? "",
    kind: b.kind,
    target: pathKind || b.kind === "event" ? (b.target ?? "") : "",
    seconds: b.kind === "browse" ? (b.seconds ?? 0) : 0,
    goal: b.kind === "share" || b.kind === "event" ? (b.goal ?? 1) : 1,
    points: b.points,
    repeat: b.repeat,
    times: b.repeat === "times" ? (b.times ?? 1) : 1,
    startsAt: b.startsAt ? Date.parse(b.startsAt) : null,
    endsAt: b.endsAt ? Date.parse(b.endsAt) : null,
    tiers: [...new Set(b.tiers ?? [])],
    questions:
      b.kind === "survey"
        ? (b.questions ?? []).map((q, i) => ({
            id: `q${i + 1}`,
            kind: q.kind,
            text: q.text,
            options: q.kind === "text" ? [] : (q.options ?? []),
          }))
        : [],
    enabled: b.enabled ?? true,
    sort: b.sort ?? 0,
  };
}

function newId(): string {
  const b = crypto.getRandomValues(new Uint8Array(6));
  return `T${[...b].map((x) => x.toString(16).padStart(2, "0")).join("")}`;
}

const columns = (i: TaskInput) => ({
  title: i.title,
  description: i.description,
  kind: i.kind,
  target: i.target,
  seconds: i.seconds,
  goal: i.goal,
  points: i.points,
  repeat: i.repeat,
  times: i.times,
  startsAt: i.startsAt,
  endsAt: i.endsAt,
  tiers: JSON.stringify(i.tiers),
  questions: JSON.stringify(i.questions),
  enabled: i.enabled,
  sort: i.sort,
});

/** Creates the task once per ref: the same ref again answers the task it made (created false). The audit row
 *  (when an actor is given) is written in the same batch, only by the call that created it. */
export async function createTask(
  db: Db,
  ref: string,
  input: TaskInput,
  now: number,
  actor: string,
): Promise<{ task: TaskDef; created: boolean }> {
  const id = newId();
  const [, found] = await db.batch([
    db
      .insert(tasks)
      .values({ id, ref, ...columns(input), createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: tasks.ref }),
    db.select().from(tasks).where(eq(tasks.ref, ref)).limit(1),
    db.run(
      sql`insert into audit_log (actor, action, target, before, after, at) select ${actor}, 'task.create', 'task:' || id, null, ${JSON.stringify(input)}, ${now} from tasks where id = ${id}`,
    ),
    bumpPageVersion(db, now), // the home page lists the tasks
  ]);
  pageVersionBumped();
  forgetVisitTargets();
  const row = found[0]!;
  return { task: taskOf(row), created: row.id === id };
}

export async function updateTask(db: Db, before: TaskDef, input: TaskInput, now: number, actor: string): Promise<void> {
  await db.batch([
    db
      .update(tasks)
      .set({ ...columns(input), updatedAt: now })
      .where(eq(tasks.id, before.id)),
    auditEntry(db, { actor, action: "task.update", target: `task:${before.id}`, before, after: input, at: now }),
    bumpPageVersion(db, now),
  ]);
  pageVersionBumped();
  forgetVisitTargets();
}

export async function setTaskEnabled(
  db: Db,
  task: TaskDef,
  enabled: boolean,
  now: number,
  actor: string,
): Promise<void> {
  await db.batch([
    db.update(tasks).set({ enabled, updatedAt: now }).where(eq(tasks.id, task.id)),
    auditEntry(db, {
      actor,
      action: enabled ? "task.enable" : "task.disable",
      target: `task:${task.id}`,
      before: { enabled: task.enabled },
      after: { enabled },
      at: now,
    }),
    bumpPageVersion(db, now),
  ]);
  pageVersionBumped();
  forgetVisitTargets();
}

export async function readTask(db: Db, id: string): Promise<TaskDef | null> {
  if (!TASK_ID.test(id)) return null;
  const [row] = await db.select().from(tasks).where(eq(tasks.id, id)).limit(1);
  return row ? taskOf(row) : null;
}

/** Every task (the console, the API), in the members' order. */
export async function listTasks(db: Db): Promise<TaskDef[]> {
  const rows = await db.select().from(tasks).orderBy(asc(tasks.sort), asc(tasks.createdAt)).limit(500);
  return rows.map(taskOf);
}

/** Enabled tasks of one kind and target (a visited path, a shared path, an event type). */
export async function tasksFor(db: Db, kind: TaskKind, target: string): Promise<TaskDef[]> {
  const rows = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.kind, kind), eq(tasks.target, target), eq(tasks.enabled, true)))
    .limit(50);
  return rows.map(taskOf);
}

/** The enabled tasks a member's task centre lists. */
export async function enabledTasks(db: Db): Promise<TaskDef[]> {
  const rows = await db
    .select()
    .from(tasks)
    .where(eq(tasks.enabled, true))
    .orderBy(asc(tasks.sort), asc(tasks.createdAt))
    .limit(200);
  return rows.map(taskOf);
}
