import { t } from "../i18n";

export type MeNavProps = { current: "points" | "orders" | "addresses" };

const LINKS = [
  { key: "points", href: "/me/points", label: "me.points" },
  { key: "orders", href: "/me/orders", label: "me.orders" },
  { key: "addresses", href: "/me/addresses", label: "me.addresses" },
] as const;

/** The member pages' sub-navigation: 我的积分 · 我的订单 · 收货地址. */
export function MeNav({ current }: MeNavProps) {
  return (
    <nav class="menav" aria-label={t("me.nav")}>
      {LINKS.map((l) => (
        <a key={l.key} class="menav__link" href={l.href} aria-current={l.key === current ? "page" : undefined}>
          {t(l.label)}
        </a>
      ))}
    </nav>
  );
}
