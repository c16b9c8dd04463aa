import { formatDateTime } from "../format";
import { t } from "../i18n";
import { AdminLayout } from "./admin-layout";
import { Field } from "./field";
import type { AdminMeView, AdminRoleView } from "./types";

export type AdminUserView = {
  id: number;
  email: string;
  role: AdminRoleView;
  lastLoginAt: number | null;
  isMe: boolean;
};
import { PostForm } from "../components/post-form";

export type AdminUsersPageProps = {
  brandColor: string;
  timeZone: string;
  me: AdminMeView;
  users: AdminUserView[];
  /** right after creating an operator: their email and initial password, shown this once */
  created?: { email: string; password: string };
};

/** 管理员 (owners only): who can use the console; add an operator, remove one. */
export function AdminUsersPage({ brandColor, timeZone, me, users, created }: AdminUsersPageProps) {
  return (
    <AdminLayout title={t("admin.users.title")} brandColor={brandColor} me={me} current="users">
      <h1 class="page-title">{t("admin.users.title")}</h1>
      {created && (
        <div class="alert alert--info" role="status" data-created={created.email}>
          <p>{t("admin.users.created", { email: created.email })}</p>
          <p class="alert__detail">{t("admin.users.initialPassword")}</p>
          <p>
            <code class="ausers__password" data-initial-password>
              {created.password}
            </code>
          </p>
        </div>
      )}
      <ul class="panel ausers" aria-label={t("admin.users.listLabel")}>
        {users.map((u) => (
          <li class="ausers__row" key={u.id} data-admin-user={u.email}>
            <span class="ausers__main">
              <span class="ausers__email">
                {u.email}
                {u.isMe && t("admin.users.you")}
              </span>
              <span class="muted">
                {t(`admin.role.${u.role}`)} ·{" "}
                {u.lastLoginAt === null
                  ? t("admin.users.neverLoggedIn")
                  : t("admin.users.lastLogin", { time: formatDateTime(u.lastLoginAt, timeZone) })}
              </span>
            </span>
            {!u.isMe && u.role === "operator" && (
              <PostForm csrf={me.csrf} method="post" action={`/admin/users/${u.id}/remove`}>
                <button class="btn btn--sm btn--ghost" type="submit">
                  {t("admin.users.remove")}
                </button>
              </PostForm>
            )}
          </li>
        ))}
      </ul>
      <section class="panel">
        <h2 class="panel__title">{t("admin.users.create.title")}</h2>
        <p class="hint">{t("admin.users.create.hint")}</p>
        <PostForm csrf={me.csrf} class="fields" method="post" action="/admin/users">
          <Field id="new-operator-email" label={t("admin.users.create.email")}>
            <input class="field__input" id="new-operator-email" name="email" type="email" maxLength={254} required />
          </Field>
          <button class="btn btn--block" type="submit">
            {t("admin.users.create.submit")}
          </button>
        </PostForm>
      </section>
    </AdminLayout>
  );
}
