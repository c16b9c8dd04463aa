import { t } from "../i18n";

/** Answer to a member-only action from a guest: how to log in, where the action happened. */
export function LoginPrompt() {
  return (
    <div class="alert alert--info" role="status">
      <p>{t("login.needed")}</p>
      <p class="alert__detail">
        {t("login.text")} <a href="/login">{t("login.title")}</a>
      </p>
    </div>
  );
}
