import { formatDateTime } from "../../format";
import { PostForm } from "../../components/post-form";
import { t } from "../../i18n";
import type { AdminDeliveryView } from "./types";

export type DeliveryRowProps = {
  endpointId: string;
  delivery: AdminDeliveryView;
  timeZone: string;
  csrf: string;
  /** right after a redeliver (the htmx fragment) */
  queued?: boolean;
};

/** One delivery in the log: its event, state, every attempt (status, response time) and the redeliver button.
 *  The page and the redeliver fragment render it alike. */
export function DeliveryRow({ endpointId, delivery: d, timeZone, csrf, queued }: DeliveryRowProps) {
  const rowId = `delivery-${d.eventId}`;
  return (
    <li class="ausers__row" id={rowId} data-event-id={d.eventId} data-delivery-state={d.state}>
      <span class="ausers__main">
        <span class="ausers__email">
          <code>{d.type}</code> · {t(`admin.webhooks.log.state.${d.state}`)} · <code>{d.eventId}</code>
        </span>
        {d.log.map((a) => (
          <span class="muted" key={a.attempt + a.at} data-attempt-status={a.status ?? "none"}>
            {t("admin.webhooks.log.attempt", {
              n: a.attempt,
              time: formatDateTime(a.at, timeZone),
              status: a.status === null ? t("admin.webhooks.log.noAnswer", { error: a.error ?? "" }) : String(a.status),
              ms: a.ms,
            })}
            {a.manual && ` · ${t("admin.webhooks.log.manual")}`}
          </span>
        ))}
        {d.state === "pending" && d.nextAttemptAt !== null && (
          <span class="muted">{t("admin.webhooks.log.next", { time: formatDateTime(d.nextAttemptAt, timeZone) })}</span>
        )}
        {queued && (
          <span class="muted" role="status" data-queued>
            {t("admin.webhooks.log.queued")}
          </span>
        )}
        <details>
          <summary class="muted">{t("admin.webhooks.log.payload")}</summary>
          <pre class="hint" data-payload>
            {d.body}
          </pre>
        </details>
      </span>
      <PostForm
        csrf={csrf}
        method="post"
        action={`/admin/webhooks/${endpointId}/deliveries/${d.eventId}/redeliver`}
        hx-post={`/admin/webhooks/${endpointId}/deliveries/${d.eventId}/redeliver`}
        hx-target={`#${rowId}`}
        hx-swap="outerHTML"
      >
        <button class="btn btn--sm btn--ghost" type="submit">
          {t("admin.webhooks.log.redeliver")}
        </button>
      </PostForm>
    </li>
  );
}
