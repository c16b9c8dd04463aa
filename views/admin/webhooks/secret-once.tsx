import { t } from "../../i18n";

export type SecretOnceProps = { title: string; secret: string };

/** A signing secret right after it was made: shown this once. */
export function SecretOnce({ title, secret }: SecretOnceProps) {
  return (
    <div class="alert alert--info" role="status">
      <p>{title}</p>
      <p class="alert__detail">{t("admin.webhooks.secret.showOnce")}</p>
      <p>
        <code class="ausers__password" data-new-secret>
          {secret}
        </code>
      </p>
    </div>
  );
}
