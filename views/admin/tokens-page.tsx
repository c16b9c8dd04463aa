import { formatDateTime } from "../format";
import { t } from "../i18n";
import { AdminLayout } from "./admin-layout";
import { Field } from "./field";
import type { AdminMeView } from "./types";

export type AdminTokenView = {
  id: number;
  name: string;
  prefix: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
};
import { PostForm } from "../components/post-form";

export type AdminTokensPageProps = {
  brandColor: string;
  timeZone: string;
  me: AdminMeView;
  /** newest first; only names and prefixes, never a token */
  tokens: AdminTokenView[];
  /** right after creating one: its name and the full token, shown this once */
  created?: { name: string; token: string };
};

/** 接口令牌 (owners only): the Merchant API's bearer tokens; create one (shown once), revoke one. */
export function AdminTokensPage({ brandColor, timeZone, me, tokens, created }: AdminTokensPageProps) {
  return (
    <AdminLayout title={t("admin.tokens.title")} brandColor={brandColor} me={me} current="tokens">
      <h1 class="page-title">{t("admin.tokens.title")}</h1>
      {created && (
        <div class="alert alert--info" role="status" data-created-token={created.name}>
          <p>{t("admin.tokens.createdToken", { name: created.name })}</p>
          <p class="alert__detail">{t("admin.tokens.showOnce")}</p>
          <p>
            <code class="ausers__password" data-new-token>
              {created.token}
            </code>
          </p>
        </div>
      )}
      <p class="hint" data-bootstrap-note>
        {t("admin.tokens.bootstrap")}
      </p>
      {tokens.length === 0 ? (
        <p class="panel muted">{t("admin.tokens.empty")}</p>
      ) : (
        <ul class="panel ausers" aria-label={t("admin.tokens.listLabel")}>
          {tokens.map((k) => (
            <li
              class="ausers__row"
              key={k.id}
              data-token-id={k.id}
              data-token-state={k.revokedAt === null ? "active" : "revoked"}
            >
              <span class="ausers__main">
                <span class="ausers__email">
                  {k.name} · <code data-token-prefix>{k.prefix}…</code>
                </span>
                <span class="muted">
                  {t("admin.tokens.created", { time: formatDateTime(k.createdAt, timeZone) })} ·{" "}
                  <span data-last-used>
                    {k.lastUsedAt === null
                      ? t("admin.tokens.neverUsed")
                      : t("admin.tokens.lastUsed", { time: formatDateTime(k.lastUsedAt, timeZone) })}
                  </span>{" "}
                  ·{" "}
                  {k.revokedAt === null
                    ? t("admin.tokens.active")
                    : t("admin.tokens.revokedAt", { time: formatDateTime(k.revokedAt, timeZone) })}
                </span>
              </span>
              {k.revokedAt === null && (
                <PostForm csrf={me.csrf} method="post" action={`/admin/tokens/${k.id}/revoke`}>
                  <button class="btn btn--sm btn--ghost" type="submit">
                    {t("admin.tokens.revoke")}
                  </button>
                </PostForm>
              )}
            </li>
          ))}
        </ul>
      )}
      <section class="panel">
        <h2 class="panel__title">{t("admin.tokens.create.title")}</h2>
        <p class="hint">{t("admin.tokens.create.hint")}</p>
        <PostForm csrf={me.csrf} class="fields" method="post" action="/admin/tokens">
          <Field id="new-token-name" label={t("admin.tokens.create.name")}>
            <input
              class="field__input"
              id="new-token-name"
              name="name"
              type="text"
              minLength={1}
              maxLength={40}
              required
            />
          </Field>
          <button class="btn btn--block" type="submit">
            {t("admin.tokens.create.submit")}
          </button>
        </PostForm>
      </section>
    </AdminLayout>
  );
}
