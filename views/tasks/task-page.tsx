// /tasks/{id}: the page where a share task's link is handed out, or a survey task is answered (a plain form;
// the answers are checked on the server), and the no-JS result page of a claim.
import type { ComponentChildren } from "preact";
import { PostForm } from "../components/post-form";
import { t } from "../i18n";
import { Layout, type MallView } from "../layout";
import { TaskCard, type TaskCardView } from "./task-card";

export type SurveyQuestionView = {
  id: string;
  kind: "single" | "multi" | "text";
  text: string;
  options: string[];
};

export type TaskDetailView =
  | { mode: "share"; link: string; page: string; done: number; goal: number }
  | {
      mode: "survey";
      questions: SurveyQuestionView[];
      answered: boolean;
      /** what the member sent, kept after a refused submit */
      values: Record<string, string[]>;
      error?: string | null;
    }
  | { mode: "card" };

function Survey({ id, view, csrf }: { id: string; view: Extract<TaskDetailView, { mode: "survey" }>; csrf: string }) {
  if (view.answered) return <p class="panel muted">{t("tasks.survey.answered")}</p>;
  const has = (q: string, v: string) => view.values[q]?.includes(v) ?? false;
  return (
    <PostForm csrf={csrf} class="panel survey" method="post" action={`/tasks/${id}/survey`} data-survey={id}>
      {view.error && (
        <p class="alert" role="alert" data-error-code="VALIDATION_FAILED">
          {view.error}
        </p>
      )}
      {view.questions.map((q, i) => (
        <fieldset key={q.id} class="survey__q">
          <legend>
            {i + 1}. {q.text}
          </legend>
          {q.kind === "text" ? (
            <textarea name={q.id} rows={3} maxLength={500} aria-label={q.text}>
              {view.values[q.id]?.[0] ?? ""}
            </textarea>
          ) : (
            q.options.map((o, j) => (
              <label key={o} class="survey__opt">
                <input
                  type={q.kind === "single" ? "radio" : "checkbox"}
                  name={q.id}
                  value={String(j)}
                  checked={has(q.id, String(j))}
                />{" "}
                {o}
              </label>
            ))
          )}
        </fieldset>
      ))}
      <button class="btn" type="submit">
        {t("tasks.survey.submit")}
      </button>
    </PostForm>
  );
}

export function TaskDetailPage(props: {
  mall: MallView;
  task: TaskCardView;
  view: TaskDetailView;
  csrf: string;
  headerExtra?: ComponentChildren;
}) {
  const { task, view } = props;
  return (
    <Layout
      mall={props.mall}
      title={t("page.title", { title: task.title, mall: props.mall.name })}
      headerExtra={props.headerExtra}
    >
      <h1 class="page-title">{task.title}</h1>
      <ul class="tasks__list">
        <TaskCard task={task} csrf={props.csrf} />
      </ul>
      {view.mode === "share" && (
        <section class="panel" aria-labelledby="share-h">
          <h2 id="share-h">{t("tasks.share.link")}</h2>
          <p>{t("tasks.share.intro", { goal: view.goal, points: task.points })}</p>
          <input
            class="input share-link"
            readOnly
            value={view.link}
            aria-label={t("tasks.share.link")}
            data-share-link=""
          />
          <p class="muted">
            {t("tasks.share.progress", { done: view.done, left: Math.max(0, view.goal - view.done) })}
          </p>
          <p>
            <a class="btn btn--ghost" href={view.link}>
              {t("tasks.share.open")}
            </a>
          </p>
        </section>
      )}
      {view.mode === "survey" && <Survey id={task.id} view={view} csrf={props.csrf} />}
      <p class="center">
        <a class="btn btn--ghost" href="/tasks">
          {t("tasks.back")}
        </a>
      </p>
    </Layout>
  );
}
