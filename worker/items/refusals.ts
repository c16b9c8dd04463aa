// Why a create or patch of an item was refused: a code and the facts behind it, never text
// (docs/architecture.md §2). The edge words them in the request's locale (worker/outcome-text.ts).
import type { ItemType } from "../../domain";

/** A field of the body that is wrong given what the database holds (the schema checked it on its own). */
export type ItemInvalid =
  | { ok: false; code: "VALIDATION_FAILED"; field: "saleStartsAt" | "saleEndsAt"; why: "sale_window_whole" }
  | {
      ok: false;
      code: "VALIDATION_FAILED";
      field: "saleEndsAt" | "visibleUntil";
      why: "not_after";
      other: "saleStartsAt" | "visibleFrom";
    }
  | { ok: false; code: "VALIDATION_FAILED"; field: "categoryId"; why: "no_category"; categoryId: number }
  | { ok: false; code: "VALIDATION_FAILED"; field: "tiers"; why: "no_tier"; tier: string; known: string[] };

export type ItemRefusal =
  | ItemInvalid
  | { ok: false; code: "ITEM_NOT_FOUND"; id: number }
  /** The sku names another item with other content, or the slugs it makes are taken. */
  | { ok: false; code: "SKU_TAKEN"; sku: string; takenBy: number }
  | { ok: false; code: "SKU_TAKEN"; sku: string; slugTaken: true }
  /** The item has orders, so its type stays. */
  | { ok: false; code: "TYPE_LOCKED"; from: ItemType; to: ItemType };
