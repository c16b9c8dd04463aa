// The browse task's strip, put at the top of the real page the member browses (worker/tasks/hooks.ts):
// the countdown to the moment the server will accept the claim, then the claim button. The form carries the
// signed start (proof); the server refuses a claim before `seconds` have passed. With JS the countdown
// (mall.js) fires countdown-done and the strip fetches itself again, now with the button; without JS the
// claim form is in <noscript> (an early tap is answered with the seconds still to go).
import { formatCountdown } from "../format";
import { PostForm } from "../components/post-form";
import { t } from "../i18n";

export type TaskStripView = {
  id: string;
  title: string;
  points: number;
  seconds: number;
  state: "counting" | "ready" | "done";
  /** epoch ms the claim opens, and the server's now (the countdown runs on server time) */
  readyAt: number;
  now: number;
  /** the signed browse start (worker/tasks/tokens.ts) */
  proof: string;
  csrf: string;
  message?: { ok: boolean; text: string } | null;
};

export const TASK_STRIP_ID = "task-strip";

function ClaimForm({ strip }: { strip: TaskStripView }) {
  return (
    <PostForm
      csrf={strip.csrf}
      method="post"
      action={`/tasks/${strip.id}/claim`}
      hx-post={`/tasks/${strip.id}/claim`}
      hx-target={`#${TASK_STRIP_ID}`}
      hx-swap="outerHTML"
      hx-disable="find button"
      class="taskstrip__form"
    >
      <input type="hidden" name="proof" value={strip.proof} />
      <input type="hidden" name="from" value="strip" />
      <button class="btn btn--sm" type="submit" data-claim={strip.id}>
        {t("tasks.claim")}
      </button>
    </PostForm>
  );
}

export function TaskStrip({ strip }: { strip: TaskStripView }) {
  const refetch =
    strip.state === "counting"
      ? {
          "hx-get": `/tasks/${strip.id}/strip?proof=${encodeURIComponent(strip.proof)}`,
          "hx-trigger": "countdown-done",
          "hx-swap": "outerHTML",
        }
      : {};
  return (
    <aside
      id={TASK_STRIP_ID}
      class="taskstrip"
      aria-label={t("tasks.strip.label")}
      data-task-strip={strip.id}
      data-strip-state={strip.state}
      {...refetch}
    >
      <p class="taskstrip__title">{strip.title}</p>
      {strip.state === "counting" && (
        <>
          <p class="taskstrip__text" data-countdown-to={strip.readyAt} data-countdown-now={strip.now}>
            {t("tasks.strip.counting", { seconds: strip.seconds, points: strip.points })}{" "}
            <span class="taskstrip__clock" data-clock="" data-done-text={t("tasks.strip.doneText")}>
              {formatCountdown(strip.readyAt - strip.now)}
            </span>
          </p>
          <noscript>
            <ClaimForm strip={strip} />
          </noscript>
        </>
      )}
      {strip.state === "ready" && (
        <>
          <p class="taskstrip__text">{t("tasks.strip.ready", { points: strip.points })}</p>
          <ClaimForm strip={strip} />
        </>
      )}
      {strip.state === "done" && <p class="taskstrip__text">{t("tasks.strip.done")}</p>}
      {strip.message && (
        <p
          class={strip.message.ok ? "task__msg task__msg--ok" : "task__msg alert"}
          role={strip.message.ok ? "status" : "alert"}
        >
          {strip.message.text}
        </p>
      )}
      <a class="taskstrip__back" href="/tasks">
        {t("tasks.back")}
      </a>
    </aside>
  );
}
