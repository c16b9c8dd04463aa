// What several of the console's items views share (a view's own props are beside it): plain data, no env/db.
import type { AdminMeView } from "../types";

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
  /** How many stock objects the stock is split across: create only ("" = the default: 4 for a flash sale,
   *  else 1); the edit form shows it, fixed. */
  stockShards: string;
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

export type ItemsCommon = { brandColor: string; timeZone: string; me: AdminMeView };
