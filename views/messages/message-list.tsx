// The message centre's list (#message-list): one page of messages, newest first, each with its words, time and
// a link to its subject; unread ones with 标为已读; 全部已读 and the pager. Every form and link works without JS;
// with htmx a form swaps this list and the header's badge comes out of band.
import type { MessageKind } from "../../domain";
import { PostForm } from "../components/post-form";
import { formatDateTime } from "../format";
import { t } from "../i18n";
import { messageText } from "./message-text";

export type MessageItemView = {
  id: number;
  kind: MessageKind;
  params: Record<string, string | number>;
  link: string;
  createdAt: number;
  read: boolean;
};

export type MessageListView = {
  items: MessageItemView[];
  page: number;
  pages: number;
  unread: number;
  timeZone: string;
  csrf: string;
  /** the outcome of the last action, shown above the list */
  notice?: string | null;
};

export function MessageList({ list }: { list: MessageListView }) {
  const { items, page, pages, unread, csrf } = list;
  return (
    <section id="message-list" class="inbox" data-page={page} data-unread={unread} aria-live="polite">
      {list.notice && (
        <p class="panel muted" role="status">
          {list.notice}
        </p>
      )}
      <div class="inbox__head">
        <span class="muted">{t("messages.unreadSummary", { count: unread })}</span>
        {unread > 0 && (
          <PostForm
            csrf={csrf}
            class="inbox__all"
            method="post"
            action="/messages/read-all"
            hx-post="/messages/read-all"
            hx-target="#message-list"
            hx-swap="outerHTML"
          >
            <input type="hidden" name="page" value={String(page)} />
            <button class="btn btn--sm btn--ghost" type="submit">
              {t("messages.markAllRead")}
            </button>
          </PostForm>
        )}
      </div>
      {items.length === 0 ? (
        <p class="panel muted">{t("messages.empty")}</p>
      ) : (
        <ul class="inbox__list">
          {items.map((m) => {
            const text = messageText(m.kind, m.params, list.timeZone);
            return (
              <li
                key={m.id}
                class={m.read ? "inbox-item" : "inbox-item inbox-item--unread"}
                data-message-id={m.id}
                data-kind={m.kind}
                data-read={m.read ? "true" : "false"}
              >
                <div class="inbox-item__main">
                  <strong class="inbox-item__title">
                    {!m.read && <span class="inbox-item__dot sr">{t("messages.unread")}</span>}
                    {text.title}
                  </strong>
                  <p class="inbox-item__body">{text.body}</p>
                  <time class="inbox-item__time muted">{formatDateTime(m.createdAt, list.timeZone)}</time>
                </div>
                <div class="inbox-item__actions">
                  <a class="btn btn--sm" href={m.link}>
                    {t("messages.open")}
                  </a>
                  {!m.read && (
                    <PostForm
                      csrf={csrf}
                      method="post"
                      action={`/messages/${m.id}/read`}
                      hx-post={`/messages/${m.id}/read`}
                      hx-target="#message-list"
                      hx-swap="outerHTML"
                    >
                      <input type="hidden" name="page" value={String(page)} />
                      <button class="btn btn--sm btn--ghost" type="submit">
                        {t("messages.markRead")}
                      </button>
                    </PostForm>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {pages > 1 && (
        <nav class="pager" aria-label={t("messages.page", { page, pages })}>
          {page > 1 && <a href={`/messages?page=${page - 1}`}>{t("messages.prev")}</a>}
          <span class="muted">{t("messages.page", { page, pages })}</span>
          {page < pages && <a href={`/messages?page=${page + 1}`}>{t("messages.next")}</a>}
        </nav>
      )}
    </section>
  );
}
