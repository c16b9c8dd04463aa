import { t } from "../../i18n";
import { PostForm } from "../../components/post-form";

export type ShelfToggleProps = { itemId: number; onShelf: boolean; csrf: string; back: string };

/** 上架 / 下架 for one item; `back` is where the console returns afterwards (the list or the edit page). */
export function ShelfToggle({ itemId, onShelf, csrf, back }: ShelfToggleProps) {
  return (
    <PostForm csrf={csrf} class="aitem__shelf" method="post" action={`/admin/items/${itemId}/shelf`}>
      <input type="hidden" name="onShelf" value={onShelf ? "false" : "true"} />
      <input type="hidden" name="back" value={back} />
      <button
        class={onShelf ? "btn btn--sm btn--ghost" : "btn btn--sm"}
        type="submit"
        data-shelf-toggle={onShelf ? "off" : "on"}
      >
        {onShelf ? t("admin.items.shelf.takeOff") : t("admin.items.shelf.putOn")}
      </button>
    </PostForm>
  );
}
