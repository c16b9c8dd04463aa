import { t } from "../i18n";
import { CATALOG_ERROR_ROUTING } from "./category-tabs";

export type SearchBoxProps = { q: string | null; activeCategory: string | null };

/**
 * 搜索: a GET form to / (works without JS). With htmx it swaps #catalog like a tab does and pushes the URL;
 * the active category rides along, so search and filter combine.
 */
export function SearchBox({ q, activeCategory }: SearchBoxProps) {
  return (
    <form
      class="search"
      role="search"
      method="get"
      action="/"
      hx-get="/"
      hx-target="#catalog"
      hx-swap="outerHTML"
      hx-push-url="true"
      {...CATALOG_ERROR_ROUTING}
    >
      <label class="sr" for="search-q">
        {t("search.label")}
      </label>
      <input
        class="search__input"
        id="search-q"
        type="search"
        name="q"
        value={q ?? ""}
        placeholder={t("search.placeholder")}
        maxLength={40}
        enterkeyhint="search"
      />
      {activeCategory && <input type="hidden" name="category" value={activeCategory} />}
      <button class="search__btn" type="submit">
        {t("search.submit")}
      </button>
    </form>
  );
}
