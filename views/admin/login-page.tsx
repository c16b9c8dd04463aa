import { t } from "../i18n";
import { AdminLayout } from "./admin-layout";
import { Field } from "./field";
import { PostForm } from "../components/post-form";

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
        <PostForm csrf={csrf} class="fields" method="post" action="/admin/login">
          <Field id="admin-email" label={t("admin.login.email")}>
            <input
              class="field__input"
              id="admin-email"
              name="email"
              type="email"
              autocomplete="username"
              value={email ?? ""}
              maxLength={254}
              required
            />
          </Field>
          <Field id="admin-password" label={t("admin.login.password")}>
            <input
              class="field__input"
              id="admin-password"
              name="password"
              type="password"
              autocomplete="current-password"
              maxLength={200}
              required
            />
          </Field>
          <button class="btn btn--block" type="submit">
            {t("admin.login.submit")}
          </button>
        </PostForm>
      </section>
    </AdminLayout>
  );
}
