import { expiresNote, LedgerRow } from "../../components/ledger-list";
import { MoreItem } from "../../components/more-item";
import { t } from "../../i18n";
import type { AdminLedgerRowView } from "./types";

export type MemberLedgerRowsProps = {
  uid: string;
  rows: AdminLedgerRowView[];
  nextCursor: string | null;
  timeZone: string;
};

/**
 * A member's full ledger as the console shows it (newest first): kind, signed amount, balance after, reason,
 * date. The last <li> loads the next page (htmx replaces it with the next rows; without JS it opens the page).
 */
export function MemberLedgerRows({ uid, rows, nextCursor, timeZone }: MemberLedgerRowsProps) {
  const base = `/admin/members/${encodeURIComponent(uid)}`;
  return (
    <>
      {rows.map((r) => (
        <LedgerRow key={r.id} row={r} timeZone={timeZone} dataKind>
          {" · "}
          <span data-balance-after>{t("admin.members.balanceAfter", { balance: r.balanceAfter })}</span>
          {r.amount > 0 && r.expiresAt !== null && expiresNote(r.expiresAt, timeZone)}
        </LedgerRow>
      ))}
      {nextCursor && (
        <MoreItem
          href={`${base}?cursor=${encodeURIComponent(nextCursor)}#ledger`}
          hxGet={`${base}/ledger?cursor=${encodeURIComponent(nextCursor)}`}
        >
          {t("points.more")}
        </MoreItem>
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
