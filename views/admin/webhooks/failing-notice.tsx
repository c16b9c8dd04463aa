import { t } from "../../i18n";

export type WebhookFailingNoticeProps = { endpoints: { id: string; url: string }[] };

/** The owner's notice that endpoints were disabled after a day of failed deliveries (dashboard, webhooks page). */
export function WebhookFailingNotice({ endpoints }: WebhookFailingNoticeProps) {
  if (endpoints.length === 0) return null;
  return (
    <div class="alert" role="alert" data-webhook-failing-notice>
      {endpoints.map((e) => (
        <p key={e.id}>
          {t("admin.webhooks.failingNotice", { url: e.url })}{" "}
          <a href={`/admin/webhooks/${e.id}`}>{t("admin.webhooks.failingNoticeLink")}</a>
        </p>
      ))}
    </div>
  );
}
