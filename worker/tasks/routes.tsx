// 任务中心, the member's side: GET /tasks (the list), GET /tasks/{id} (a share task's link, a survey),
// POST /tasks/{id}/claim (one htmx tap: the card — or the browse strip — and the balance badge out of band;
// without JS the result page), GET /tasks/{id}/strip (the browse strip again once its countdown ends), and
// POST /tasks/{id}/survey (answers stored, the task completed and its reward paid).
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { BalanceBadge } from "../../views/components/balance-badge";
import { MemberBar } from "../../views/components/member-bar";
import { t } from "../../views/i18n";
import { TaskCard, type TaskCardView } from "../../views/tasks/task-card";
import { TaskDetailPage, type TaskDetailView } from "../../views/tasks/task-page";
import { TaskStrip } from "../../views/tasks/task-strip";
import { TasksPage } from "../../views/tasks/tasks-page";
import type { AppEnv } from "../app-env";
import { AppError, ERROR_CODES } from "../errors";
import { loadMemberBar } from "../member/member-bar";
import { fragmentResponse, pageResponse } from "../render";
import { isHtmx } from "../request-kind";
import { loadSettings, walletRules } from "../settings/load-settings";
import { requireMember } from "../shop/require-member";
import { enabledTasks, readTask, type TaskDef } from "./rows";
import { type ClaimOutcome, claimTask, tierAllowed } from "./claim";
import { cardOf, groupsOf, listed } from "./page-data";
import { loadProgress, statusOf } from "./progress";
import { browseStart, shareToken } from "./tokens";
import { saveAnswers, surveyAnswers } from "./survey";

type Ctx = Context<AppEnv>;

async function memberContext(c: Ctx, now: number) {
  const settings = await loadSettings(c.var.db);
  const { bar, summary } = await loadMemberBar(c.env, c.var.member, walletRules(settings), now);
  if (bar.kind !== "member" || !summary) throw new AppError("LOGIN_REQUIRED");
  return { settings, bar, summary, csrf: bar.csrf };
}

/** The task as this member may see it (enabled, started, for their tier), else 404. */
async function visibleTask(c: Ctx, tierKey: string, now: number): Promise<TaskDef> {
  const task = await readTask(c.var.db, c.req.param("id") ?? "");
  if (!task || !listed(task, tierKey, now)) throw new AppError("TASK_NOT_FOUND");
  return task;
}

const messageOf = (o: ClaimOutcome) =>
  o.ok
    ? { ok: true, text: t("tasks.claimed", { points: o.points }) }
    : { ok: false, text: o.message ?? t(ERROR_CODES[o.code].message) };

const statusCode = (o: ClaimOutcome) => (o.ok ? 200 : ERROR_CODES[o.code].status);

const ClaimForm = z.object({
  proof: z.string().max(100).optional(),
  from: z.enum(["card", "strip"]).optional(),
});

async function detailPage(
  c: Ctx,
  task: TaskDef,
  now: number,
  o: { values?: Record<string, string[]>; error?: string; card?: TaskCardView; status?: number } = {},
) {
  const { settings, bar, csrf } = await memberContext(c, now);
  const db = c.var.db;
  const uid = c.var.member.uid;
  const progress = await loadProgress(db, uid, [task.id]);
  const card = o.card ?? cardOf(task, progress, settings, now);
  let view: TaskDetailView = { mode: "card" };
  if (task.kind === "share") {
    const token = await shareToken(c.env.SESSION_SECRET, task.id, uid);
    const link = new URL(`${task.target}?share=${token}`, c.req.url).toString();
    view = { mode: "share", link, page: task.target, done: card.done, goal: card.goal };
  } else if (task.kind === "survey") {
    view = {
      mode: "survey",
      questions: task.questions,
      answered: card.state !== "todo",
      values: o.values ?? {},
      error: o.error ?? null,
    };
  }
  return pageResponse(
    <TaskDetailPage mall={settings.mall} task={card} view={view} csrf={csrf} headerExtra={<MemberBar bar={bar} />} />,
    settings.mall.brandColor,
    o.status ?? 200,
  );
}

export const taskRoutes = new Hono<AppEnv>()
  .get("/tasks", requireMember, async (c) => {
    const now = Date.now();
    const { settings, bar, summary, csrf } = await memberContext(c, now);
    const [tasks, progress] = await Promise.all([enabledTasks(c.var.db), loadProgress(c.var.db, c.var.member.uid)]);
    const groups = groupsOf(tasks, progress, settings, summary.tier.key, now);
    return pageResponse(
      <TasksPage mall={settings.mall} groups={groups} csrf={csrf} headerExtra={<MemberBar bar={bar} />} />,
      settings.mall.brandColor,
    );
  })

  .get("/tasks/:id", requireMember, async (c) => {
    const now = Date.now();
    const { summary } = await memberContext(c, now);
    return detailPage(c, await visibleTask(c, summary.tier.key, now), now);
  })

  .get("/tasks/:id/strip", requireMember, async (c) => {
    const now = Date.now();
    const { settings, summary, csrf } = await memberContext(c, now);
    const task = await visibleTask(c, summary.tier.key, now);
    const proof = c.req.query("proof") ?? "";
    const start =
      task.kind === "browse" ? await browseStart(c.env.SESSION_SECRET, task.id, c.var.member.uid, proof) : null;
    if (start === null || start > now) throw new AppError("BAD_REQUEST");
    const status = statusOf(task, await loadProgress(c.var.db, c.var.member.uid, [task.id]), now, settings.timeZone);
    const readyAt = start + task.seconds * 1000;
    const state =
      status.state === "done" || status.state === "expired" ? "done" : readyAt <= now ? "ready" : "counting";
    return fragmentResponse(
      <TaskStrip
        strip={{
          id: task.id,
          title: task.title,
          points: task.points,
          seconds: task.seconds,
          state,
          readyAt,
          now,
          proof,
          csrf,
        }}
      />,
    );
  })

  .post("/tasks/:id/claim", requireMember, async (c) => {
    const now = Date.now();
    const form = ClaimForm.safeParse(await c.req.parseBody());
    if (!form.success) throw new AppError("BAD_REQUEST");
    const db = c.var.db;
    const uid = c.var.member.uid;
    const task = await readTask(db, c.req.param("id"));
    if (!task) throw new AppError("TASK_NOT_FOUND");
    const settings = await loadSettings(db);
    const start =
      task.kind === "browse" ? await browseStart(c.env.SESSION_SECRET, task.id, uid, form.data.proof) : null;
    const outcome = await claimTask(c.env, db, { uid, task, now, settings, browseStart: start });
    const { summary, csrf } = await memberContext(c, now);
    const progress = await loadProgress(db, uid, [task.id]);
    const message = messageOf(outcome);
    const card = cardOf(task, progress, settings, now, message);
    const status = statusCode(outcome);
    if (isHtmx(c.req.raw)) {
      const badge = <BalanceBadge balance={summary.balance} oob />;
      if (form.data.from === "strip" && task.kind === "browse") {
        const readyAt = (start ?? now) + task.seconds * 1000;
        const state = card.state === "done" ? "done" : readyAt <= now ? "ready" : "counting";
        return fragmentResponse(
          <>
            <TaskStrip
              strip={{
                id: task.id,
                title: task.title,
                points: task.points,
                seconds: task.seconds,
                state,
                readyAt,
                now,
                proof: form.data.proof ?? "",
                csrf,
                message,
              }}
            />
            {badge}
          </>,
          status,
        );
      }
      return fragmentResponse(
        <>
          <TaskCard task={card} csrf={csrf} />
          {badge}
        </>,
        status,
      );
    }
    return detailPage(c, task, now, { card, status });
  })

  .post("/tasks/:id/survey", requireMember, async (c) => {
    const now = Date.now();
    const { settings, summary } = await memberContext(c, now);
    const task = await visibleTask(c, summary.tier.key, now);
    if (task.kind !== "survey") throw new AppError("TASK_NOT_FOUND");
    const form = await c.req.parseBody({ all: true });
    const parsed = surveyAnswers(task, form);
    if (!parsed.ok) return detailPage(c, task, now, { values: parsed.values, error: parsed.error, status: 422 });
    const db = c.var.db;
    const uid = c.var.member.uid;
    const status = statusOf(task, await loadProgress(db, uid, [task.id]), now, settings.timeZone);
    if (status.state === "expired" || status.period === null) throw new AppError("TASK_EXPIRED");
    if (!tierAllowed(task, summary.tier.key)) throw new AppError("TASK_NOT_OPEN");
    let outcome: ClaimOutcome = { ok: false, code: "TASK_ALREADY_CLAIMED" };
    if (status.state !== "done") {
      await saveAnswers(db, task.id, uid, status.period, parsed.answers, now);
      outcome = await claimTask(c.env, db, { uid, task, now, settings });
    }
    const progress = await loadProgress(db, uid, [task.id]);
    const card = cardOf(
      task,
      progress,
      settings,
      now,
      outcome.ok
        ? { ok: true, text: `${t("tasks.survey.thanks")}${t("tasks.claimed", { points: outcome.points })}` }
        : messageOf(outcome),
    );
    return detailPage(c, task, now, { card, status: statusCode(outcome) });
  });
