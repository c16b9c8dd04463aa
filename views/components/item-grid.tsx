import type { ItemCardView } from "../types";
import { ItemCard } from "./item-card";

export type ItemGridProps = {
  items: ItemCardView[];
  /** how many leading cards load their image eagerly (the first screen) */
  eagerCount?: number;
};

export const EAGER_ITEM_IMAGES = 4;

/** Two-column grid of item cards. */
export function ItemGrid({ items, eagerCount = EAGER_ITEM_IMAGES }: ItemGridProps) {
  return (
    <ul class="grid">
      {items.map((item, i) => (
        <li key={item.id}>
          <ItemCard item={item} eager={i < eagerCount} />
        </li>
      ))}
    </ul>
  );
}
