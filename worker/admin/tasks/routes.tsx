// 任务 /admin/tasks: list and create tasks; one task's edit form, its on/off switch, and (a survey) its answers
// with a CSV download. Every change writes its audit row in the same batch (worker/tasks/rows.ts).
import type { Context } from "hono";
import { Hono } from "hono";
import { AdminTaskPage } from "../../../views/admin/tasks/task-page";
import { AdminTasksPage } from "../../../views/admin/tasks/tasks-page";
import type { TaskFormValues } from "../../../views/admin/tasks/task-form";
import { t } from "../../../views/i18n";
import type { AppEnv } from "../../app-env";
import { AppError } from "../../errors";
import { CSRF_FIELD } from "../../identity/csrf";
import { pageResponse } from "../../render";
import { loadSettings } from "../../settings/load-settings";
import { taskTotals } from "../../tasks/progress";
import { createTask, listTasks, readTask, setTaskEnabled, type TaskDef, updateTask } from "../../tasks/rows";
import { type Answers, answersCsv, listAnswers } from "../../tasks/survey";
import { meView, requireCsrf } from "../context";
import { formOf, parseTaskForm, valuesOf } from "./task-form";

type Ctx = Context<AppEnv>;

async function taskOr404(c: Ctx): Promise<TaskDef> {
  const task = await readTask(c.var.db, c.req.param("id") ?? "");
  if (!task) throw new AppError("TASK_NOT_FOUND");
  return task;
}

async function listPage(c: Ctx, o: { form?: TaskFormValues; error?: string } = {}) {
  const [settings, tasks, totals, me] = await Promise.all([
    loadSettings(c.var.db),
    listTasks(c.var.db),
    taskTotals(c.var.db),
    meView(c),
  ]);
  return pageResponse(
    <AdminTasksPage
      brandColor={settings.mall.brandColor}
      me={me}
      tasks={tasks.map((task) => ({
        id: task.id,
        title: task.title,
        kind: task.kind,
        repeat: task.repeat,
        points: task.points,
        enabled: task.enabled,
        claims: totals.get(task.id)?.claims ?? 0,
        paidPoints: totals.get(task.id)?.points ?? 0,
      }))}
      form={o.form ?? formOf(null, settings.timeZone)}
      tiers={settings.rules.tiers.map((x) => ({ key: x.key, name: x.name }))}
      error={o.error}
    />,
    settings.mall.brandColor,
    o.error ? 422 : 200,
  );
}

async function detailPage(c: Ctx, task: TaskDef, o: { form?: TaskFormValues; error?: string; saved?: boolean } = {}) {
  const [settings, me] = await Promise.all([loadSettings(c.var.db), meView(c)]);
  const answers = task.kind === "survey" ? await listAnswers(c.var.db, task.id, 200) : [];
  const survey =
    task.kind === "survey"
      ? {
          questions: task.questions.map((q) => q.text),
          answers: answers.map((r) => {
            const a = JSON.parse(r.answers) as Answers;
            return {
              uid: r.uid,
              period: r.period,
              at: r.at,
              answers: task.questions.map((q) => {
                const v = a[q.id];
                return Array.isArray(v) ? v.join("；") : (v ?? "");
              }),
            };
          }),
        }
      : null;
  return pageResponse(
    <AdminTaskPage
      brandColor={settings.mall.brandColor}
      timeZone={settings.timeZone}
      me={me}
      id={task.id}
      title={task.title}
      enabled={task.enabled}
      form={o.form ?? formOf(task, settings.timeZone)}
      tiers={settings.rules.tiers.map((x) => ({ key: x.key, name: x.name }))}
      survey={survey}
      saved={o.saved}
      error={o.error}
    />,
    settings.mall.brandColor,
    o.error ? 422 : 200,
  );
}

export const adminTasksRoutes = new Hono<AppEnv>()
  .get("/", (c) => listPage(c))

  .post("/", async (c) => {
    const form = await c.req.parseBody({ all: true });
    await requireCsrf(c, form[CSRF_FIELD]);
    const settings = await loadSettings(c.var.db);
    const parsed = parseTaskForm(form, settings.timeZone);
    if (!parsed.ok)
      return listPage(c, {
        form: valuesOf(form, `console:${crypto.randomUUID()}`),
        error: t("admin.tasks.invalid", { detail: parsed.detail }),
      });
    // The form's ref (rendered with it) makes a double submit one task and one audit row.
    const r = await createTask(c.var.db, parsed.ref, parsed.input, Date.now(), c.var.admin.email);
    return c.redirect(`/admin/tasks/${r.task.id}`, 303);
  })

  .get("/:id", async (c) => detailPage(c, await taskOr404(c), { saved: c.req.query("saved") === "1" }))

  .post("/:id", async (c) => {
    const task = await taskOr404(c);
    const form = await c.req.parseBody({ all: true });
    await requireCsrf(c, form[CSRF_FIELD]);
    const settings = await loadSettings(c.var.db);
    const parsed = parseTaskForm({ ...form, ref: "console-edit" }, settings.timeZone);
    if (!parsed.ok)
      return detailPage(c, task, {
        form: valuesOf(form, "console-edit"),
        error: t("admin.tasks.invalid", { detail: parsed.detail }),
      });
    await updateTask(c.var.db, task, parsed.input, Date.now(), c.var.admin.email);
    return c.redirect(`/admin/tasks/${task.id}?saved=1`, 303);
  })

  .post("/:id/enabled", async (c) => {
    const task = await taskOr404(c);
    const form = await c.req.parseBody();
    await requireCsrf(c, form[CSRF_FIELD]);
    const v = form.enabled;
    if (v !== "0" && v !== "1") throw new AppError("VALIDATION_FAILED", t("admin.tasks.enabled"));
    const enabled = v === "1";
    if (enabled !== task.enabled) await setTaskEnabled(c.var.db, task, enabled, Date.now(), c.var.admin.email);
    return c.redirect(`/admin/tasks/${task.id}?saved=1`, 303);
  })

  .get("/:id/answers.csv", async (c) => {
    const task = await taskOr404(c);
    if (task.kind !== "survey") throw new AppError("TASK_NOT_FOUND");
    const settings = await loadSettings(c.var.db);
    return new Response(await answersCsv(c.var.db, task, settings.timeZone), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="survey-${task.id}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  });
