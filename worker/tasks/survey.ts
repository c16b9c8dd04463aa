// Survey tasks: the member's answers checked against the task's questions (every question answered; a
// choice one of the question's options; text under the mall's text rule), stored once per member and period
// in task_survey_answers, and exported for the console as CSV (formula-guarded cells, ../admin/orders/csv.ts).
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { taskSurveyAnswers } from "../../db/schema";
import { t } from "../../views/i18n";
import { BOM, csvLine } from "../admin/orders/csv";
import { text } from "../text-rule";
import { formatDateTime } from "../../views/format";
import type { TaskDef } from "./rows";

export const MAX_TEXT_ANSWER = 500;

type Form = Record<string, string | File | (string | File)[]>;

/** The answers keyed by question id: a choice's text, the texts of several choices, or the typed text. */
export type Answers = Record<string, string | string[]>;

const textAnswer = text({ max: MAX_TEXT_ANSWER, multiline: true });

export function surveyAnswers(
  task: TaskDef,
  form: Form,
): { ok: true; answers: Answers } | { ok: false; error: string; values: Record<string, string[]> } {
  const values: Record<string, string[]> = {};
  for (const q of task.questions) {
    const raw = form[q.id];
    values[q.id] = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
      (v): v is string => typeof v === "string",
    );
  }
  const answers: Answers = {};
  for (const [i, q] of task.questions.entries()) {
    const n = i + 1;
    const got = values[q.id]!.map((v) => v.trim()).filter((v) => v !== "");
    if (got.length === 0) return { ok: false, error: t("tasks.survey.required", { n }), values };
    if (q.kind === "text") {
      const r = textAnswer.safeParse(got.join("\n"));
      if (!r.success) return { ok: false, error: t("tasks.survey.tooLong", { n, max: MAX_TEXT_ANSWER }), values };
      answers[q.id] = r.data;
      continue;
    }
    const picked = [...new Set(got)];
    if (
      (q.kind === "single" && picked.length !== 1) ||
      picked.some((v) => !/^[0-9]{1,2}$/.test(v) || Number(v) >= q.options.length)
    )
      return { ok: false, error: t("tasks.survey.badChoice", { n }), values };
    const texts = picked
      .map(Number)
      .sort((a, b) => a - b)
      .map((j) => q.options[j]!);
    answers[q.id] = q.kind === "single" ? texts[0]! : texts;
  }
  return { ok: true, answers };
}

/** The first answers of a period stay (a second submit is a no-op). */
export async function saveAnswers(db: Db, taskId: string, uid: string, period: string, answers: Answers, now: number) {
  await db
    .insert(taskSurveyAnswers)
    .values({ taskId, uid, period, answers: JSON.stringify(answers), at: now })
    .onConflictDoNothing();
}

export const MAX_EXPORT_ANSWERS = 20_000;

export async function listAnswers(db: Db, taskId: string, limit = MAX_EXPORT_ANSWERS) {
  return db
    .select()
    .from(taskSurveyAnswers)
    .where(and(eq(taskSurveyAnswers.taskId, taskId)))
    .orderBy(asc(taskSurveyAnswers.at))
    .limit(limit);
}

/** 会员, 周期, 提交时间, then one column per question (several choices joined with ；). */
export async function answersCsv(db: Db, task: TaskDef, timeZone: string): Promise<string> {
  const rows = await listAnswers(db, task.id);
  let out =
    BOM +
    csvLine([
      t("admin.tasks.csv.uid"),
      t("admin.tasks.csv.period"),
      t("admin.tasks.csv.at"),
      ...task.questions.map((q) => q.text),
    ]);
  for (const r of rows) {
    const a = JSON.parse(r.answers) as Answers;
    out += csvLine([
      r.uid,
      r.period,
      formatDateTime(r.at, timeZone),
      ...task.questions.map((q) => {
        const v = a[q.id];
        return Array.isArray(v) ? v.join("；") : (v ?? "");
      }),
    ]);
  }
  return out;
}
