import { t } from "../i18n";
import type { CategoryView, ItemCardView } from "../types";
import { CATALOG_ALERT_ID, CategoryTabs, categoryHref } from "./category-tabs";
import { ItemGrid } from "./item-grid";
import { Message } from "./message";

export type CatalogProps = {
  categories: CategoryView[];
  /** slug; null = 全部 */
  activeCategory: string | null;
  items: ItemCardView[];
  /** an error to show where the action happened (e.g. the Worker answering a bad filter) */
  error?: string;
  /**
   * Fragment only: the document title for this listing (use homeTitle()). htmx 4 takes a <title> out of
   * a swapped fragment and sets document.title, so history entries get the category's title.
   */
  pageTitle?: string;
};

export { CATALOG_ALERT_ID };

/** Category tabs + item grid. Rendered in the page AND alone as the htmx fragment that replaces #catalog. */
export function Catalog({ categories, activeCategory, items, error, pageTitle }: CatalogProps) {
  return (
    <section id="catalog" class="catalog" aria-labelledby="catalog-title">
      {pageTitle != null && <title>{pageTitle}</title>}
      <h2 id="catalog-title" class="sr">
        {t("home.catalogHeading")}
      </h2>
      <CategoryTabs categories={categories} activeCategory={activeCategory} />
      <div id={CATALOG_ALERT_ID} class="catalog__alert">
        {error && (
          <div class="alert" role="alert">
            <p>{error}</p>
          </div>
        )}
      </div>
      {items.length > 0 ? (
        <ItemGrid items={items} />
      ) : (
        <Message
          icon="empty"
          heading="h3"
          title={t("catalog.emptyTitle")}
          text={t("catalog.emptyHint")}
          action={activeCategory == null ? undefined : { href: categoryHref(null), label: t("catalog.emptyAction") }}
        />
      )}
    </section>
  );
}
