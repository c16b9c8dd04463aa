import { formatDateTime } from "../../format";
import { PostForm } from "../../components/post-form";
import { t } from "../../i18n";
import { AdminLayout } from "../admin-layout";
import { Field } from "../field";
import type { AdminMeView } from "../types";
import { DeliveryRow } from "./delivery-row";
import { WebhookFailingNotice } from "./failing-notice";
import { SecretOnce } from "./secret-once";
import type { AdminDeliveryView, AdminWebhookView } from "./types";

export type AdminWebhookPageProps = {
  brandColor: string;
  timeZone: string;
  me: AdminMeView;
  endpoint: AdminWebhookView;
  deliveries: AdminDeliveryView[];
  graceHours: readonly number[];
  /** right after a rotation: the new secret, shown this once */
  rotated?: string;
};

/** One endpoint: its state (enable / pause / delete), secret rotation with a grace period, and the delivery log. */
export function AdminWebhookPage(p: AdminWebhookPageProps) {
  const { endpoint: e, me, timeZone } = p;
  const action = (path: string, label: string, ghost = true) => (
    <PostForm csrf={me.csrf} method="post" action={`/admin/webhooks/${e.id}/${path}`}>
      <button class={ghost ? "btn btn--sm btn--ghost" : "btn btn--sm"} type="submit" data-action={path}>
        {label}
      </button>
    </PostForm>
  );
  return (
    <AdminLayout title={t("admin.webhooks.title")} brandColor={p.brandColor} me={me} current="webhooks">
      <h1 class="page-title">{t("admin.webhooks.title")}</h1>
      <WebhookFailingNotice endpoints={e.state === "failing" ? [e] : []} />
      {p.rotated && <SecretOnce title={t("admin.webhooks.secret.rotated")} secret={p.rotated} />}
      <section class="panel" data-webhook-id={e.id} data-webhook-state={e.state}>
        <p>
          {t("admin.webhooks.detail.url")}: <code>{e.url}</code>
        </p>
        {e.description && <p class="muted">{e.description}</p>}
        <p>
          {t("admin.webhooks.detail.events")}: {e.events.join(", ")}
        </p>
        <p>
          {t("admin.webhooks.detail.state")}: {t(`admin.webhooks.state.${e.state}`)}
        </p>
        {e.previousValidUntil !== null && (
          <p class="muted">
            {t("admin.webhooks.detail.grace", { time: formatDateTime(e.previousValidUntil, timeZone) })}
          </p>
        )}
        {e.state === "enabled"
          ? action("pause", t("admin.webhooks.pause"))
          : action("enable", t("admin.webhooks.enable"), false)}
        {action("delete", t("admin.webhooks.delete"))}
      </section>
      <section class="panel">
        <h2 class="panel__title">{t("admin.webhooks.rotate.title")}</h2>
        <p class="hint">{t("admin.webhooks.rotate.hint")}</p>
        <PostForm csrf={me.csrf} class="fields" method="post" action={`/admin/webhooks/${e.id}/rotate`}>
          <Field id="webhook-grace" label={t("admin.webhooks.rotate.grace")}>
            <select class="field__input" id="webhook-grace" name="graceHours">
              {p.graceHours.map((h) => (
                <option key={h} value={String(h)} selected={h === 24}>
                  {h === 0 ? t("admin.webhooks.rotate.none") : t("admin.webhooks.rotate.graceHours", { hours: h })}
                </option>
              ))}
            </select>
          </Field>
          <button class="btn btn--block" type="submit">
            {t("admin.webhooks.rotate.submit")}
          </button>
        </PostForm>
      </section>
      <section class="panel">
        <h2 class="panel__title">{t("admin.webhooks.log.title")}</h2>
        {p.deliveries.length === 0 ? (
          <p class="muted">{t("admin.webhooks.log.empty")}</p>
        ) : (
          <ul class="ausers" aria-label={t("admin.webhooks.log.label")}>
            {p.deliveries.map((d) => (
              <DeliveryRow key={d.eventId} endpointId={e.id} delivery={d} timeZone={timeZone} csrf={me.csrf} />
            ))}
          </ul>
        )}
      </section>
    </AdminLayout>
  );
}
