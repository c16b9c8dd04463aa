import type { ComponentChildren } from "preact";
import { t } from "../i18n";
import { themeCss } from "../theme";
import type { AdminMeView } from "./types";

export type AdminLayoutProps = {
  /** the page's own title (the layout adds the console's name) */
  title: string;
  brandColor: string;
  /** absent on the login page */
  me?: AdminMeView;
  /** which nav entry is current */
  current?: "audit" | "users" | "tokens";
  children?: ComponentChildren;
};

/**
 * The merchant console's shell. The nav shows only pages that exist: 审计日志, 管理员 and 接口令牌 (owners only), 退出.
 * Its one inline <style> is the theme, whose hash the CSP allows (worker/render.ts).
 */
export function AdminLayout({ title, brandColor, me, current, children }: AdminLayoutProps) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="robots" content="noindex" />
        <title>{t("admin.page.title", { title })}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/css/mall.css" />
        <style>{themeCss(brandColor)}</style>
        <script src="/js/htmx.min.js" defer></script>
      </head>
      <body class="admin">
        <header class="bar">
          <a class="bar__brand" href="/admin">
            <span class="bar__name">{t("admin.brand")}</span>
          </a>
        </header>
        {me && (
          <nav class="anav" aria-label={t("admin.nav.label")}>
            <a class="anav__link" href="/admin/audit" aria-current={current === "audit" ? "page" : undefined}>
              {t("admin.nav.audit")}
            </a>
            {me.role === "owner" && (
              <a class="anav__link" href="/admin/users" aria-current={current === "users" ? "page" : undefined}>
                {t("admin.nav.users")}
              </a>
            )}
            {me.role === "owner" && (
              <a class="anav__link" href="/admin/tokens" aria-current={current === "tokens" ? "page" : undefined}>
                {t("admin.nav.tokens")}
              </a>
            )}
            <form class="anav__logout" method="post" action="/admin/logout">
              <input type="hidden" name="_csrf" value={me.csrf} />
              <button class="anav__link anav__button" type="submit">
                {t("admin.nav.logout")}
              </button>
            </form>
          </nav>
        )}
        {me && <p class="anav__who muted">{t("admin.nav.signedInAs", { email: me.email, role: t(`admin.role.${me.role}`) })}</p>}
        <div id="notice" class="notice-slot" aria-live="polite"></div>
        <main class="main">{children}</main>
      </body>
    </html>
  );
}
