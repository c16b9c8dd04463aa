// One task in 任务中心: its reward, progress and state, and what to do next — a link to where the task is done,
// or (claimable) the claim form: a real POST form that htmx posts, answered with this card and the balance
// badge out of band.
import { PostForm } from "../components/post-form";
import { t } from "../i18n";

export type TaskCardView = {
  id: string;
  title: string;
  description: string;
  kind: "profile" | "browse" | "visit" | "share" | "survey" | "event";
  /** the page (browse, visit, share) or the event type (event) */
  target: string;
  points: number;
  repeat: "once" | "daily" | "weekly" | "times";
  times: number;
  paid: number;
  state: "todo" | "claimable" | "done" | "expired";
  done: number;
  goal: number;
  /** the window's end, formatted in the merchant's zone; null = none */
  until: string | null;
  /** tier names the task is for; [] = all */
  tiers: string[];
  /** what the last claim did, shown in the card */
  message?: { ok: boolean; text: string } | null;
};

/** Where a task that is still to do is done. */
export function taskHref(task: Pick<TaskCardView, "id" | "kind" | "target">): string | null {
  switch (task.kind) {
    case "profile":
      return "/me/addresses";
    case "browse":
      return `${task.target}?task=${task.id}`;
    case "visit":
      return task.target;
    case "share":
    case "survey":
      return `/tasks/${task.id}`;
    case "event":
      return null;
  }
}

function Repeat({ task }: { task: TaskCardView }) {
  if (task.repeat === "times") return <>{t("tasks.repeat.times", { times: task.times, paid: task.paid })}</>;
  return <>{t(`tasks.repeat.${task.repeat}`)}</>;
}

function Action({ task, csrf }: { task: TaskCardView; csrf: string }) {
  if (task.state === "done" || task.state === "expired")
    return <span class={`task__state task__state--${task.state}`}>{t(`tasks.state.${task.state}`)}</span>;
  if (task.state === "claimable")
    return (
      <PostForm
        csrf={csrf}
        method="post"
        action={`/tasks/${task.id}/claim`}
        hx-post={`/tasks/${task.id}/claim`}
        hx-target={`#task-${task.id}`}
        hx-swap="outerHTML"
        hx-disable="find button"
      >
        <button class="btn btn--sm" type="submit" data-claim={task.id}>
          {t("tasks.claim")}
        </button>
      </PostForm>
    );
  const href = taskHref(task);
  if (href === null) return <span class="task__hint">{t("tasks.go.event")}</span>;
  return (
    <a class="btn btn--sm btn--ghost" href={href} data-go={task.id}>
      {t(`tasks.go.${task.kind}`)}
    </a>
  );
}

export function TaskCard({ task, csrf }: { task: TaskCardView; csrf: string }) {
  return (
    <li id={`task-${task.id}`} class="task" data-task-id={task.id} data-task-state={task.state}>
      <div class="task__body">
        <p class="task__title">
          {task.title} <span class="task__points">{t("tasks.points", { points: task.points })}</span>
        </p>
        {task.description && <p class="task__desc">{task.description}</p>}
        {task.kind === "profile" && task.state === "todo" && <p class="task__desc">{t("tasks.profileHint")}</p>}
        <p class="task__meta">
          <Repeat task={task} />
          {task.goal > 1 && <> · {t("tasks.progress", { done: task.done, goal: task.goal })}</>}
          {task.until && <> · {t("tasks.until", { at: task.until })}</>}
          {task.tiers.length > 0 && <> · {t("tasks.tiers", { tiers: task.tiers.join("、") })}</>}
        </p>
        {task.message && (
          <p
            class={task.message.ok ? "task__msg task__msg--ok" : "task__msg alert"}
            role={task.message.ok ? "status" : "alert"}
          >
            {task.message.text}
          </p>
        )}
      </div>
      <div class="task__action">
        <Action task={task} csrf={csrf} />
      </div>
    </li>
  );
}
