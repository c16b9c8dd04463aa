import type { ComponentChildren } from "preact";
import { currentLocale, t } from "../i18n";
import { LangSwitch } from "../components/lang-switch";
import { themeCss } from "../theme";
import type { AdminMeView } from "./types";
import { PostForm } from "../components/post-form";

export type AdminSection =
  | "dashboard"
  | "items"
  | "orders"
  | "members"
  | "lotteries"
  | "campaigns"
  | "tasks"
  | "groupDeals"
  | "referrals"
  | "codes"
  | "settings"
  | "audit"
  | "users"
  | "tokens"
  | "webhooks"
  | "payments"
  | "duiba";

/** The console's sections in nav order; owner-only ones are hidden from operators (who get 403 there). */
const NAV: { section: AdminSection; href: string; ownerOnly: boolean }[] = [
  { section: "dashboard", href: "/admin/dashboard", ownerOnly: false },
  { section: "items", href: "/admin/items", ownerOnly: false },
  { section: "orders", href: "/admin/orders", ownerOnly: false },
  { section: "members", href: "/admin/members", ownerOnly: false },
  { section: "payments", href: "/admin/payments", ownerOnly: true },
  { section: "lotteries", href: "/admin/lotteries", ownerOnly: false },
  { section: "campaigns", href: "/admin/campaigns", ownerOnly: true },
  { section: "tasks", href: "/admin/tasks", ownerOnly: false },
  { section: "groupDeals", href: "/admin/group-deals", ownerOnly: false },
  { section: "referrals", href: "/admin/referrals", ownerOnly: false },
  { section: "codes", href: "/admin/codes", ownerOnly: false },
  { section: "settings", href: "/admin/settings", ownerOnly: true },
  { section: "audit", href: "/admin/audit", ownerOnly: false },
  { section: "users", href: "/admin/users", ownerOnly: true },
  { section: "tokens", href: "/admin/tokens", ownerOnly: true },
  { section: "webhooks", href: "/admin/webhooks", ownerOnly: true },
  { section: "duiba", href: "/admin/duiba", ownerOnly: true },
];

export type AdminLayoutProps = {
  /** the page's own title (the layout adds the console's name) */
  title: string;
  brandColor: string;
  /** absent on the login page */
  me?: AdminMeView;
  /** which nav entry is current */
  current?: AdminSection;
  children?: ComponentChildren;
};

/**
 * The merchant console's shell: the nav (owner-only sections hidden from operators) and 退出.
 * Its one inline <style> is the theme, whose hash the CSP allows (worker/render.ts). admin-images.js shrinks
 * images chosen in file inputs marked data-resize before they are uploaded.
 */
export function AdminLayout({ title, brandColor, me, current, children }: AdminLayoutProps) {
  return (
    <html lang={currentLocale()}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="robots" content="noindex" />
        <title>{t("admin.page.title", { title })}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/css/mall.css" />
        <link rel="stylesheet" href="/css/admin.css" />
        <style>{themeCss(brandColor)}</style>
        <script src="/js/htmx.min.js" defer></script>
        <script src="/js/admin-images.js" defer></script>
      </head>
      <body class="admin">
        <header class="bar">
          <a class="bar__brand" href="/admin">
            <span class="bar__name">{t("admin.brand")}</span>
          </a>
        </header>
        {me && (
          <nav class="anav" aria-label={t("admin.nav.label")}>
            {NAV.filter((n) => !n.ownerOnly || me.role === "owner").map((n) => (
              <a class="anav__link" href={n.href} aria-current={current === n.section ? "page" : undefined}>
                {t(`admin.nav.${n.section}`)}
              </a>
            ))}
            <PostForm csrf={me.csrf} class="anav__logout" method="post" action="/admin/logout">
              <button class="anav__link anav__button" type="submit">
                {t("admin.nav.logout")}
              </button>
            </PostForm>
          </nav>
        )}
        {me && (
          <p class="anav__who muted">
            {t("admin.nav.signedInAs", { email: me.email, role: t(`admin.role.${me.role}`) })}
          </p>
        )}
        <div id="notice" class="notice-slot" aria-live="polite"></div>
        <main class="main">{children}</main>
        <footer class="foot">
          <LangSwitch />
        </footer>
      </body>
    </html>
  );
}
