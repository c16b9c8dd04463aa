// What kind of thing an item is (docs/architecture.md §2): a parcel to ship, a coupon with codes, or a
// service the merchant fulfils. The one list: the database column, the API's schemas, the console's filters
// and the views all use it.

export const ITEM_TYPES = ["physical", "coupon", "virtual"] as const;

export type ItemType = (typeof ITEM_TYPES)[number];

/** The most stock objects an item's stock may be split across (worker/stock/shards.ts): more is not a unit of
 *  coordination any merchant needs (16 × a few hundred writes/s). */
export const MAX_SHARDS = 16;

export const isItemType = (s: string): s is ItemType => (ITEM_TYPES as readonly string[]).includes(s);
