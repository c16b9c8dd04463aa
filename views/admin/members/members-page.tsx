import { formatDate } from "../../format";
import { t } from "../../i18n";
import { AdminLayout } from "../admin-layout";
import type { AdminMeView } from "../types";

/** One row of the member search. `balance`/`tierName` come from Turso's projection of the wallet. */
export type MemberRowView = {
  uid: string;
  nickname: string;
  balance: number;
  tierName: string;
  blocked: boolean;
  createdAt: number;
};

export type MemberSearchView = {
  q: string;
  /** 0-based page */
  page: number;
  rows: MemberRowView[];
  hasMore: boolean;
  timeZone: string;
};

const pageHref = (q: string, page: number) =>
  `/admin/members?${new URLSearchParams({ ...(q ? { q } : {}), ...(page ? { page: String(page) } : {}) })}`;

/** 会员: search by uid or nickname (substring), with balance, tier and blocked state; paged. */
export function AdminMembersPage({ brandColor, me, s }: { brandColor: string; me: AdminMeView; s: MemberSearchView }) {
  return (
    <AdminLayout title={t("admin.members.title")} brandColor={brandColor} me={me} current="members">
      <h1 class="page-title">{t("admin.members.title")}</h1>
      <form class="asearch" method="get" action="/admin/members" role="search">
        <label class="sr" for="member-q">
          {t("admin.members.search")}
        </label>
        <input
          class="field__input"
          id="member-q"
          name="q"
          type="search"
          maxLength={64}
          value={s.q}
          placeholder={t("admin.members.searchHint")}
        />
        <button class="btn btn--sm" type="submit">
          {t("admin.members.searchSubmit")}
        </button>
      </form>
      {s.rows.length === 0 ? (
        <p class="panel muted" data-members-empty>
          {s.q ? t("admin.members.noMatch", { q: s.q }) : t("admin.members.empty")}
        </p>
      ) : (
        <ul class="panel ausers" aria-label={t("admin.members.listLabel")}>
          {s.rows.map((m) => (
            <li class="ausers__row" key={m.uid} data-member={m.uid} data-blocked={m.blocked ? "true" : "false"}>
              <span class="ausers__main">
                <a class="ausers__email" href={`/admin/members/${encodeURIComponent(m.uid)}`}>
                  {m.nickname || t("admin.members.noNickname")} · <code>{m.uid}</code>
                </a>
                <span class="muted">
                  <span data-balance={m.balance}>{t("admin.members.rowBalance", { balance: m.balance })}</span> ·{" "}
                  {m.tierName} · {t("admin.members.rowJoined", { date: formatDate(m.createdAt, s.timeZone) })}
                  {m.blocked && (
                    <>
                      {" · "}
                      <strong class="amember__blocked">{t("admin.members.blocked")}</strong>
                    </>
                  )}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {(s.page > 0 || s.hasMore) && (
        <nav class="apager" aria-label={t("admin.members.pages")}>
          {s.page > 0 && <a href={pageHref(s.q, s.page - 1)}>{t("admin.members.prev")}</a>}
          <span class="muted">{t("admin.members.pageNo", { page: s.page + 1 })}</span>
          {s.hasMore && (
            <a href={pageHref(s.q, s.page + 1)} data-next-page>
              {t("admin.members.next")}
            </a>
          )}
        </nav>
      )}
    </AdminLayout>
  );
}
