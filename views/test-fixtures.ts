// Realistic props for tests and previews: the demo café-bakery 栗子咖啡 (mirrors db/seed-data.ts).
import type { CategoryView } from "./components/category-tabs";
import type { FlashSaleView } from "./components/flash-sale-strip";
import type { ItemCardView, StockState } from "./components/item-card";
import type { MallView } from "./layout";
import type { HomeProps } from "./pages/home-page";

export const demoMall: MallView = {
  name: "栗子咖啡积分商城",
  tagline: "每一杯都算数",
  brandColor: "#b5651d",
  logoUrl: "/images/logo.svg",
  bannerUrl: "/images/banner.svg",
  bannerAlt: "积分当钱花，好礼天天换",
};

export const demoCategories: CategoryView[] = [
  { slug: "coffee", name: "咖啡兑换" },
  { slug: "bakery", name: "烘焙甜点" },
  { slug: "goods", name: "周边好物" },
  { slug: "vouchers", name: "优惠券" },
];

type Row = [
  slug: string,
  name: string,
  category: string,
  type: ItemCardView["type"],
  points: number,
  cashFen: number,
  stock: number,
];

const ROWS: Row[] = [
  ["latte-coupon", "拿铁兑换券", "coffee", "coupon", 300, 0, 200],
  ["americano-coupon", "美式咖啡券", "coffee", "coupon", 200, 0, 300],
  ["cold-brew-coupon", "冷萃咖啡券", "coffee", "coupon", 350, 0, 8],
  ["croissant", "黄油可颂", "bakery", "virtual", 150, 0, 120],
  ["basque-cheesecake", "巴斯克芝士蛋糕", "bakery", "virtual", 450, 0, 40],
  ["cookie-gift-box", "手工曲奇礼盒", "bakery", "physical", 800, 0, 60],
  ["brand-mug", "品牌马克杯", "goods", "physical", 1200, 0, 35],
  ["canvas-tote", "帆布托特包", "goods", "physical", 300, 1000, 50],
  ["thermal-tumbler", "保温随行杯", "goods", "physical", 990, 0, 20],
  ["coffee-beans", "精品咖啡豆 250g", "goods", "physical", 1500, 0, 3],
  ["drip-bags", "挂耳咖啡 10 包", "goods", "physical", 600, 0, 0],
  ["voucher-10", "满50减10券", "vouchers", "coupon", 100, 0, 500],
  ["voucher-20", "满100减20券", "vouchers", "coupon", 180, 0, 300],
  ["free-delivery", "免配送费券", "vouchers", "coupon", 60, 0, 1000],
];

const stockState = (stock: number): StockState => (stock === 0 ? "sold_out" : stock <= 10 ? "low" : "in_stock");

export const demoItems: (ItemCardView & { category: string })[] = ROWS.map(
  ([slug, name, category, type, points, cashFen, stock], i) => ({
    id: i + 1,
    slug,
    name,
    category,
    type,
    points,
    cashFen,
    imageUrl: `/images/items/${slug}.svg`,
    imageWidth: 400,
    imageHeight: 400,
    stock,
    stockState: stockState(stock),
    href: `/items/${i + 1}`,
  }),
);

export function itemsIn(category: string | null): ItemCardView[] {
  return demoItems.filter((it) => category == null || it.category === category);
}

/** The tumbler flash sale (990 vs 2000 积分) in a given state, as seen at `now`. */
export function demoFlash(state: FlashSaleView["state"], now: number): FlashSaleView {
  const item = demoItems.find((it) => it.slug === "thermal-tumbler")!;
  const startsAt = state === "upcoming" ? now + 10 * 60_000 : now - 2 * 3600_000;
  const endsAt =
    state === "ended" ? now - 60_000 : state === "live" ? now + 3600_000 + 61_000 : startsAt + 72 * 3600_000;
  return { item, startsAt, endsAt, now, state, originalPoints: 2000 };
}

export function demoHome(category: string | null = null, now = Date.UTC(2026, 4, 1, 2, 0, 0)): HomeProps {
  return {
    mall: demoMall,
    categories: demoCategories,
    activeCategory: category,
    items: itemsIn(category),
    flash: demoFlash("upcoming", now),
  };
}
