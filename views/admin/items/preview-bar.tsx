import { t } from "../../i18n";

/** Shown above the inert redeem button in the console's preview: it is not the live page. */
export function PreviewBanner({ itemId, onShelf }: { itemId: number; onShelf: boolean }) {
  return (
    <p class="alert alert--info preview-banner" role="status" data-preview={itemId}>
      {t("admin.items.previewBanner")}
      {!onShelf && ` ${t("admin.items.previewOffShelf")}`}{" "}
      <a href={`/admin/items/${itemId}`}>{t("admin.items.previewBack")}</a>
    </p>
  );
}

/** The header's way back to the editor: short, as the shopper's header bar does not wrap (its banner is in the page). */
export function PreviewBackLink({ itemId }: { itemId: number }) {
  return <a href={`/admin/items/${itemId}`}>{t("admin.items.previewBack")}</a>;
}

/** The redeem button as the shopper would see it, inert. */
export function PreviewRedeem() {
  return (
    <button class="btn btn--block" type="button" disabled aria-disabled="true" data-preview-redeem>
      {t("admin.items.previewRedeem")}
    </button>
  );
}
