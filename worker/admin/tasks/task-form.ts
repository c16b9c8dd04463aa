// The console's task form → the body the Merchant API validates (TaskBody), so both refuse the same things with
// the same messages. datetime-local values are read in the merchant's time zone; tiers are checkboxes; survey
// questions are lines of the questions textarea: 「单选：题目|选项1|选项2」「多选：…」「问答：题目」.
import { currentLocale, type Locale, t } from "../../../views/i18n";
import type { TaskFormValues } from "../../../views/admin/tasks/task-form";
import { type TaskInput, inputOf, type TaskDef } from "../../tasks/rows";
import { TaskBody } from "../../tasks/schema";
import { fromLocalInput, toLocalInput } from "../items/zoned-time";

type Form = Record<string, string | File | (string | File)[]>;
const str = (f: Form, k: string) => (typeof f[k] === "string" ? (f[k] as string).trim() : "");
const all = (f: Form, k: string) =>
  (Array.isArray(f[k]) ? (f[k] as unknown[]) : f[k] === undefined ? [] : [f[k]]).filter(
    (v): v is string => typeof v === "string",
  );
const int = (v: string) => (v === "" ? undefined : /^-?\d{1,9}$/.test(v) ? Number(v) : Number.NaN);

// Each kind's prefix in every locale's console (the hint admin.tasks.questionsHint names them); any of them is
// read in any language, and the textarea is refilled in the console's own.
const LABELS = {
  "zh-CN": { single: "单选", multi: "多选", text: "问答" },
  "zh-Hant": { single: "單選", multi: "多選", text: "問答" },
  en: { single: "single", multi: "multi", text: "text" },
} as const satisfies Record<Locale, Record<"single" | "multi" | "text", string>>;
const KINDS = new Map<string, "single" | "multi" | "text">(
  Object.values(LABELS).flatMap((l) => Object.entries(l).map(([kind, label]) => [label, kind as "single"])),
);
const PREFIX = new RegExp(`^(${[...KINDS.keys()].join("|")})\\s*[:：]\\s*(.*)$`, "i");

export function parseQuestions(text: string): { ok: true; questions: unknown[] } | { ok: false; detail: string } {
  const questions: unknown[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === "") continue;
    const m = PREFIX.exec(line);
    if (!m)
      return { ok: false, detail: t("admin.tasks.questionLine", { n: i + 1, detail: t("admin.tasks.questionKind") }) };
    const kind = KINDS.get(m[1]!.toLowerCase())!;
    const [q, ...options] = m[2]!.split("|").map((s) => s.trim());
    questions.push(
      kind === "text" ? { kind, text: q ?? "" } : { kind, text: q ?? "", options: options.filter((o) => o !== "") },
    );
  }
  return { ok: true, questions };
}

export const questionsText = (task: Pick<TaskDef, "questions">) =>
  task.questions
    .map((q) =>
      [`${LABELS[currentLocale()][q.kind]}${currentLocale() === "en" ? ": " : "："}${q.text}`, ...q.options].join("|"),
    )
    .join("\n");

export function parseTaskForm(
  f: Form,
  timeZone: string,
): { ok: true; ref: string; input: TaskInput } | { ok: false; detail: string } {
  const at = (k: string) => {
    const v = str(f, k);
    if (v === "") return undefined;
    const ms = fromLocalInput(v, timeZone);
    return ms === null ? "invalid" : new Date(ms).toISOString();
  };
  const kind = str(f, "kind");
  const q =
    kind === "survey"
      ? parseQuestions(typeof f.questions === "string" ? f.questions : "")
      : { ok: true as const, questions: [] };
  if (!q.ok) return q;
  const opt = <T>(k: string, v: T | undefined) => (v === undefined ? {} : { [k]: v });
  const body = {
    ref: str(f, "ref"),
    title: str(f, "title"),
    ...opt("description", str(f, "description") || undefined),
    kind,
    ...opt("target", str(f, "target") || undefined),
    ...opt("seconds", kind === "browse" ? int(str(f, "seconds")) : undefined),
    ...opt("goal", kind === "share" || kind === "event" ? int(str(f, "goal")) : undefined),
    points: int(str(f, "points")),
    repeat: str(f, "repeat"),
    ...opt("times", str(f, "repeat") === "times" ? int(str(f, "times")) : undefined),
    ...opt("startsAt", at("startsAt")),
    ...opt("endsAt", at("endsAt")),
    tiers: all(f, "tiers"),
    ...opt("questions", kind === "survey" ? q.questions : undefined),
    enabled: str(f, "enabled") === "1",
    ...opt("sort", int(str(f, "sort"))),
  };
  const parsed = TaskBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join(".") ?? "";
    return { ok: false, detail: `${path ? `${path}: ` : ""}${issue?.message ?? ""}` };
  }
  return { ok: true, ref: parsed.data.ref, input: inputOf(parsed.data) };
}

export function formOf(task: TaskDef | null, timeZone: string): TaskFormValues {
  if (!task)
    return {
      ref: `console:${crypto.randomUUID()}`,
      title: "",
      description: "",
      kind: "browse",
      target: "/",
      seconds: 15,
      goal: 1,
      points: 10,
      repeat: "daily",
      times: 1,
      startsAt: "",
      endsAt: "",
      tiers: [],
      questions: "",
      enabled: true,
      sort: 0,
    };
  return {
    ref: "console-edit",
    title: task.title,
    description: task.description,
    kind: task.kind,
    target: task.target,
    seconds: task.seconds || 15,
    goal: task.goal,
    points: task.points,
    repeat: task.repeat,
    times: task.times,
    startsAt: task.startsAt === null ? "" : toLocalInput(task.startsAt, timeZone),
    endsAt: task.endsAt === null ? "" : toLocalInput(task.endsAt, timeZone),
    tiers: task.tiers,
    questions: questionsText(task),
    enabled: task.enabled,
    sort: task.sort,
  };
}

/** The form's values as sent, to show them again after a refusal. */
export function valuesOf(f: Form, fallbackRef: string): TaskFormValues {
  const n = (k: string, d: number) => {
    const v = int(str(f, k));
    return v === undefined || Number.isNaN(v) ? d : v;
  };
  const kind = str(f, "kind");
  const repeat = str(f, "repeat");
  return {
    ref: str(f, "ref") || fallbackRef,
    title: str(f, "title"),
    description: str(f, "description"),
    kind: (["profile", "browse", "visit", "share", "survey", "event"].includes(kind)
      ? kind
      : "browse") as TaskFormValues["kind"],
    target: str(f, "target"),
    seconds: n("seconds", 15),
    goal: n("goal", 1),
    points: n("points", 10),
    repeat: (["once", "daily", "weekly", "times"].includes(repeat) ? repeat : "daily") as TaskFormValues["repeat"],
    times: n("times", 1),
    startsAt: str(f, "startsAt"),
    endsAt: str(f, "endsAt"),
    tiers: all(f, "tiers"),
    questions: typeof f.questions === "string" ? f.questions : "",
    enabled: str(f, "enabled") === "1",
    sort: n("sort", 0),
  };
}
