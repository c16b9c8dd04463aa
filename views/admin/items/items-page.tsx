import { formatPointsPrice } from "../../format";
import { t } from "../../i18n";
import { AdminLayout } from "../admin-layout";
import { ShelfToggle } from "./shelf-toggle";
import type { CategoryOption, ItemsCommon } from "./types";
import { ITEM_TYPES } from "../../../domain";
import type { ItemType } from "../../../domain";

export type ItemRowView = {
  id: number;
  sku: string;
  name: string;
  type: ItemType;
  points: number;
  cashFen: number;
  imageUrl: string | null;
  stock: number | null;
  onShelf: boolean;
  flash: boolean;
  categoryName: string | null;
};

export type ItemListFilter = { q: string; category: string; type: string; shelf: string; flash: string };

export type AdminItemsPageProps = ItemsCommon & {
  filter: ItemListFilter;
  categories: CategoryOption[];
  rows: ItemRowView[];
  /** the next page's link, or null on the last page */
  nextHref: string | null;
  /** this page's URL (where a shelf toggle returns) */
  self: string;
};

/** 商品管理: search and filters (a GET form), rows newest first, a next-page link that works without JS. */
export function AdminItemsPage({ brandColor, me, filter, categories, rows, nextHref, self }: AdminItemsPageProps) {
  return (
    <AdminLayout title={t("admin.items.title")} brandColor={brandColor} me={me} current="items">
      <h1 class="page-title">{t("admin.items.title")}</h1>
      <p class="aitem__bar">
        <a class="btn btn--sm" href="/admin/items/new" data-new-item>
          {t("admin.items.new")}
        </a>
        <a class="btn btn--sm btn--ghost" href="/admin/items/categories">
          {t("admin.items.categories")}
        </a>
      </p>
      <form class="panel aitems__filter" method="get" action="/admin/items" role="search">
        <input
          class="field__input"
          name="q"
          type="search"
          value={filter.q}
          placeholder={t("admin.items.search")}
          aria-label={t("admin.items.search")}
        />
        <select class="field__input" name="category" aria-label={t("admin.items.field.category")}>
          <option value="">{t("admin.items.filter.allCategories")}</option>
          {categories.map((c) => (
            <option value={String(c.id)} selected={filter.category === String(c.id)}>
              {c.name}
            </option>
          ))}
        </select>
        <select class="field__input" name="type" aria-label={t("admin.items.field.type")}>
          <option value="">{t("admin.items.filter.allTypes")}</option>
          {ITEM_TYPES.map((ty) => (
            <option value={ty} selected={filter.type === ty}>
              {t(`admin.items.type.${ty}`)}
            </option>
          ))}
        </select>
        <select class="field__input" name="shelf" aria-label={t("admin.items.filter.shelf")}>
          <option value="">{t("admin.items.filter.anyShelf")}</option>
          <option value="on" selected={filter.shelf === "on"}>
            {t("admin.items.onShelf")}
          </option>
          <option value="off" selected={filter.shelf === "off"}>
            {t("admin.items.offShelf")}
          </option>
        </select>
        <label class="aitem__check">
          <input type="checkbox" name="flash" value="1" checked={filter.flash === "1"} />{" "}
          {t("admin.items.filter.flash")}
        </label>
        <button class="btn btn--sm" type="submit">
          {t("admin.items.filter.submit")}
        </button>
      </form>
      {rows.length === 0 ? (
        <p class="panel muted">{t("admin.items.empty")}</p>
      ) : (
        <ul class="panel aitems" aria-label={t("admin.items.listLabel")}>
          {rows.map((r) => (
            <li class="aitems__row" key={r.id} data-item-id={r.id}>
              <img
                class="aitems__img"
                src={r.imageUrl ?? "/images/logo.svg"}
                width={56}
                height={56}
                alt=""
                loading="lazy"
              />
              <span class="aitems__main">
                <a class="aitems__name" href={`/admin/items/${r.id}`}>
                  {r.name}
                </a>
                <span class="muted">
                  <code>{r.sku}</code> · {t(`admin.items.type.${r.type}`)}
                  {r.categoryName ? ` · ${r.categoryName}` : ""}
                  {r.flash ? ` · ${t("admin.items.filter.flash")}` : ""}
                </span>
                <span>
                  {formatPointsPrice(r.points, r.cashFen)} ·{" "}
                  <span data-stock={r.stock ?? ""}>{t("admin.items.stockN", { stock: r.stock ?? "—" })}</span> ·{" "}
                  <span data-on-shelf={String(r.onShelf)}>
                    {r.onShelf ? t("admin.items.onShelf") : t("admin.items.offShelf")}
                  </span>
                </span>
              </span>
              <ShelfToggle itemId={r.id} onShelf={r.onShelf} csrf={me.csrf} back={self} />
            </li>
          ))}
        </ul>
      )}
      {nextHref && (
        <p>
          <a class="btn btn--sm btn--ghost" href={nextHref} rel="next" data-next-page>
            {t("admin.items.more")}
          </a>
        </p>
      )}
    </AdminLayout>
  );
}
