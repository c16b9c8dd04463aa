import { t } from "../i18n";
import { PostForm } from "./post-form";

export type MeNavProps = {
  current:
    | "points"
    | "orders"
    | "groups"
    | "addresses"
    | "tasks"
    | "invite"
    | "codes"
    | "messages"
    | "birthday" /** the session's CSRF token: shows 退出登录 */;
  csrf?: string | null;
};

const LINKS = [
  { key: "points", href: "/me/points", label: "me.points" },
  { key: "orders", href: "/me/orders", label: "me.orders" },
  { key: "groups", href: "/me/groups", label: "me.groups" },
  { key: "addresses", href: "/me/addresses", label: "me.addresses" },
  { key: "tasks", href: "/tasks", label: "tasks.link" },
  { key: "invite", href: "/invite", label: "me.invite" },
  { key: "codes", href: "/codes", label: "me.codes" },
  { key: "messages", href: "/messages", label: "messages.link" },
  { key: "birthday", href: "/me/birthday", label: "campaigns.birthday.link" },
] as const;

/** The member pages' sub-navigation: 我的积分 · 我的订单 · 收货地址, and 退出登录 (a POST form: the session is
 *  revoked on the server). */
export function MeNav({ current, csrf }: MeNavProps) {
  return (
    <nav class="menav" aria-label={t("me.nav")}>
      {LINKS.map((l) => (
        <a key={l.key} class="menav__link" href={l.href} aria-current={l.key === current ? "page" : undefined}>
          {t(l.label)}
        </a>
      ))}
      {csrf && (
        <PostForm csrf={csrf} class="menav__out" method="post" action="/logout">
          <button class="menav__logout" type="submit">
            {t("me.logout")}
          </button>
        </PostForm>
      )}
    </nav>
  );
}
