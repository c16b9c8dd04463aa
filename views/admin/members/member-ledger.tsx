import { formatDateTime, formatLastValidDay, formatSignedPoints } from "../../format";
import { t } from "../../i18n";
import type { AdminLedgerRowView } from "./types";

export type MemberLedgerRowsProps = { uid: string; rows: AdminLedgerRowView[]; nextCursor: string | null; timeZone: string };

/**
 * A member's full ledger as the console shows it (newest first): kind, signed amount, balance after, reason,
 * date. The last <li> loads the next page (htmx replaces it with the next rows; without JS it opens the page).
 */
export function MemberLedgerRows({ uid, rows, nextCursor, timeZone }: MemberLedgerRowsProps) {
  const base = `/admin/members/${encodeURIComponent(uid)}`;
  return (
    <>
      {rows.map((r) => (
        <li class="ledger__row" key={r.id} data-entry={r.id} data-kind={r.kind}>
          <span class="ledger__main">
            <span class="ledger__reason">{r.reason}</span>
            <span class="ledger__meta">
              {t(`ledger.kind.${r.kind}`)} · {formatDateTime(r.createdAt, timeZone)} ·{" "}
              <span data-balance-after>{t("admin.members.balanceAfter", { balance: r.balanceAfter })}</span>
              {r.amount > 0 && r.expiresAt !== null && ` · ${t("points.expiresAt", { date: formatLastValidDay(r.expiresAt, timeZone) })}`}
            </span>
          </span>
          <span class={r.amount > 0 ? "ledger__amount ledger__amount--plus" : "ledger__amount"}>{formatSignedPoints(r.amount)}</span>
        </li>
      ))}
      {nextCursor && (
        <li class="ledger__more">
          <a
            href={`${base}?cursor=${encodeURIComponent(nextCursor)}#ledger`}
            hx-get={`${base}/ledger?cursor=${encodeURIComponent(nextCursor)}`}
            hx-target="closest li"
            hx-swap="outerHTML"
          >
            {t("points.more")}
          </a>
        </li>
      )}
    </>
  );
}

/** The ledger section (also sent out of band after an adjustment, so the new entry shows at once). */
export function MemberLedger({ uid, rows, nextCursor, timeZone, oob }: MemberLedgerRowsProps & { oob?: boolean }) {
  return (
    <section class="panel" id="ledger" aria-labelledby="ledger-title" hx-swap-oob={oob ? "true" : undefined}>
      <h2 id="ledger-title" class="panel__title">
        {t("points.ledger")}
      </h2>
      {rows.length ? (
        <ol class="ledger">
          <MemberLedgerRows uid={uid} rows={rows} nextCursor={nextCursor} timeZone={timeZone} />
        </ol>
      ) : (
        <p class="muted">{t("points.ledgerEmpty")}</p>
      )}
    </section>
  );
}
