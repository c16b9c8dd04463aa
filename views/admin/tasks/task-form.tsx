// The console's task form (create and edit).
import { PostForm } from "../../components/post-form";
import { t } from "../../i18n";
import { Field } from "../field";

export type TaskFormValues = {
  ref: string;
  title: string;
  description: string;
  kind: "profile" | "browse" | "visit" | "share" | "survey" | "event";
  target: string;
  seconds: number;
  goal: number;
  points: number;
  repeat: "once" | "daily" | "weekly" | "times";
  times: number;
  /** datetime-local values in the merchant's zone, "" for none */
  startsAt: string;
  endsAt: string;
  tiers: string[];
  /** one question per line (see worker/admin/tasks/task-form.ts) */
  questions: string;
  enabled: boolean;
  sort: number;
};

const KINDS = ["profile", "browse", "visit", "share", "survey", "event"] as const;
const REPEATS = ["once", "daily", "weekly", "times"] as const;

export function TaskForm({
  action,
  csrf,
  values,
  tiers,
  submit,
}: {
  action: string;
  csrf: string;
  values: TaskFormValues;
  tiers: { key: string; name: string }[];
  submit: string;
}) {
  return (
    <PostForm csrf={csrf} class="panel" method="post" action={action} data-task-form="">
      <input type="hidden" name="ref" value={values.ref} />
      <Field id="tf-title" label={t("admin.tasks.titleField")}>
        <input id="tf-title" name="title" value={values.title} required maxLength={40} />
      </Field>
      <Field id="tf-desc" label={t("admin.tasks.description")}>
        <input id="tf-desc" name="description" value={values.description} maxLength={200} />
      </Field>
      <Field id="tf-kind" label={t("admin.tasks.kind")}>
        <select id="tf-kind" name="kind">
          {KINDS.map((k) => (
            <option key={k} value={k} selected={values.kind === k}>
              {t(`tasks.kind.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="tf-target" label={t("admin.tasks.target")} hint={t("admin.tasks.targetHint")}>
        <input id="tf-target" name="target" value={values.target} maxLength={200} />
      </Field>
      <Field id="tf-seconds" label={t("admin.tasks.seconds")}>
        <input id="tf-seconds" name="seconds" type="number" min={1} max={600} value={values.seconds} />
      </Field>
      <Field id="tf-goal" label={t("admin.tasks.goal")}>
        <input id="tf-goal" name="goal" type="number" min={1} max={100} value={values.goal} />
      </Field>
      <Field id="tf-points" label={t("admin.tasks.points")}>
        <input id="tf-points" name="points" type="number" min={1} max={100000} value={values.points} required />
      </Field>
      <Field id="tf-repeat" label={t("admin.tasks.repeat")}>
        <select id="tf-repeat" name="repeat">
          {REPEATS.map((r) => (
            <option key={r} value={r} selected={values.repeat === r}>
              {t(`admin.tasks.repeat.${r}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="tf-times" label={t("admin.tasks.times")}>
        <input id="tf-times" name="times" type="number" min={1} max={1000} value={values.times} />
      </Field>
      <Field id="tf-start" label={t("admin.tasks.startsAt")}>
        <input id="tf-start" name="startsAt" type="datetime-local" value={values.startsAt} />
      </Field>
      <Field id="tf-end" label={t("admin.tasks.endsAt")}>
        <input id="tf-end" name="endsAt" type="datetime-local" value={values.endsAt} />
      </Field>
      <fieldset>
        <legend>{t("admin.tasks.tiers")}</legend>
        {tiers.map((tier) => (
          <label key={tier.key} class="check">
            <input type="checkbox" name="tiers" value={tier.key} checked={values.tiers.includes(tier.key)} />{" "}
            {tier.name}
          </label>
        ))}
      </fieldset>
      <Field id="tf-questions" label={t("admin.tasks.questions")} hint={t("admin.tasks.questionsHint")}>
        <textarea id="tf-questions" name="questions" rows={5}>
          {values.questions}
        </textarea>
      </Field>
      <Field id="tf-sort" label={t("admin.tasks.sort")}>
        <input id="tf-sort" name="sort" type="number" min={0} max={10000} value={values.sort} />
      </Field>
      <label class="check">
        <input type="checkbox" name="enabled" value="1" checked={values.enabled} /> {t("admin.tasks.enabled")}
      </label>
      <p>
        <button class="btn" type="submit">
          {submit}
        </button>
      </p>
    </PostForm>
  );
}
