// What the items pages of the console show: plain data, no env/db.
import type { AdminMeView } from "../types";
import type { ItemType } from "../../../domain";

export type AdminImageView = { url: string; width: number; height: number; alt: string };

/** The create/edit form as typed (strings, so a refused form comes back as entered). */
export type ItemFormValues = {
  sku: string;
  name: string;
  type: string;
  description: string;
  categoryId: string;
  points: string;
  /** yuan, e.g. "9.90" */
  cashYuan: string;
  originalPoints: string;
  /** create only */
  stock: string;
  perMemberLimit: string;
  /** datetime-local values in the merchant's time zone */
  visibleFrom: string;
  visibleUntil: string;
  saleStartsAt: string;
  saleEndsAt: string;
  tiers: string[];
  /** images the item keeps (edit) */
  images: AdminImageView[];
};

/** field name → message */
export type FieldErrors = Partial<Record<keyof ItemFormValues | "form", string>>;

export type CategoryOption = { id: number; name: string };
export type TierOption = { key: string; name: string };

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

export type StockPanelView = {
  available: number;
  held: number;
  sold: number;
  codesLeft: number;
  /** fresh idempotency ref for the next adjustment form */
  adjustRef: string;
};

export type CodesResultView = { added: number; duplicates: number; rejected: number };

export type AdminCategoryView = { id: number; slug: string; name: string; sort: number; itemCount: number };

export type ItemsCommon = { brandColor: string; timeZone: string; me: AdminMeView };
