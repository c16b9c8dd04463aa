import { formatDateTime, formatLastValidDay, formatSignedPoints } from "../format";
import { t } from "../i18n";
import type { LedgerRowView } from "../types";

export type LedgerRowsProps = { rows: LedgerRowView[]; nextCursor: string | null; timeZone: string };

/**
 * Ledger rows as <li>s plus, when there is more, a last <li> whose link loads the next page: with htmx it
 * replaces itself with the next rows (this same component), without JS it opens that page.
 */
export function LedgerRows({ rows, nextCursor, timeZone }: LedgerRowsProps) {
  return (
    <>
      {rows.map((r) => (
        <li class="ledger__row" key={r.id} data-entry={r.id}>
          <span class="ledger__main">
            <span class="ledger__reason">{r.reason}</span>
            <span class="ledger__meta">
              {t(`ledger.kind.${r.kind}`)} · {formatDateTime(r.createdAt, timeZone)}
              {r.kind === "earned" && r.expiresAt !== null && ` · ${t("points.expiresAt", { date: formatLastValidDay(r.expiresAt, timeZone) })}`}
            </span>
          </span>
          <span class={r.amount > 0 ? "ledger__amount ledger__amount--plus" : "ledger__amount"}>{formatSignedPoints(r.amount)}</span>
        </li>
      ))}
      {nextCursor && (
        <li class="ledger__more">
          <a
            href={`/me/points?cursor=${encodeURIComponent(nextCursor)}#ledger`}
            hx-get={`/me/points/ledger?cursor=${encodeURIComponent(nextCursor)}`}
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
