import { t } from "../i18n";
import type { ItemCardView } from "./item-card";
import { ItemCard } from "./item-card";

/** Links of the grid's pager: `page` for a browser (whole page), `fragment` for htmx (rows to append). */
export type GridPager = {
  next: { page: string; fragment: string } | null;
  /** whole pages only (no JS): back to the previous page */
  prev: string | null;
};

export type ItemGridProps = {
  items: ItemCardView[];
  /** how many leading cards load their image eagerly (the first screen) */
  eagerCount?: number;
  pager?: GridPager;
};

export const EAGER_ITEM_IMAGES = 4;

/**
 * The cards as <li>s plus the pager row. The htmx 加载更多 link replaces its own row with the next page's
 * rows (the same cards), which end with the next pager row; without JS it is a link to ?page=N+1.
 */
export function GridRows({ items, eagerCount = 0, pager }: ItemGridProps) {
  return (
    <>
      {items.map((item, i) => (
        <li key={item.id}>
          <ItemCard item={item} eager={i < eagerCount} />
        </li>
      ))}
      {pager && (pager.next || pager.prev) && (
        <li class="grid__more">
          {pager.prev && (
            <a class="more" href={pager.prev}>
              {t("catalog.prev")}
            </a>
          )}
          {pager.next && (
            <a
              class="more"
              href={pager.next.page}
              hx-get={pager.next.fragment}
              hx-target="closest li"
              hx-swap="outerHTML"
              data-more=""
            >
              {t("catalog.more")}
            </a>
          )}
        </li>
      )}
    </>
  );
}

/** Two-column grid of item cards. */
export function ItemGrid({ items, eagerCount = EAGER_ITEM_IMAGES, pager }: ItemGridProps) {
  return (
    <ul class="grid" id="item-grid">
      <GridRows items={items} eagerCount={eagerCount} pager={pager} />
    </ul>
  );
}
