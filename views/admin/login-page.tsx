import { t } from "../i18n";
import { AdminLayout } from "./admin-layout";

export type AdminLoginPageProps = {
  brandColor: string;
  csrf: string;
  /** the email to keep in the field after a failed attempt */
  email?: string;
  /** why the last attempt was refused (wrong password, locked) */
  error?: string;
};

/** 管理员登录: email + password, posted to /admin/login with the pre-session CSRF token. */
export function AdminLoginPage({ brandColor, csrf, email, error }: AdminLoginPageProps) {
  return (
    <AdminLayout title={t("admin.login.title")} brandColor={brandColor}>
      <section class="panel alogin">
        <h1 class="page-title">{t("admin.login.title")}</h1>
        <p class="hint">{t("admin.login.hint")}</p>
        {error && (
          <div class="alert" role="alert" data-error="login">
            <p>{error}</p>
          </div>
        )}
        <form class="fields" method="post" action="/admin/login">
          <input type="hidden" name="_csrf" value={csrf} />
          <div class="field">
            <label class="field__label" for="admin-email">
              {t("admin.login.email")}
            </label>
            <input class="field__input" id="admin-email" name="email" type="email" autocomplete="username" value={email ?? ""} maxLength={254} required />
          </div>
          <div class="field">
            <label class="field__label" for="admin-password">
              {t("admin.login.password")}
            </label>
            <input class="field__input" id="admin-password" name="password" type="password" autocomplete="current-password" maxLength={200} required />
          </div>
          <button class="btn btn--block" type="submit">
            {t("admin.login.submit")}
          </button>
        </form>
      </section>
    </AdminLayout>
  );
}
