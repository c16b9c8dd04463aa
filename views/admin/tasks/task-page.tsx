// /admin/tasks/{id}: edit a task, switch it on or off, and (a survey) its answers with the CSV download.
import { PostForm } from "../../components/post-form";
import { formatDateTime } from "../../format";
import { t } from "../../i18n";
import { AdminLayout } from "../admin-layout";
import type { AdminMeView } from "../types";
import { TaskForm, type TaskFormValues } from "./task-form";

export type SurveyAnswerRow = { uid: string; period: string; at: number; answers: string[] };

export function AdminTaskPage(props: {
  brandColor: string;
  timeZone: string;
  me: AdminMeView;
  id: string;
  title: string;
  enabled: boolean;
  form: TaskFormValues;
  tiers: { key: string; name: string }[];
  survey: { questions: string[]; answers: SurveyAnswerRow[] } | null;
  saved?: boolean;
  error?: string;
}) {
  const { me, id } = props;
  return (
    <AdminLayout title={props.title} brandColor={props.brandColor} me={me} current="tasks">
      <p>
        <a href="/admin/tasks">{t("admin.tasks.back")}</a>
      </p>
      <h1 class="page-title">{props.title}</h1>
      {props.saved && (
        <p class="toast" role="status">
          {t("admin.tasks.saved")}
        </p>
      )}
      <PostForm csrf={me.csrf} method="post" action={`/admin/tasks/${id}/enabled`} class="panel">
        <input type="hidden" name="enabled" value={props.enabled ? "0" : "1"} />
        <span>{props.enabled ? t("admin.tasks.on") : t("admin.tasks.off")}</span>{" "}
        <button class="btn btn--sm" type="submit" data-toggle-task={id}>
          {props.enabled ? t("admin.tasks.disable") : t("admin.tasks.enable")}
        </button>
      </PostForm>
      <h2>{t("admin.tasks.edit")}</h2>
      {props.error && (
        <p class="alert" role="alert" data-error-code="VALIDATION_FAILED">
          {props.error}
        </p>
      )}
      <TaskForm
        action={`/admin/tasks/${id}`}
        csrf={me.csrf}
        values={props.form}
        tiers={props.tiers}
        submit={t("admin.tasks.save")}
      />
      {props.survey && (
        <section class="panel" aria-labelledby="answers-h">
          <h2 id="answers-h">{t("admin.tasks.answers")}</h2>
          <p>
            <a class="btn btn--sm" href={`/admin/tasks/${id}/answers.csv`} download="">
              {t("admin.tasks.csv")}
            </a>
          </p>
          {props.survey.answers.length === 0 ? (
            <p class="muted">{t("admin.tasks.answersEmpty")}</p>
          ) : (
            <table class="atable">
              <thead>
                <tr>
                  <th>{t("admin.tasks.csv.uid")}</th>
                  <th>{t("admin.tasks.csv.at")}</th>
                  {props.survey.questions.map((q) => (
                    <th key={q}>{q}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {props.survey.answers.map((a) => (
                  <tr key={`${a.uid}|${a.period}`}>
                    <td>{a.uid}</td>
                    <td>{formatDateTime(a.at, props.timeZone)}</td>
                    {a.answers.map((v, i) => (
                      <td key={i}>{v}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </AdminLayout>
  );
}
