import { t } from "../i18n";

export type CategoryView = { slug: string; name: string };

export type CategoryTabsProps = {
  categories: CategoryView[];
  /** slug; null = 全部 */
  activeCategory: string | null;
  /** the search text the tabs keep (search and filter combine); null = none */
  q?: string | null;
};

/** URL of a listing: a category (null = 全部) and optionally a search and a page. Also the htmx GET URL. */
export function listingHref(path: string, slug: string | null, q?: string | null, page?: number): string {
  const params: string[] = [];
  if (slug != null) params.push(`category=${encodeURIComponent(slug)}`);
  if (q) params.push(`q=${encodeURIComponent(q)}`);
  if (page && page > 1) params.push(`page=${page}`);
  return params.length ? `${path}?${params.join("&")}` : path;
}

/** URL of a category listing; null = 全部 ("/"). Also the htmx GET URL. */
export function categoryHref(slug: string | null, q?: string | null): string {
  return listingHref("/", slug, q);
}

/** Where 4xx/5xx answers to a tab click go (inside #catalog, above the grid), so the tabs stay usable. */
export const CATALOG_ALERT_ID = "catalog-alert";
const ON_ERROR = `target:#${CATALOG_ALERT_ID} swap:innerHTML push:false`;
// "4xx" is not a JSX identifier, hence the spread.
export const CATALOG_ERROR_ROUTING = { "hx-status:4xx": ON_ERROR, "hx-status:5xx": ON_ERROR };

/**
 * Real links (work without JS). With htmx 4 loaded, a click GETs the same URL
 * (request header `HX-Request: true`), swaps the answer over #catalog and pushes the URL.
 * htmx 4 swaps error responses too: hx-status routes them into #catalog-alert instead and keeps the URL.
 */
function Tab({ href, label, active }: { href: string; label: string; active: boolean }) {
  return (
    <a
      class="tab"
      href={href}
      hx-get={href}
      hx-target="#catalog"
      hx-swap="outerHTML"
      hx-push-url="true"
      {...CATALOG_ERROR_ROUTING}
      aria-current={active ? "page" : undefined}
    >
      {label}
    </a>
  );
}

export function CategoryTabs({ categories, activeCategory, q = null }: CategoryTabsProps) {
  return (
    <nav class="tabs" aria-label={t("catalog.tabs")}>
      <Tab href={categoryHref(null, q)} label={t("catalog.all")} active={activeCategory == null} />
      {categories.map((c) => (
        <Tab key={c.slug} href={categoryHref(c.slug, q)} label={c.name} active={c.slug === activeCategory} />
      ))}
    </nav>
  );
}
