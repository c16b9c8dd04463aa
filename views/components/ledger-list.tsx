import type { ComponentChildren } from "preact";
import { formatDateTime, formatLastValidDay, formatSignedPoints } from "../format";
import { t } from "../i18n";
import { MoreItem } from "./more-item";
import type { LedgerKind } from "../../domain";

export type LedgerRowView = {
  id: string;
  kind: LedgerKind;
  amount: number;
  reason: string;
  createdAt: number;
  expiresAt: number | null;
};

export type LedgerRowsProps = { rows: LedgerRowView[]; nextCursor: string | null; timeZone: string };

/**
 * Ledger rows as <li>s plus, when there is more, a last <li> whose link loads the next page: with htmx it
 * replaces itself with the next rows (this same component), without JS it opens that page.
 */
export function LedgerRows({ rows, nextCursor, timeZone }: LedgerRowsProps) {
  return (
    <>
      {rows.map((r) => (
        <LedgerRow key={r.id} row={r} timeZone={timeZone}>
          {r.kind === "earned" && r.expiresAt !== null && expiresNote(r.expiresAt, timeZone)}
        </LedgerRow>
      ))}
      {nextCursor && (
        <MoreItem
          href={`/me/points?cursor=${encodeURIComponent(nextCursor)}#ledger`}
          hxGet={`/me/points/ledger?cursor=${encodeURIComponent(nextCursor)}`}
        >
          {t("points.more")}
        </MoreItem>
      )}
    </>
  );
}

/** One entry: reason, then "kind · time" followed by `children` (what the page adds), and the signed amount. */
export function LedgerRow({
  row,
  timeZone,
  dataKind,
  children,
}: {
  row: LedgerRowView;
  timeZone: string;
  dataKind?: boolean;
  children?: ComponentChildren;
}) {
  return (
    <li class="ledger__row" data-entry={row.id} data-kind={dataKind ? row.kind : undefined}>
      <span class="ledger__main">
        <span class="ledger__reason">{row.reason}</span>
        <span class="ledger__meta">
          {t(`ledger.kind.${row.kind}`)} · {formatDateTime(row.createdAt, timeZone)}
          {children}
        </span>
      </span>
      <span class={row.amount > 0 ? "ledger__amount ledger__amount--plus" : "ledger__amount"}>
        {formatSignedPoints(row.amount)}
      </span>
    </li>
  );
}

/** " · 有效期至 …" after an entry's meta. */
export const expiresNote = (expiresAt: number, timeZone: string) =>
  ` · ${t("points.expiresAt", { date: formatLastValidDay(expiresAt, timeZone) })}`;
