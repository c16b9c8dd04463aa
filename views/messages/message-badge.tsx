import { t } from "../i18n";

export type MessageBadgeProps = { unread: number /** render for an out-of-band swap */; oob?: boolean };

/** The header's link to 消息中心 with the unread count. Responses that mark messages read send it out of band. */
export function MessageBadge({ unread, oob }: MessageBadgeProps) {
  return (
    <a
      id="message-badge"
      class={unread > 0 ? "mbar__msgs mbar__msgs--unread" : "mbar__msgs"}
      href="/messages"
      data-unread={unread}
      hx-swap-oob={oob ? "true" : undefined}
    >
      {t("messages.link")}
      {unread > 0 && (
        <span class="mbar__dot">
          <span class="sr">{t("messages.badgeLabel")}</span>
          {unread > 99 ? "99+" : unread}
        </span>
      )}
    </a>
  );
}
