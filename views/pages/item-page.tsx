import { SaleWindow } from "../components/sale-window";
import { formatPointsPrice, formatStock } from "../format";
import { t } from "../i18n";
import { Layout } from "../layout";
import type { ComponentChildren } from "preact";
import type { MallView } from "../layout";
import type { CategoryView } from "../components/category-tabs";
import type { ItemCardView } from "../components/item-card";
import type { SaleWindowView } from "../components/sale-window";
import type { WechatShareView } from "../components/wechat-share";

export type ItemImageView = { url: string; width: number; height: number; alt: string };

export type ItemDetailView = ItemCardView & {
  description: string;
  category: CategoryView | null;
  images: ItemImageView[];
  perMemberLimit: number | null;
  /** tier keys allowed to redeem; null = everyone */
  tiers: string[] | null;
  /** the same tiers as the merchant names them (黄金, 钻石); null = everyone */
  tierNames?: string[] | null;
  sale: SaleWindowView | null;
};

export type ItemPageProps = {
  mall: MallView;
  item: ItemDetailView;
  /** The redeem form (or the reason it is closed) goes here. */
  action?: ComponentChildren;
  headerExtra?: ComponentChildren;
  /** the share card in WeChat (Layout) */
  share?: WechatShareView | null;
};

/** Item detail: images, price, stock, limits, sale window and description. */
export function ItemPage({ mall, item, action, headerExtra, share }: ItemPageProps) {
  const [cover, ...more] = item.images;
  return (
    <Layout
      mall={mall}
      title={t("page.title", { title: item.name, mall: mall.name })}
      headerExtra={headerExtra}
      share={share}
    >
      <article class="detail">
        {cover && (
          <img
            class="detail__img"
            src={cover.url}
            width={cover.width}
            height={cover.height}
            alt={cover.alt || item.name}
          />
        )}
        <div class="detail__body">
          <h1 class="detail__name">{item.name}</h1>
          <p class="price detail__price">{formatPointsPrice(item.points, item.cashFen)}</p>
          {item.sale && <SaleWindow sale={item.sale} />}
          <p>
            <span class={`badge badge--${item.stockState.replace("_", "-")}`}>{formatStock(item)}</span>
          </p>
          <ul class="detail__facts">
            <li>{t(`item.type.${item.type}`)}</li>
            <li>{item.perMemberLimit ? t("item.limit", { limit: item.perMemberLimit }) : t("item.noLimit")}</li>
            {item.tiers && item.tiers.length > 0 && (
              <li>{t("item.tiersOnly", { tiers: (item.tierNames ?? item.tiers).join(" / ") })}</li>
            )}
            {item.category && (
              <li>
                <a href={`/?category=${item.category.slug}`}>{t("item.category", { name: item.category.name })}</a>
              </li>
            )}
          </ul>
          {action}
        </div>
        <section class="detail__desc">
          <h2>{t("item.description")}</h2>
          <p>{item.description}</p>
          {more.map((img) => (
            <img src={img.url} width={img.width} height={img.height} alt={img.alt} loading="lazy" decoding="async" />
          ))}
        </section>
      </article>
    </Layout>
  );
}
