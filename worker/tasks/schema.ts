// A task definition as the merchant's server (POST /api/v1/tasks) and the console (任务 section, through
// ../admin/tasks/task-form.ts) send it: one zod schema, so both refuse the same things with the same messages.
import { z } from "zod";
import { lazy } from "../../views/i18n";
import { apiText, IsoInstant, Ref } from "../api/schemas/common";

export const TASK_KINDS = ["profile", "browse", "visit", "share", "survey", "event"] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export const TASK_REPEATS = ["once", "daily", "weekly", "times"] as const;
export type TaskRepeat = (typeof TASK_REPEATS)[number];
export const QUESTION_KINDS = ["single", "multi", "text"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** A same-origin shopper path: /, /items/12, /flash, /lottery/L… (no query, no fragment, not the console,
 *  the API or the task centre itself). */
export const TASK_PATH = /^\/(?!admin(\/|$)|api(\/|$)|tasks(\/|$)|media(\/|$))[A-Za-z0-9/_.-]{0,200}$/;
export const EVENT_TYPE = /^[a-z][a-z0-9_.-]{0,39}$/;

const count = (min: number, max: number) =>
  z
    .int({ error: lazy("tasks.api.int", { min, max }) })
    .min(min, { error: lazy("tasks.api.int", { min, max }) })
    .max(max, { error: lazy("tasks.api.int", { min, max }) });

export const QuestionBody = z
  .strictObject({
    kind: z.enum(QUESTION_KINDS).describe("single: one choice; multi: one or more choices; text: free text."),
    text: apiText(100).describe("The question (1–100 characters)."),
    options: z
      .array(apiText(40))
      .max(10, { error: lazy("tasks.api.options") })
      .optional()
      .describe("single and multi: 2–10 choices (1–40 characters each)."),
  })
  .refine((q) => q.kind === "text" || (q.options !== undefined && q.options.length >= 2), {
    error: lazy("tasks.api.options"),
    path: ["options"],
  })
  .meta({ title: "TaskQuestion" });
export type QuestionBody = z.infer<typeof QuestionBody>;

export const TaskBody = z
  .strictObject({
    ref: Ref,
    title: apiText(40).describe("What the member sees (1–40 characters)."),
    description: apiText(200, { min: 0 }).optional().describe("A line under the title (0–200 characters)."),
    kind: z
      .enum(TASK_KINDS)
      .describe(
        "profile: nickname and a delivery address set; browse: stay on `target` for `seconds`; visit: open `target`; share: `goal` other people open the member's share link to `target`; survey: answer `questions`; event: the merchant reports `goal` events of type `target` (POST /members/{uid}/events).",
      ),
    target: z
      .string()
      .max(200)
      .optional()
      .describe("browse, visit, share: a mall path such as /items/12; event: the event type such as review."),
    seconds: count(1, 600).optional().describe("browse: the seconds the member stays (1–600)."),
    goal: count(1, 100).optional().describe("share: distinct openers needed; event: events needed (default 1)."),
    points: count(1, 100_000).describe("The reward (1–100,000 points, credited through the wallet, source task)."),
    repeat: z
      .enum(TASK_REPEATS)
      .describe("once: 新手任务; daily / weekly (merchant-local, weeks from Monday) and times: 日常任务."),
    times: count(1, 1000).optional().describe("repeat times: how many times a member may complete it."),
    startsAt: IsoInstant.optional().describe("Open from (ISO 8601); omitted = at once."),
    endsAt: IsoInstant.optional().describe("Open until (ISO 8601); omitted = never."),
    tiers: z
      .array(z.string().regex(/^[a-z0-9_-]{1,20}$/, { error: lazy("tasks.api.tier") }))
      .max(20)
      .optional()
      .describe("Tier keys allowed; omitted or empty = every tier."),
    questions: z
      .array(QuestionBody)
      .max(20, { error: lazy("tasks.api.questions") })
      .optional()
      .describe("survey: 1–20 questions."),
    enabled: z.boolean().optional().describe("Shown to members (default true)."),
    sort: count(0, 10_000).optional().describe("Order in its group, smaller first (default 0)."),
  })
  .refine((b) => !["browse", "visit", "share"].includes(b.kind) || TASK_PATH.test(b.target ?? ""), {
    error: lazy("tasks.api.path"),
    path: ["target"],
  })
  .refine((b) => b.kind !== "event" || EVENT_TYPE.test(b.target ?? ""), {
    error: lazy("tasks.api.eventType"),
    path: ["target"],
  })
  .refine((b) => b.kind !== "browse" || b.seconds !== undefined, {
    error: lazy("tasks.api.seconds"),
    path: ["seconds"],
  })
  .refine((b) => b.kind !== "survey" || (b.questions?.length ?? 0) >= 1, {
    error: lazy("tasks.api.questions"),
    path: ["questions"],
  })
  .refine((b) => b.repeat !== "times" || b.times !== undefined, { error: lazy("tasks.api.times"), path: ["times"] })
  .refine((b) => !b.startsAt || !b.endsAt || Date.parse(b.endsAt) > Date.parse(b.startsAt), {
    error: lazy("tasks.api.window"),
    path: ["endsAt"],
  })
  .meta({
    title: "TaskBody",
    description:
      "Creates a task (or, with PUT-like semantics on the same ref, answers the task it created). Idempotent on ref.",
  });
export type TaskBody = z.infer<typeof TaskBody>;

export const TaskIdParams = z.object({ id: z.string().regex(/^T[0-9a-f]{12}$/, { error: lazy("tasks.api.id") }) });

/** A merchant-reported event (POST /api/v1/members/{uid}/events). */
export const EventBody = z
  .strictObject({
    ref: Ref,
    type: z
      .string()
      .regex(EVENT_TYPE, { error: lazy("tasks.api.eventType") })
      .describe("The event type, e.g. review, follow."),
    note: apiText(200, { min: 0 }).optional().describe("Free text kept with nothing; for the merchant's logs."),
  })
  .meta({
    title: "EventBody",
    description:
      "Completes the member's enabled event tasks of this type (one progress mark per ref) and credits each completed task at once (source task).",
  });
export type EventBody = z.infer<typeof EventBody>;

// ── responses (the OpenAPI document uses these) ──
export const TaskView = z
  .object({
    id: z.string().describe("T + 12 hex digits."),
    title: z.string(),
    description: z.string(),
    kind: z.enum(TASK_KINDS),
    target: z.string(),
    seconds: z.int(),
    goal: z.int(),
    points: z.int(),
    repeat: z.enum(TASK_REPEATS),
    times: z.int(),
    startsAt: z.string().nullable(),
    endsAt: z.string().nullable(),
    tiers: z.array(z.string()),
    questions: z.array(
      z.object({ id: z.string(), kind: z.enum(QUESTION_KINDS), text: z.string(), options: z.array(z.string()) }),
    ),
    enabled: z.boolean(),
    sort: z.int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ title: "Task" });
export type TaskView = z.infer<typeof TaskView>;

export const EventResult = z
  .object({
    balance: z.int().describe("The member's balance after the credits."),
    tasks: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        state: z
          .enum(["todo", "claimable", "done", "expired", "skipped"])
          .describe(
            "done: credited now or earlier; claimable: complete but the wallet refused (see code); skipped: not open or not for the member's tier.",
          ),
        done: z.int(),
        goal: z.int(),
        credited: z.int().describe("Points credited by this report."),
        code: z.string().nullable().describe("The refusal's code (e.g. DAILY_CAP_REACHED) or null."),
      }),
    ),
  })
  .meta({ title: "EventResult" });
