import { t } from "../i18n";

export type BalanceBadgeProps = { balance: number /** render for an out-of-band swap */; oob?: boolean };

/** The header's balance, a link to 我的积分. Responses that change the balance send it out of band. */
export function BalanceBadge({ balance, oob }: BalanceBadgeProps) {
  return (
    <a id="balance-badge" class="mbar__balance" href="/me/points" hx-swap-oob={oob ? "true" : undefined}>
      <span class="sr">{t("member.balanceLabel")}</span>
      {t("member.balance", { balance })}
    </a>
  );
}
