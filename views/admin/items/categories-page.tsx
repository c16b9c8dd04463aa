import { t } from "../../i18n";
import { AdminLayout } from "../admin-layout";
import { Field } from "../field";
import type { ItemsCommon } from "./types";
import { PostForm } from "../../components/post-form";

export type AdminCategoryView = { id: number; slug: string; name: string; sort: number; itemCount: number };

export type AdminCategoriesPageProps = ItemsCommon & {
  categories: AdminCategoryView[];
  /** a refused change: which category and why */
  error?: { categoryId: number | null; message: string };
};

/** 商品分类: list in shop order; create, rename and re-sort, delete when no item uses it. */
export function AdminCategoriesPage({ brandColor, me, categories, error }: AdminCategoriesPageProps) {
  return (
    <AdminLayout title={t("admin.categories.title")} brandColor={brandColor} me={me} current="items">
      <p>
        <a href="/admin/items">{t("admin.items.back")}</a>
      </p>
      <h1 class="page-title">{t("admin.categories.title")}</h1>
      {error && (
        <p class="alert" role="alert" data-category-error={error.categoryId ?? "new"}>
          {error.message}
        </p>
      )}
      {categories.length === 0 ? (
        <p class="panel muted">{t("admin.categories.empty")}</p>
      ) : (
        <ul class="panel ausers" aria-label={t("admin.categories.title")}>
          {categories.map((c) => (
            <li class="ausers__row" key={c.id} data-category-id={c.id}>
              <PostForm csrf={me.csrf} class="acat__form" method="post" action={`/admin/items/categories/${c.id}`}>
                <input
                  class="field__input"
                  name="name"
                  value={c.name}
                  required
                  maxLength={20}
                  aria-label={t("admin.categories.name")}
                />
                <input
                  class="field__input acat__sort"
                  name="sort"
                  value={String(c.sort)}
                  inputMode="numeric"
                  aria-label={t("admin.categories.sort")}
                />
                <button class="btn btn--sm" type="submit">
                  {t("admin.categories.save")}
                </button>
              </PostForm>
              <span class="muted">{t("admin.categories.count", { count: c.itemCount, slug: c.slug })}</span>
              <PostForm csrf={me.csrf} method="post" action={`/admin/items/categories/${c.id}/delete`}>
                <button class="btn btn--sm btn--ghost" type="submit" data-delete-category={c.id}>
                  {t("admin.categories.delete")}
                </button>
              </PostForm>
            </li>
          ))}
        </ul>
      )}
      <section class="panel">
        <h2 class="panel__title">{t("admin.categories.create")}</h2>
        <PostForm csrf={me.csrf} class="fields" method="post" action="/admin/items/categories">
          <Field id="new-category-name" label={t("admin.categories.name")}>
            <input class="field__input" id="new-category-name" name="name" required maxLength={20} />
          </Field>
          <Field id="new-category-slug" label={t("admin.categories.slug")}>
            <input class="field__input" id="new-category-slug" name="slug" maxLength={40} pattern="[a-z0-9\-]+" />
          </Field>
          <button class="btn btn--block" type="submit">
            {t("admin.categories.createSubmit")}
          </button>
        </PostForm>
      </section>
    </AdminLayout>
  );
}
