import { formatPointsPrice, formatStock } from "../format";
import type { ItemType } from "../../domain";

export type StockState = "in_stock" | "low" | "sold_out";

export type ItemCardView = {
  id: number;
  slug: string;
  name: string;
  type: ItemType;
  points: number;
  /** 0 = points only; e.g. 300 积分 + ¥10.00 when cashFen = 1000 */
  cashFen: number;
  imageUrl: string;
  imageWidth: number;
  imageHeight: number;
  stock: number;
  stockState: StockState;
  /** item detail URL, e.g. /items/12 */
  href: string;
};

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
