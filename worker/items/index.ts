// The items write model (create, patch) and the item with its images, as the Merchant API and the console use them.
export { createItem, type CreateItemOutcome } from "./create-item";
export { patchItem, type PatchItemOutcome } from "./patch-item";
export { readItem, type ImageRow, type ItemRow, type ItemWithImages } from "./rows";
export { fallbackSlugOf, slugOf } from "./slug";
export type { ItemInvalid, ItemRefusal } from "./refusals";
