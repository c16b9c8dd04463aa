import type { ComponentChildren } from "preact";
import { FlashStock } from "../components/flash-stock";
import { Message } from "../components/message";
import { RedeemArea } from "../components/redeem-area";
import { SaleWindow } from "../components/sale-window";
import { formatPointsPrice } from "../format";
import { t } from "../i18n";
import { Layout } from "../layout";
import type { MallView } from "../layout";
import type { ItemCardView } from "../components/item-card";
import type { RedeemFormView } from "../components/redeem-area";
import type { SaleWindowView } from "../components/sale-window";

/** One flash-sale item on /flash. */
export type FlashItemView = {
  item: ItemCardView;
  sale: SaleWindowView;
  perMemberLimit: number | null;
  /** null for guests */
  redeem: RedeemFormView | null;
};

export type FlashPageProps = {
  mall: MallView;
  items: FlashItemView[];
  guest: boolean;
  headerExtra?: ComponentChildren;
};

function FlashItem({ entry, guest }: { entry: FlashItemView; guest: boolean }) {
  const { item, sale } = entry;
  const titleId = `flash-item-${item.id}`;
  return (
    <article class={`fitem fitem--${sale.state}`} aria-labelledby={titleId}>
      <a class="fitem__top" href={item.href}>
        <img class="fitem__img" src={item.imageUrl} width={item.imageWidth} height={item.imageHeight} alt="" />
        <span class="fitem__body">
          <span id={titleId} class="fitem__name">
            {item.name}
          </span>
          <span class="price">{formatPointsPrice(item.points, item.cashFen)}</span>
          {entry.perMemberLimit !== null && (
            <span class="fitem__limit">{t("flash.limit", { limit: entry.perMemberLimit })}</span>
          )}
        </span>
      </a>
      <div class="fitem__state">
        <SaleWindow sale={sale} />
        <FlashStock itemId={item.id} stock={item.stock} live={sale.state !== "ended"} />
      </div>
      {sale.state !== "ended" &&
        (guest ? (
          <RedeemArea itemId={item.id} form={null} />
        ) : (
          entry.redeem && <RedeemArea itemId={item.id} form={entry.redeem} />
        ))}
    </article>
  );
}

/** 限时秒杀: every current flash sale with its clock, live stock, limit and redeem form. */
export function FlashPage({ mall, items, guest, headerExtra }: FlashPageProps) {
  return (
    <Layout
      mall={mall}
      title={t("page.title", { title: t("flash.pageTitle"), mall: mall.name })}
      headerExtra={headerExtra}
    >
      <h1 class="page-title">{t("flash.pageTitle")}</h1>
      {items.length ? (
        items.map((entry) => <FlashItem key={entry.item.id} entry={entry} guest={guest} />)
      ) : (
        <Message
          icon="empty"
          heading="h2"
          title={t("flash.emptyTitle")}
          text={t("flash.emptyHint")}
          action={{ href: "/", label: t("common.backHome") }}
        />
      )}
    </Layout>
  );
}
