import { formatDateTime } from "../../format";
import { PostForm } from "../../components/post-form";
import { t } from "../../i18n";
import { AdminLayout } from "../admin-layout";
import { Field } from "../field";
import type { AdminMeView } from "../types";
import { WebhookFailingNotice } from "./failing-notice";
import { SecretOnce } from "./secret-once";
import type { AdminWebhookView } from "./types";

export type AdminWebhooksPageProps = {
  brandColor: string;
  timeZone: string;
  me: AdminMeView;
  endpoints: AdminWebhookView[];
  eventTypes: readonly string[];
  /** right after adding one: its URL and secret, shown this once */
  created?: { url: string; secret: string };
  /** a refused add: the message and what was typed */
  error?: { message: string; url: string; description: string; events: string[] };
};

/** Webhook 推送 (owners only): the endpoints, a notice for those disabled after failing, and the add form. */
export function AdminWebhooksPage(p: AdminWebhooksPageProps) {
  const { me, timeZone } = p;
  const checked = new Set(p.error?.events ?? []);
  return (
    <AdminLayout title={t("admin.webhooks.title")} brandColor={p.brandColor} me={me} current="webhooks">
      <h1 class="page-title">{t("admin.webhooks.title")}</h1>
      <WebhookFailingNotice endpoints={p.endpoints.filter((e) => e.state === "failing")} />
      {p.created && (
        <SecretOnce title={t("admin.webhooks.secret.created", { url: p.created.url })} secret={p.created.secret} />
      )}
      <p class="hint">{t("admin.webhooks.intro")}</p>
      {p.endpoints.length === 0 ? (
        <p class="panel muted">{t("admin.webhooks.empty")}</p>
      ) : (
        <ul class="panel ausers" aria-label={t("admin.webhooks.listLabel")}>
          {p.endpoints.map((e) => (
            <li class="ausers__row" key={e.id} data-webhook-id={e.id} data-webhook-state={e.state}>
              <span class="ausers__main">
                <span class="ausers__email">
                  <code>{e.url}</code>
                  {e.description && ` · ${e.description}`}
                </span>
                <span class="muted">
                  {t(`admin.webhooks.state.${e.state}`)} · {e.events.join(", ")} ·{" "}
                  {t("admin.webhooks.created", { time: formatDateTime(e.createdAt, timeZone) })}
                </span>
              </span>
              <a class="btn btn--sm btn--ghost" href={`/admin/webhooks/${e.id}`}>
                {t("admin.webhooks.open")}
              </a>
            </li>
          ))}
        </ul>
      )}
      <section class="panel">
        <h2 class="panel__title">{t("admin.webhooks.create.title")}</h2>
        {p.error && (
          <p class="alert" role="alert" data-webhook-error>
            {p.error.message}
          </p>
        )}
        <PostForm csrf={me.csrf} class="fields" method="post" action="/admin/webhooks">
          <Field id="webhook-url" label={t("admin.webhooks.create.url")} hint={t("admin.webhooks.create.urlHint")}>
            <input
              class="field__input"
              id="webhook-url"
              name="url"
              type="url"
              maxLength={2000}
              required
              value={p.error?.url ?? ""}
            />
          </Field>
          <Field id="webhook-description" label={t("admin.webhooks.create.description")}>
            <input
              class="field__input"
              id="webhook-description"
              name="description"
              type="text"
              maxLength={100}
              value={p.error?.description ?? ""}
            />
          </Field>
          <fieldset class="field">
            <legend class="field__label">{t("admin.webhooks.create.events")}</legend>
            {p.eventTypes.map((type) => (
              <label key={type} class="check">
                <input type="checkbox" name="events" value={type} checked={checked.has(type)} /> <code>{type}</code>
              </label>
            ))}
          </fieldset>
          <button class="btn btn--block" type="submit">
            {t("admin.webhooks.create.submit")}
          </button>
        </PostForm>
      </section>
    </AdminLayout>
  );
}
