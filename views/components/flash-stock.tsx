import { t } from "../i18n";

export type FlashStockProps = {
  itemId: number;
  stock: number;
  /** keep polling (the sale is upcoming or live and units are left) */
  live: boolean;
};

export const flashStockPath = (itemId: number) => `/flash/${itemId}/stock`;

/**
 * 剩余 N 件 on /flash: htmx re-reads it every 3 s (the Turso projection; it may lag a moment) and replaces
 * itself; sold out (or the sale over), it stops polling.
 */
export function FlashStock({ itemId, stock, live }: FlashStockProps) {
  const out = stock <= 0;
  return (
    <span
      id={`flash-stock-${itemId}`}
      class={out ? "badge badge--sold-out" : "badge badge--low"}
      data-stock={stock}
      hx-get={live && !out ? flashStockPath(itemId) : undefined}
      hx-trigger={live && !out ? "every 3s" : undefined}
      hx-swap={live && !out ? "outerHTML" : undefined}
    >
      {out ? t("flash.soldOut") : t("flash.stockLeft", { stock })}
    </span>
  );
}
