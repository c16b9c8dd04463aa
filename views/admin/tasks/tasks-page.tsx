// 任务 /admin/tasks: the tasks (kind, reward, repeat, on/off, what was paid), and the form for a new one.
import { t } from "../../i18n";
import { AdminLayout } from "../admin-layout";
import type { AdminMeView } from "../types";
import { TaskForm, type TaskFormValues } from "./task-form";

export type AdminTaskRow = {
  id: string;
  title: string;
  kind: TaskFormValues["kind"];
  repeat: TaskFormValues["repeat"];
  points: number;
  enabled: boolean;
  claims: number;
  paidPoints: number;
};

export function AdminTasksPage(props: {
  brandColor: string;
  me: AdminMeView;
  tasks: AdminTaskRow[];
  form: TaskFormValues;
  tiers: { key: string; name: string }[];
  error?: string;
}) {
  const { me } = props;
  return (
    <AdminLayout title={t("admin.tasks.title")} brandColor={props.brandColor} me={me} current="tasks">
      <h1 class="page-title">{t("admin.tasks.title")}</h1>
      {props.tasks.length === 0 ? (
        <p class="panel muted">{t("admin.tasks.empty")}</p>
      ) : (
        <ul class="panel ausers">
          {props.tasks.map((task) => (
            <li class="ausers__row" key={task.id} data-task-id={task.id}>
              <a href={`/admin/tasks/${task.id}`}>{task.title}</a>
              <span class="muted">
                {t(`tasks.kind.${task.kind}`)} · {t(`admin.tasks.repeat.${task.repeat}`)} ·{" "}
                {t("tasks.points", { points: task.points })} ·{" "}
                {task.enabled ? t("admin.tasks.on") : t("admin.tasks.off")} ·{" "}
                {t("admin.tasks.claims", { claims: task.claims, points: task.paidPoints })}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2>{t("admin.tasks.new")}</h2>
      {props.error && (
        <p class="alert" role="alert" data-error-code="VALIDATION_FAILED">
          {props.error}
        </p>
      )}
      <TaskForm
        action="/admin/tasks"
        csrf={me.csrf}
        values={props.form}
        tiers={props.tiers}
        submit={t("admin.tasks.create")}
      />
    </AdminLayout>
  );
}
