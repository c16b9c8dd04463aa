// Plain-data props for the shopper views. The Worker maps database rows to these; views never see env/db/request.

export type MallView = {
  name: string;
  tagline: string;
  brandColor: string;
  logoUrl: string;
  bannerUrl: string;
  bannerAlt: string;
};

export type CategoryView = { slug: string; name: string };

export type StockState = "in_stock" | "low" | "sold_out";

export type ItemCardView = {
  id: number;
  slug: string;
  name: string;
  type: "physical" | "coupon" | "virtual";
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

export type FlashSaleView = {
  item: ItemCardView;
  startsAt: number;
  endsAt: number;
  /** epoch ms, from the server */
  now: number;
  state: "upcoming" | "live" | "ended";
  originalPoints: number;
};

export type HomeProps = {
  mall: MallView;
  categories: CategoryView[];
  /** slug; null = 全部 */
  activeCategory: string | null;
  items: ItemCardView[];
  flash: FlashSaleView | null;
};

export type ItemImageView = { url: string; width: number; height: number; alt: string };

/** A sale window (flash sale): redemption is open only inside it. */
export type SaleWindowView = {
  startsAt: number;
  endsAt: number;
  now: number;
  state: "upcoming" | "live" | "ended";
  originalPoints: number;
};

export type ItemDetailView = ItemCardView & {
  description: string;
  category: CategoryView | null;
  images: ItemImageView[];
  perMemberLimit: number | null;
  /** tier keys allowed to redeem; null = everyone */
  tiers: string[] | null;
  sale: SaleWindowView | null;
};

/** The header's member area: a member's balance, tier and check-in, or a guest's login hint. */
export type MemberBarView =
  | { kind: "member"; balance: number; tierName: string; checkedInToday: boolean; csrf: string }
  | { kind: "guest" };

export type CheckinResultView =
  | { ok: true; points: number; streakDay: number; tomorrowPoints: number }
  | { ok: false; message: string };

export type LedgerRowView = {
  id: string;
  kind: "earned" | "spent" | "refunded" | "expired" | "adjusted";
  amount: number;
  reason: string;
  createdAt: number;
  expiresAt: number | null;
};

export type PointsPageView = {
  balance: number;
  tier: { name: string; multiplier: number };
  /** null at the top tier */
  nextTier: { name: string; threshold: number; remaining: number } | null;
  earnedLast12Months: number;
  /** expiring within the next 30 days */
  expiringSoon: { points: number; expiresAt: number }[];
  checkin: { today: string; checkedInToday: boolean; streak: number; nextReward: number; monthDates: string[] };
  ledger: LedgerRowView[];
  nextCursor: string | null;
  /** IANA zone dates are shown in (the merchant's) */
  timeZone: string;
};
