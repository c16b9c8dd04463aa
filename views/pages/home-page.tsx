import type { ComponentChildren } from "preact";
import { Catalog } from "../components/catalog";
import { FlashSaleStrip } from "../components/flash-sale-strip";
import { Layout } from "../layout";
import { t } from "../i18n";
import type { ListingView } from "../components/catalog";
import type { CategoryView } from "../components/category-tabs";
import type { MallView } from "../layout";
import type { FlashSaleView } from "../components/flash-sale-strip";
import { LotteryStrip, type LiveLotteryView } from "../lottery/lottery-strip";
import { TasksLink } from "../tasks/tasks-link";
import { LeaderboardLink } from "../leaderboard/leaderboard-link";
import { CampaignBanner, type CampaignBannerView } from "../campaigns/campaign-banner";
import type { ItemCardView } from "../components/item-card";
import type { WechatShareView } from "../components/wechat-share";

export type HomeProps = {
  mall: MallView;
  categories: CategoryView[];
  /** slug; null = 全部 */
  activeCategory: string | null;
  items: ItemCardView[];
  flash: FlashSaleView | null;
  /** Lotteries open now (linked under the flash sale). */
  lotteries?: LiveLotteryView[];
  /** 积分翻倍日 (and the member's birthday) on now */
  campaigns?: CampaignBannerView | null;
};

export type HomePageProps = HomeProps & {
  /** forwarded to Layout's header slot (member area) */
  headerExtra?: ComponentChildren;
  /** search and paging of the listing */
  listing?: ListingView;
  /** the share card in WeChat (Layout) */
  share?: WechatShareView | null;
};

/** Banner is 750×300 (2.5:1); other sizes are cropped to that box by CSS. */
export const BANNER_WIDTH = 750;
export const BANNER_HEIGHT = 300;

/** Document title of the home page / a category listing: "烘焙甜点 - 栗子咖啡积分商城". */
export function homeTitle(
  mall: MallView,
  categories: CategoryView[],
  activeCategory: string | null,
  q: string | null = null,
): string {
  const active = categories.find((c) => c.slug === activeCategory);
  const parts = [q ? t("search.title", { q }) : null, active?.name ?? null].filter((p): p is string => p !== null);
  return parts.length ? t("page.title", { title: parts.join(" · "), mall: mall.name }) : mall.name;
}

export function HomePage({
  mall,
  categories,
  activeCategory,
  items,
  flash,
  lotteries,
  campaigns,
  headerExtra,
  listing,
  share,
}: HomePageProps) {
  return (
    <Layout
      mall={mall}
      title={homeTitle(mall, categories, activeCategory, listing?.q ?? null)}
      headerExtra={headerExtra}
      share={share}
    >
      <h1 class="sr">
        {mall.name} · {mall.tagline}
      </h1>
      <img
        class="banner"
        src={mall.bannerUrl}
        width={BANNER_WIDTH}
        height={BANNER_HEIGHT}
        alt={mall.bannerAlt || mall.tagline}
        fetchpriority="high"
      />
      <CampaignBanner banner={campaigns ?? null} />
      {flash && <FlashSaleStrip flash={flash} />}
      {lotteries && <LotteryStrip lotteries={lotteries} />}
      <TasksLink />
      <LeaderboardLink />
      <Catalog categories={categories} activeCategory={activeCategory} items={items} listing={listing} />
    </Layout>
  );
}
