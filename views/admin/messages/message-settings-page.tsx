// 设置 → 消息通知 (/admin/settings/messages, owners): the expiry reminder's N days and the WeChat subscribe-message
// template per kind, and how the WeChat send outbox stands.
import { MESSAGE_KINDS, type MessageKind } from "../../../domain";
import { PostForm } from "../../components/post-form";
import { t } from "../../i18n";
import { AdminLayout } from "../admin-layout";
import { Field, invalid } from "../field";
import type { AdminMeView } from "../types";

export type MessageSettingsValues = { expiryDays: string; templates: Partial<Record<MessageKind, string>> };
export type SendCounts = { pending: number; sent: number; refused: number; failed: number };

export type MessageSettingsPageProps = {
  brandColor: string;
  me: AdminMeView;
  values: MessageSettingsValues;
  errors?: Partial<Record<"expiryDays" | MessageKind, string>>;
  saved?: boolean;
  sends: SendCounts;
};

export function MessageSettingsPage({ brandColor, me, values, errors = {}, saved, sends }: MessageSettingsPageProps) {
  return (
    <AdminLayout title={t("messages.admin.title")} brandColor={brandColor} me={me} current="settings">
      <h1 class="page-title">{t("messages.admin.title")}</h1>
      <p class="hint">{t("messages.admin.intro")}</p>
      {saved && (
        <p class="alert alert--info" role="status" data-saved="messages">
          {t("messages.admin.saved")}
        </p>
      )}
      <PostForm class="fields panel" method="post" action="/admin/settings/messages" csrf={me.csrf}>
        <Field
          id="expiry-days"
          name="expiryDays"
          label={t("messages.admin.expiryDays")}
          hint={t("messages.admin.expiryDaysHint")}
          error={errors.expiryDays}
        >
          <input
            id="expiry-days"
            name="expiryDays"
            type="number"
            min="0"
            max="90"
            required
            value={values.expiryDays}
            {...invalid("expiry-days", errors.expiryDays)}
          />
        </Field>
        <h2 class="panel__title">{t("messages.admin.templates")}</h2>
        <p class="hint">{t("messages.admin.templatesHint")}</p>
        {MESSAGE_KINDS.map((k) => (
          <Field
            key={k}
            id={`template-${k}`}
            name={`template_${k}`}
            label={t(`messages.admin.kind.${k}`)}
            error={errors[k]}
          >
            <input
              id={`template-${k}`}
              name={`template_${k}`}
              type="text"
              maxLength={64}
              value={values.templates[k] ?? ""}
              {...invalid(`template-${k}`, errors[k])}
            />
          </Field>
        ))}
        <button class="btn" type="submit">
          {t("messages.admin.save")}
        </button>
      </PostForm>
      <p class="hint" data-sends={JSON.stringify(sends)}>
        {t("messages.admin.sends", sends)}
      </p>
    </AdminLayout>
  );
}
