import { formatSignedPoints } from "../../format";
import { t } from "../../i18n";
import { Field, invalid } from "../field";
import type { AdjustPanelView } from "./types";
import { PostForm } from "../../components/post-form";

/**
 * 手动调整积分: signed points and a required reason. A real form (works without JS) that htmx posts,
 * replacing this panel with the answer (htmx 4 swaps 422/409 too, so refusals show here). The hidden ref is
 * generated when the form is rendered: a double submit is one adjustment.
 */
export function AdjustPanel({ p }: { p: AdjustPanelView }) {
  const action = `/admin/members/${encodeURIComponent(p.uid)}/adjust`;
  return (
    <section class="panel" id="adjust-panel" aria-labelledby="adjust-title">
      <h2 id="adjust-title" class="panel__title">
        {t("admin.members.adjust.title")}
      </h2>
      {p.done && (
        <div class="toast" role="status" data-adjusted={p.done.points}>
          <p class="toast__title">{t("admin.members.adjust.done", { points: formatSignedPoints(p.done.points) })}</p>
          <p class="toast__text" data-new-balance={p.done.balance}>
            {t("admin.members.adjust.balance", { before: p.done.before, balance: p.done.balance })}
          </p>
        </div>
      )}
      {p.refusal && (
        <div class="alert" role="alert" data-error-code={p.refusal.code}>
          <p>{p.refusal.message}</p>
        </div>
      )}
      <PostForm
        csrf={p.csrf}
        class="fields"
        method="post"
        action={action}
        hx-post={action}
        hx-target="#adjust-panel"
        hx-swap="outerHTML"
        hx-disable="find button"
      >
        <input type="hidden" name="ref" value={p.ref} />
        <Field id="adjust-points" name="points" label={t("admin.members.adjust.points")} error={p.errors?.points}>
          <input
            class="field__input"
            id="adjust-points"
            name="points"
            type="text"
            inputMode="numeric"
            pattern="[+\-]?[0-9]{1,9}"
            required
            value={p.points ?? ""}
            placeholder={t("admin.members.adjust.pointsHint")}
            {...invalid("adjust-points", p.errors?.points)}
          />
        </Field>
        <Field id="adjust-reason" name="reason" label={t("admin.members.adjust.reason")} error={p.errors?.reason}>
          <input
            class="field__input"
            id="adjust-reason"
            name="reason"
            type="text"
            maxLength={100}
            required
            value={p.reason ?? ""}
            {...invalid("adjust-reason", p.errors?.reason)}
          />
        </Field>
        <button class="btn btn--block" type="submit">
          {t("admin.members.adjust.submit")}
        </button>
      </PostForm>
    </section>
  );
}
