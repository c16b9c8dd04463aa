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
  /** the same tiers as the merchant names them (黄金, 钻石); null = everyone */
  tierNames?: string[] | null;
  sale: SaleWindowView | null;
};

/** The header's member area: a member's balance, tier and check-in, or a guest's login hint. */
export type MemberBarView =
  | { kind: "member"; balance: number; tierName: string; checkedInToday: boolean; csrf: string; /** blocked in the console: can browse, cannot earn or redeem */ blocked?: boolean }
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

/** The home listing's search and paging (page size: see worker/catalog/home-data.ts). */
export type ListingView = {
  /** search text (name contains); null = no search */
  q: string | null;
  /** 1-based */
  page: number;
  hasMore: boolean;
};

/** A delivery address as typed into a form. */
export type AddressValues = { recipient: string; phone: string; region: string; detail: string };
/** One message per invalid field, shown next to it. */
export type AddressErrors = Partial<Record<keyof AddressValues, string>>;
/** A saved address of the member. */
export type AddressView = AddressValues & { id: number; isDefault: boolean };

/** Why the redeem button is disabled right now (the server refuses these anyway; this only explains). */
export type RedeemBlock =
  | { reason: "upcoming"; startsAt: number; now: number }
  | { reason: "ended" }
  | { reason: "sold_out" }
  | { reason: "tier"; tiers: string }
  | { reason: "points"; balance: number };

/** The physical item's address step, as first shown or re-rendered with errors (422). */
export type AddressStepView = {
  saved: AddressView[];
  /** "new", or the id of the chosen saved address */
  choice: string;
  values: AddressValues;
  errors: AddressErrors;
  /** a problem with the step as a whole (nothing chosen, address gone) */
  error?: { code: string; message: string };
};

/** The redeem form of one item for a member (README contract: id, key, _csrf, qty, address fields). */
export type RedeemFormView = {
  itemId: number;
  itemType: "physical" | "coupon" | "virtual";
  points: number;
  cashFen: number;
  /** idempotency key, fresh per render */
  key: string;
  csrf: string;
  block: RedeemBlock | null;
  /** the live sale's end (the area refreshes itself then); null when not a live sale */
  liveUntil: { endsAt: number; now: number } | null;
  /** physical items only */
  address: AddressStepView | null;
  /** "flash": rendered on /flash (the form's id carries the item id, several forms share the page) */
  place: "item" | "flash";
};

/** An order as the shopper pages show it (worker/redeem/types.ts OrderView fits it). */
export type OrderSummaryView = {
  id: string;
  itemId: number;
  itemName: string;
  itemType: "physical" | "coupon" | "virtual";
  qty: number;
  points: number;
  cashFen: number;
  status: "placed" | "shipped" | "completed" | "fulfilled" | "cancelled";
  couponCodes: string[];
  address: AddressValues | null;
  carrier: string | null;
  trackingNo: string | null;
  createdAt: number;
};

/** What a redemption answered, for the result fragment and page. */
export type RedeemOutcomeView =
  | { ok: true; order: OrderSummaryView; balance: number | null }
  | { ok: false; code: string; message: string; detail?: string };

/** One flash-sale item on /flash. */
export type FlashItemView = {
  item: ItemCardView;
  sale: SaleWindowView;
  perMemberLimit: number | null;
  /** null for guests */
  redeem: RedeemFormView | null;
};
