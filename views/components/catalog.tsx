import { t } from "../i18n";
import type { CategoryView } from "./category-tabs";
import type { ItemCardView } from "./item-card";
import { CATALOG_ALERT_ID, CategoryTabs, categoryHref, listingHref } from "./category-tabs";
import { GridRows, ItemGrid, type GridPager } from "./item-grid";
import { Message } from "./message";
import { SearchBox } from "./search-box";

/** The home listing's search and paging (page size: see worker/catalog/home-data.ts). */
export type ListingView = {
  /** search text (name contains); null = no search */
  q: string | null;
  /** 1-based */
  page: number;
  hasMore: boolean;
};

export type CatalogProps = {
  categories: CategoryView[];
  /** slug; null = 全部 */
  activeCategory: string | null;
  items: ItemCardView[];
  /** search and paging; default: no search, page 1, nothing more */
  listing?: ListingView;
  /** an error to show where the action happened (e.g. the Worker answering a bad filter) */
  error?: string;
  /**
   * Fragment only: the document title for this listing (use homeTitle()). htmx 4 takes a <title> out of
   * a swapped fragment and sets document.title, so history entries get the category's title.
   */
  pageTitle?: string;
};

export { CATALOG_ALERT_ID };

const FIRST_PAGE: ListingView = { q: null, page: 1, hasMore: false };

/** The pager of a listing page: 加载更多 (page N+1) and, on whole pages past the first, 上一页. */
export function gridPager(activeCategory: string | null, listing: ListingView, withPrev: boolean): GridPager {
  const { q, page, hasMore } = listing;
  return {
    next: hasMore
      ? {
          page: listingHref("/", activeCategory, q, page + 1),
          fragment: listingHref("/catalog", activeCategory, q, page + 1),
        }
      : null,
    prev: withPrev && page > 1 ? listingHref("/", activeCategory, q, page - 1) : null,
  };
}

/** The next page's rows alone: the htmx answer to 加载更多, appended in place of the pager row. */
export function CatalogRows({
  activeCategory,
  items,
  listing,
}: {
  activeCategory: string | null;
  items: ItemCardView[];
  listing: ListingView;
}) {
  return <GridRows items={items} pager={gridPager(activeCategory, listing, false)} />;
}

/** Search + category tabs + item grid. Rendered in the page AND alone as the htmx fragment that replaces #catalog. */
export function Catalog({ categories, activeCategory, items, listing = FIRST_PAGE, error, pageTitle }: CatalogProps) {
  const { q } = listing;
  const filtered = activeCategory != null || q != null;
  return (
    <section id="catalog" class="catalog" aria-labelledby="catalog-title">
      {pageTitle != null && <title>{pageTitle}</title>}
      <h2 id="catalog-title" class="sr">
        {t("home.catalogHeading")}
      </h2>
      <SearchBox q={q} activeCategory={activeCategory} />
      <CategoryTabs categories={categories} activeCategory={activeCategory} q={q} />
      <div id={CATALOG_ALERT_ID} class="catalog__alert">
        {error && (
          <div class="alert" role="alert">
            <p>{error}</p>
          </div>
        )}
      </div>
      {q && (
        <p class="catalog__query">
          {t("search.title", { q })}{" "}
          <a
            class="link"
            href={categoryHref(activeCategory)}
            hx-get={categoryHref(activeCategory)}
            hx-target="#catalog"
            hx-swap="outerHTML"
            hx-push-url="true"
          >
            {t("search.clear")}
          </a>
        </p>
      )}
      {items.length > 0 ? (
        <ItemGrid items={items} pager={gridPager(activeCategory, listing, true)} />
      ) : listing.page > 1 ? (
        <Message
          icon="empty"
          heading="h3"
          title={t("catalog.pageEmpty")}
          action={{ href: listingHref("/", activeCategory, q), label: t("catalog.emptyAction") }}
        />
      ) : q ? (
        <Message
          icon="empty"
          heading="h3"
          title={t("search.emptyTitle", { q })}
          text={t("search.emptyHint")}
          action={{ href: "/", label: t("catalog.emptyAction") }}
        />
      ) : (
        <Message
          icon="empty"
          heading="h3"
          title={t("catalog.emptyTitle")}
          text={t("catalog.emptyHint")}
          action={filtered ? { href: categoryHref(null), label: t("catalog.emptyAction") } : undefined}
        />
      )}
    </section>
  );
}
