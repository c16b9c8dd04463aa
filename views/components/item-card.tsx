import { formatPointsPrice, formatStock } from "../format";
import type { ItemCardView } from "../types";

export type ItemCardProps = {
  item: ItemCardView;
  /** above the fold: load at once; otherwise lazy + async decode */
  eager?: boolean;
};

export function ItemCard({ item, eager = false }: ItemCardProps) {
  const soldOut = item.stockState === "sold_out";
  return (
    <a class={soldOut ? "card card--out" : "card"} href={item.href}>
      <img
        class="card__img"
        src={item.imageUrl}
        width={item.imageWidth}
        height={item.imageHeight}
        alt=""
        {...(eager ? {} : { loading: "lazy", decoding: "async" })}
      />
      <h3 class="card__name">{item.name}</h3>
      <p class="price">{formatPointsPrice(item.points, item.cashFen)}</p>
      <span class={`badge badge--${item.stockState.replace("_", "-")}`}>{formatStock(item)}</span>
    </a>
  );
}
