import { MoreItem } from "../components/more-item";
import { formatDateTime } from "../format";
import { t, type MessageKey } from "../i18n";
import { zhCN } from "../i18n/zh-CN";
import { AdminLayout } from "./admin-layout";
import type { AdminMeView } from "./types";

export type AuditRowView = {
  id: number;
  actor: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  at: number;
};

function actionLabel(action: string): string {
  const key = `admin.action.${action}`;
  return Object.hasOwn(zhCN, key) ? t(key as MessageKey & `admin.action.${string}`) : action;
}

function json(value: unknown): string {
  return value === null || value === undefined ? t("admin.audit.none") : JSON.stringify(value);
}

export type AuditRowsProps = { rows: AuditRowView[]; nextCursor: string | null; timeZone: string };

/**
 * Audit entries as <li>s, newest first, plus (when there is more) a last <li> whose link loads the next
 * page: with htmx it replaces itself with the next rows, without JS it opens that page.
 */
export function AuditRows({ rows, nextCursor, timeZone }: AuditRowsProps) {
  return (
    <>
      {rows.map((r) => (
        <li class="audit__row" key={r.id} data-audit-id={r.id} data-action={r.action}>
          <div class="audit__head">
            <span class="audit__what">{actionLabel(r.action)}</span>
            <time class="audit__when muted">{formatDateTime(r.at, timeZone)}</time>
          </div>
          <div class="audit__who">{r.actor}</div>
          <div class="audit__target muted">{t("admin.audit.target", { target: r.target })}</div>
          {(r.before != null || r.after != null) && (
            <dl class="audit__change" aria-label={t("admin.audit.change")}>
              <dt>{t("admin.audit.before")}</dt>
              <dd>
                <code>{json(r.before)}</code>
              </dd>
              <dt>{t("admin.audit.after")}</dt>
              <dd>
                <code>{json(r.after)}</code>
              </dd>
            </dl>
          )}
        </li>
      ))}
      {nextCursor && (
        <MoreItem
          href={`/admin/audit?cursor=${encodeURIComponent(nextCursor)}`}
          hxGet={`/admin/audit/rows?cursor=${encodeURIComponent(nextCursor)}`}
        >
          {t("admin.audit.more")}
        </MoreItem>
      )}
    </>
  );
}

export type AdminAuditPageProps = { brandColor: string; me: AdminMeView } & AuditRowsProps;

/** 审计日志: who did what to which, before → after, when (merchant's time zone). */
export function AdminAuditPage({ brandColor, me, rows, nextCursor, timeZone }: AdminAuditPageProps) {
  return (
    <AdminLayout title={t("admin.audit.title")} brandColor={brandColor} me={me} current="audit">
      <h1 class="page-title">{t("admin.audit.title")}</h1>
      {rows.length === 0 ? (
        <p class="muted center">{t("admin.audit.empty")}</p>
      ) : (
        <ul class="panel audit" id="audit">
          <AuditRows rows={rows} nextCursor={nextCursor} timeZone={timeZone} />
        </ul>
      )}
    </AdminLayout>
  );
}
