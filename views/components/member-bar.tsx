import { t } from "../i18n";
import { BalanceBadge } from "./balance-badge";
import { MessageBadge } from "../messages/message-badge";
import { CheckinButton } from "./checkin-button";

/** The header's member area: a member's balance, tier and check-in, or a guest's login hint. */
export type MemberBarView =
  | {
      kind: "member";
      balance: number;
      tierName: string;
      checkedInToday: boolean;
      csrf: string /** blocked in the console: can browse, cannot earn or redeem */;
      blocked?: boolean /** unread messages of the message centre (undefined: the link without a count) */;
      unread?: number;
    }
  | { kind: "guest" };

/** The header's member area on every shopper page. */
export function MemberBar({ bar }: { bar: MemberBarView }) {
  if (bar.kind === "guest") {
    return (
      <a class="mbar__login" href="/login">
        {t("member.login")}
      </a>
    );
  }
  return (
    <div class="mbar">
      <span class="mbar__tier">{bar.tierName}</span>
      {bar.blocked && (
        <span class="mbar__tier" data-member-blocked title={t("member.blocked.notice")}>
          {t("member.blocked.badge")}
        </span>
      )}
      <BalanceBadge balance={bar.balance} />
      <MessageBadge unread={bar.unread ?? 0} />
      <a class="mbar__orders" href="/me/orders">
        {t("orders.link")}
      </a>
      <CheckinButton checkedIn={bar.checkedInToday} csrf={bar.csrf} />
    </div>
  );
}
