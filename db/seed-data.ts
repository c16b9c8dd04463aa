// The demo mall: a neighbourhood café-bakery, 栗子咖啡. Images are in public/images/items/<slug>.svg.
import type { ItemType } from "../domain";

export const DEMO_SETTINGS = {
  mallName: "栗子咖啡积分商城",
  tagline: "每一杯都算数",
  brandColor: "#b5651d",
  bannerAlt: "积分当钱花，好礼天天换",
  timeZone: "Asia/Shanghai",
};

export const DEMO_CATEGORIES = [
  { slug: "coffee", name: "咖啡兑换" },
  { slug: "bakery", name: "烘焙甜点" },
  { slug: "goods", name: "周边好物" },
  { slug: "vouchers", name: "优惠券" },
] as const;

export type DemoItem = {
  sku: string;
  slug: string;
  name: string;
  category: (typeof DEMO_CATEGORIES)[number]["slug"];
  type: ItemType;
  points: number;
  cashFen?: number;
  stock: number;
  perMemberLimit?: number;
  description: string;
  flash?: { originalPoints: number; startsInMinutes: number; lastsHours: number };
};

export const DEMO_ITEMS: DemoItem[] = [
  {
    sku: "CF-LATTE",
    slug: "latte-coupon",
    name: "拿铁兑换券",
    category: "coffee",
    type: "coupon",
    points: 300,
    stock: 200,
    perMemberLimit: 5,
    description: "任意门店兑换中杯拿铁一杯，30 天内有效。",
  },
  {
    sku: "CF-AMERICANO",
    slug: "americano-coupon",
    name: "美式咖啡券",
    category: "coffee",
    type: "coupon",
    points: 200,
    stock: 300,
    perMemberLimit: 5,
    description: "中杯美式一杯，冰热可选。",
  },
  {
    sku: "CF-COLDBREW",
    slug: "cold-brew-coupon",
    name: "冷萃咖啡券",
    category: "coffee",
    type: "coupon",
    points: 350,
    stock: 8,
    perMemberLimit: 2,
    description: "12 小时慢萃，每日限量。",
  },
  {
    sku: "BK-CROISSANT",
    slug: "croissant",
    name: "黄油可颂",
    category: "bakery",
    type: "virtual",
    points: 150,
    stock: 120,
    description: "法国发酵黄油，到店出示订单号领取。",
  },
  {
    sku: "BK-BASQUE",
    slug: "basque-cheesecake",
    name: "巴斯克芝士蛋糕",
    category: "bakery",
    type: "virtual",
    points: 450,
    stock: 40,
    perMemberLimit: 2,
    description: "焦香外皮，绵密内心，6 寸整只需提前一天预约。",
  },
  {
    sku: "BK-COOKIES",
    slug: "cookie-gift-box",
    name: "手工曲奇礼盒",
    category: "bakery",
    type: "physical",
    points: 800,
    stock: 60,
    description: "六种口味共 24 枚，顺丰包邮。",
  },
  {
    sku: "GD-MUG",
    slug: "brand-mug",
    name: "品牌马克杯",
    category: "goods",
    type: "physical",
    points: 1200,
    stock: 35,
    description: "350ml 陶瓷马克杯，栗子色釉面。",
  },
  {
    sku: "GD-TOTE",
    slug: "canvas-tote",
    name: "帆布托特包",
    category: "goods",
    type: "physical",
    points: 300,
    cashFen: 1000,
    stock: 50,
    description: "12 安加厚帆布，积分 + 现金更划算。",
  },
  {
    sku: "GD-TUMBLER",
    slug: "thermal-tumbler",
    name: "保温随行杯",
    category: "goods",
    type: "physical",
    points: 990,
    stock: 20,
    perMemberLimit: 1,
    description: "316 不锈钢内胆，保温 6 小时。限时秒杀，每人限兑 1 个。",
    flash: { originalPoints: 2000, startsInMinutes: 10, lastsHours: 72 },
  },
  {
    sku: "GD-BEANS",
    slug: "coffee-beans",
    name: "精品咖啡豆 250g",
    category: "goods",
    type: "physical",
    points: 1500,
    stock: 3,
    description: "埃塞俄比亚耶加雪菲，当周烘焙。",
  },
  {
    sku: "GD-DRIP",
    slug: "drip-bags",
    name: "挂耳咖啡 10 包",
    category: "goods",
    type: "physical",
    points: 600,
    stock: 0,
    description: "拼配豆挂耳，办公室常备。",
  },
  {
    sku: "VC-10",
    slug: "voucher-10",
    name: "满50减10券",
    category: "vouchers",
    type: "coupon",
    points: 100,
    stock: 500,
    perMemberLimit: 3,
    description: "单笔满 50 元可用，不与其他优惠同享。",
  },
  {
    sku: "VC-20",
    slug: "voucher-20",
    name: "满100减20券",
    category: "vouchers",
    type: "coupon",
    points: 180,
    stock: 300,
    perMemberLimit: 3,
    description: "单笔满 100 元可用。",
  },
  {
    sku: "VC-DELIVERY",
    slug: "free-delivery",
    name: "免配送费券",
    category: "vouchers",
    type: "coupon",
    points: 60,
    stock: 1000,
    description: "外卖订单免配送费一次。",
  },
];

export const DEMO_MEMBERS = [
  { uid: "demo-alice", nickname: "小栗子" },
  { uid: "demo-bob", nickname: "阿哲" },
  { uid: "demo-carol", nickname: "Carol" },
];
