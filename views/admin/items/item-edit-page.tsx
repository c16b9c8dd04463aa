import { t } from "../../i18n";
import { AdminLayout } from "../admin-layout";
import { ItemForm } from "./item-form";
import { ShelfToggle } from "./shelf-toggle";
import { CodesPanel, StockPanel } from "./stock-panel";
import type { CategoryOption, FieldErrors, ItemFormValues, ItemsCommon, TierOption } from "./types";
import type { CodesResultView, StockPanelView } from "./stock-panel";

export type AdminItemEditPageProps = ItemsCommon & {
  mode: "create" | "edit";
  values: ItemFormValues;
  errors: FieldErrors;
  categories: CategoryOption[];
  tiers: TierOption[];
  /** edit only */
  item?: { id: number; onShelf: boolean; type: string };
  stock?: StockPanelView;
  stockError?: string;
  codes?: { result?: CodesResultView; error?: string };
  /** "saved", "created", "stock" … after a successful post */
  notice?: string;
};

/** 新建商品 / 编辑商品: the form, and for an existing item its shelf state, live stock, codes and preview. */
export function AdminItemEditPage(p: AdminItemEditPageProps) {
  const title =
    p.mode === "create" ? t("admin.items.create.title") : t("admin.items.edit.title", { name: p.values.name });
  return (
    <AdminLayout title={title} brandColor={p.brandColor} me={p.me} current="items">
      <p>
        <a href="/admin/items">{t("admin.items.back")}</a>
      </p>
      <h1 class="page-title">{title}</h1>
      {p.notice && (
        <p class="alert alert--info" role="status" data-notice={p.notice}>
          {t("admin.items.saved")}
        </p>
      )}
      {p.item && (
        <div class="aitem__bar">
          <span class={p.item.onShelf ? "badge badge--brand" : "badge"} data-on-shelf={String(p.item.onShelf)}>
            {p.item.onShelf ? t("admin.items.onShelf") : t("admin.items.offShelf")}
          </span>
          <ShelfToggle
            itemId={p.item.id}
            onShelf={p.item.onShelf}
            csrf={p.me.csrf}
            back={`/admin/items/${p.item.id}`}
          />
          <a class="btn btn--sm btn--ghost" href={`/admin/items/${p.item.id}/preview`}>
            {t("admin.items.preview")}
          </a>
        </div>
      )}
      <section class="panel">
        <ItemForm
          mode={p.mode}
          itemId={p.item?.id}
          csrf={p.me.csrf}
          values={p.values}
          errors={p.errors}
          categories={p.categories}
          tiers={p.tiers}
          timeZone={p.timeZone}
        />
      </section>
      {p.item && p.stock && <StockPanel itemId={p.item.id} csrf={p.me.csrf} stock={p.stock} error={p.stockError} />}
      {p.item && p.stock && p.item.type === "coupon" && (
        <CodesPanel
          itemId={p.item.id}
          csrf={p.me.csrf}
          codesLeft={p.stock.codesLeft}
          result={p.codes?.result}
          error={p.codes?.error}
        />
      )}
    </AdminLayout>
  );
}
