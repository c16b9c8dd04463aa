import { formatDate, formatLastValidDay } from "../../format";
import { t } from "../../i18n";
import type { MemberProfileView } from "./types";

/** The profile's head: who, balance, tier, what expires soon, and the blocked state (also sent out of band
 *  after an adjustment, so the balance follows). */
export function MemberSummary({ m, oob }: { m: MemberProfileView; oob?: boolean }) {
  return (
    <section
      class="panel amember"
      id="member-summary"
      hx-swap-oob={oob ? "true" : undefined}
      data-blocked={m.blocked ? "true" : "false"}
    >
      <h1 class="page-title amember__name">{m.nickname || t("admin.members.noNickname")}</h1>
      {m.blocked && (
        <p class="alert" role="status" data-blocked-notice>
          {t("admin.members.blockedNotice")}
        </p>
      )}
      <dl class="amember__facts">
        <dt>{t("admin.members.uid")}</dt>
        <dd>
          <code>{m.uid}</code>
        </dd>
        <dt>{t("admin.members.joined")}</dt>
        <dd>{formatDate(m.createdAt, m.timeZone)}</dd>
        <dt>{t("admin.members.balance")}</dt>
        <dd class="amember__balance" data-balance={m.balance}>
          {m.balance}
        </dd>
        <dt>{t("admin.members.tier")}</dt>
        <dd data-tier>{t("admin.members.tierEarned", { tier: m.tierName, earned: m.earnedLast12Months })}</dd>
        <dt>{t("admin.members.expiring")}</dt>
        <dd>
          {m.expiringSoon.length ? (
            <ul class="plain">
              {m.expiringSoon.map((e) => (
                <li class="expiring">
                  {t("points.expiringItem", { points: e.points, date: formatLastValidDay(e.expiresAt, m.timeZone) })}
                </li>
              ))}
            </ul>
          ) : (
            <span class="muted">{t("points.noExpiring")}</span>
          )}
        </dd>
      </dl>
      <p>
        <a href={`/admin/orders?uid=${encodeURIComponent(m.uid)}`} data-orders-link>
          {t("admin.members.orders")}
        </a>
      </p>
    </section>
  );
}
