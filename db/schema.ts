// The Turso (libSQL) side of the data: the system of record for everything the Durable Objects do not own,
// and the read model (projections) of what they do own. See docs/architecture.md §2.
// Times are epoch milliseconds (integers); money is fen (integers); points are integers.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ITEM_TYPES, LEDGER_KINDS, MESSAGE_KINDS, ORDER_STATUSES, PAYMENT_STATES } from "../domain";

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

/** Merchant settings: exactly one row (id = 1). Rule tables are JSON validated by zod in worker/settings. */
export const settings = sqliteTable("settings", {
  id: integer("id").primaryKey(),
  mallName: text("mall_name").notNull(),
  tagline: text("tagline").notNull().default(""),
  brandColor: text("brand_color").notNull().default("#07c160"),
  logoUrl: text("logo_url").notNull().default("/images/logo.svg"),
  bannerUrl: text("banner_url").notNull().default("/images/banner.svg"),
  bannerAlt: text("banner_alt").notNull().default(""),
  timeZone: text("time_zone").notNull().default("Asia/Shanghai"),
  /** Earning, check-in, caps, expiry and tier rules as one JSON document (see worker/settings). */
  rules: text("rules", { mode: "json" }).notNull().default(sql`'{}'`),
  /** WeChat login asks for nickname and avatar (snsapi_userinfo, a consent page) instead of silently (snsapi_base). */
  wechatUserinfo: integer("wechat_userinfo", { mode: "boolean" }).notNull().default(false),
  updatedAt: integer("updated_at").notNull().default(now),
});

export const categories = sqliteTable("categories", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  sort: integer("sort").notNull().default(0),
  createdAt: integer("created_at").notNull().default(now),
});

export const items = sqliteTable(
  "items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sku: text("sku").notNull().unique(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    type: text("type", { enum: ITEM_TYPES }).notNull(),
    categoryId: integer("category_id").references(() => categories.id),
    /** Points price; with cashFen > 0 the price is points + cash (e.g. 300 积分 + ¥10). */
    points: integer("points").notNull(),
    cashFen: integer("cash_fen").notNull().default(0),
    /** Price before a flash sale, shown struck through; null when the item is not discounted. */
    originalPoints: integer("original_points"),
    perMemberLimit: integer("per_member_limit"),
    visibleFrom: integer("visible_from"),
    visibleUntil: integer("visible_until"),
    /** Sale window: a flash sale when set; redemption is refused outside it. */
    saleStartsAt: integer("sale_starts_at"),
    saleEndsAt: integer("sale_ends_at"),
    /** Tier keys allowed to redeem (JSON array); null = everyone. */
    tiers: text("tiers", { mode: "json" }).$type<string[] | null>(),
    onShelf: integer("on_shelf", { mode: "boolean" }).notNull().default(true),
    /** Stock when the item was created: the item's stock object starts its count from it the first time it
     *  is touched. Every later change goes through the object (Stock.adjust), never through this column. */
    initialStock: integer("initial_stock").notNull().default(0),
    /** How many stock objects the item's stock is split across (issue 13): 1 = one object named by the id;
     *  N > 1 = the initial stock divided over N objects (worker/stock/sharded-stock.ts). Set when the item is
     *  created (a flash sale defaults to 4) and fixed afterwards: each object started its count from its share. */
    stockShards: integer("stock_shards").notNull().default(1),
    sort: integer("sort").notNull().default(0),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [index("items_category_idx").on(t.categoryId, t.sort), index("items_sale_idx").on(t.saleStartsAt)],
);

export const itemImages = sqliteTable(
  "item_images",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    itemId: integer("item_id")
      .notNull()
      .references(() => items.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    alt: text("alt").notNull().default(""),
    sort: integer("sort").notNull().default(0),
  },
  (t) => [index("item_images_item_idx").on(t.itemId, t.sort)],
);

/** Projection of each item's stock object (docs/architecture.md §2); `version` is the object's sequence number.
 *  on_hand = units that can still be reserved right now (StockStatus.available: not held, not sold, and for
 *  a coupon item with an imported code pool at most the codes not yet spoken for); held = units in holds
 *  awaiting the wallet; sold = units sold (cancelled sales restocked are not counted). */
export const stockProjection = sqliteTable("stock_projection", {
  itemId: integer("item_id")
    .primaryKey()
    .references(() => items.id, { onDelete: "cascade" }),
  onHand: integer("on_hand").notNull(),
  held: integer("held").notNull().default(0),
  sold: integer("sold").notNull().default(0),
  /** Coupon items: imported codes not yet given out. */
  codesLeft: integer("codes_left").notNull().default(0),
  version: integer("version").notNull().default(0),
  updatedAt: integer("updated_at").notNull().default(now),
});

/** One row per stock object of an item (shard 0 is the object named by the item id): its own counts, as its
 *  outbox last pushed them. stock_projection is their sum, recomputed in the same batch. */
export const stockShardProjection = sqliteTable(
  "stock_shard_projection",
  {
    itemId: integer("item_id")
      .notNull()
      .references(() => items.id, { onDelete: "cascade" }),
    shard: integer("shard").notNull(),
    onHand: integer("on_hand").notNull(),
    held: integer("held").notNull().default(0),
    sold: integer("sold").notNull().default(0),
    codesLeft: integer("codes_left").notNull().default(0),
    version: integer("version").notNull().default(0),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.shard] })],
);

export const members = sqliteTable("members", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** The merchant's own user id: the key members are known by everywhere. */
  uid: text("uid").notNull().unique(),
  nickname: text("nickname").notNull().default(""),
  avatarUrl: text("avatar_url"),
  blocked: integer("blocked", { mode: "boolean" }).notNull().default(false),
  /** 积分排行榜: the member chose to stay off the leaderboard (worker/leaderboard). */
  leaderboardOptOut: integer("leaderboard_opt_out", { mode: "boolean" }).notNull().default(false),
  createdAt: integer("created_at").notNull().default(now),
  updatedAt: integer("updated_at").notNull().default(now),
});

/** Projection of each wallet object's balance and tier. */
export const balanceProjection = sqliteTable("balance_projection", {
  uid: text("uid").primaryKey(),
  balance: integer("balance").notNull(),
  tier: text("tier").notNull(),
  earnedLast12Months: integer("earned_last_12_months").notNull().default(0),
  /** The wallet's open lots that have an expiry, summed per expiry instant, soonest first: what expires when
   *  (the dashboard's liability and "expiring in 30/90 days" read it). */
  expiring: text("expiring", { mode: "json" })
    .$type<{ expiresAt: number; points: number }[]>()
    .notNull()
    .default(sql`'[]'`),
  version: integer("version").notNull().default(0),
  updatedAt: integer("updated_at").notNull().default(now),
});

/** The ledger kinds are domain/ledger.ts; re-exported for the wallet object, which imports them from here. */
export type { LedgerKind } from "../domain";

/** Projection of each wallet's ledger; (uid, seq) is the wallet's own numbering, so upserts are idempotent. */
export const ledgerProjection = sqliteTable(
  "ledger_projection",
  {
    uid: text("uid").notNull(),
    seq: integer("seq").notNull(),
    kind: text("kind", { enum: LEDGER_KINDS }).notNull(),
    amount: integer("amount").notNull(),
    balanceAfter: integer("balance_after").notNull(),
    /** The caller's text; "" where the wallet wrote its own reason as a key (reasonKey + reasonParams, JSON),
     *  rendered in the reader's locale from the catalogue. Null key: the text is the reason. */
    reason: text("reason").notNull(),
    reasonKey: text("reason_key"),
    reasonParams: text("reason_params"),
    source: text("source").notNull(),
    ref: text("ref").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.uid, t.seq] }),
    index("ledger_created_idx").on(t.createdAt),
    // 积分排行榜 (worker/leaderboard): a week's or month's earnings summed per member from this index alone
    // (a range on created_at within kind = 'earned', uid and amount covered).
    index("ledger_earned_idx").on(t.kind, t.createdAt, t.uid, t.amount),
  ],
);

export const orders = sqliteTable(
  "orders",
  {
    /** Human-facing order number, assigned by the redemption flow. */
    id: text("id").primaryKey(),
    /** The redemption's idempotency key: one order per key. */
    key: text("key").notNull().unique(),
    uid: text("uid").notNull(),
    itemId: integer("item_id")
      .notNull()
      .references(() => items.id),
    /** The item's name and type when the order was made (so lists need no join and survive renames). */
    itemName: text("item_name").notNull().default(""),
    itemType: text("item_type", { enum: ITEM_TYPES }).notNull().default("physical"),
    /** Units; points and cashFen are the order's totals (unit price × qty). */
    qty: integer("qty").notNull(),
    points: integer("points").notNull(),
    cashFen: integer("cash_fen").notNull().default(0),
    /** placed (wallet committed; physical awaits shipping, virtual awaits the shop) → shipped / fulfilled;
     *  coupon orders are completed as soon as the stock object has given out their codes; cancelled. */
    status: text("status", { enum: ORDER_STATUSES }).notNull(),
    /** Coupon orders: one code per unit (JSON array), each code given to exactly one order. */
    couponCodes: text("coupon_codes", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    address: text("address", { mode: "json" }).$type<{
      recipient: string;
      phone: string;
      region: string;
      detail: string;
    } | null>(),
    carrier: text("carrier"),
    trackingNo: text("tracking_no"),
    cancelReason: text("cancel_reason"),
    /** When a cancellation's refund and restock had both succeeded (ms). Null on a cancelled order = not known
     *  to be settled: the cron sweeper (worker/redeem/settle-cancellations.ts) re-drives it, idempotently. */
    cancelSettledAt: integer("cancel_settled_at"),
    /** An order with a cash part: when its payment window ends (ms). Set at birth by the trigger
     *  orders_pay_deadline from payment_settings.pay_window_minutes, so changing the setting never moves the
     *  deadline of an order already placed. Null on older orders: createdAt + 15 min (worker/payments). */
    payDeadlineAt: integer("pay_deadline_at"),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [
    index("orders_uid_idx").on(t.uid, t.createdAt),
    index("orders_item_idx").on(t.itemId),
    index("orders_status_idx").on(t.status, t.createdAt),
    // Only the cancellations still to settle (normally a handful), oldest first, for the sweeper.
    index("orders_cancel_unsettled_idx")
      .on(t.updatedAt, t.id)
      .where(sql`status = 'cancelled' and cancel_settled_at is null`),
  ],
);

/** Projection of the sales each item's stock object made (its SOLD and RESTOCKED holds), keyed by the
 *  redemption key: who bought how many units and which coupon codes they got. The wallet's order insert
 *  reads it, so a coupon order lands `completed` with its codes whichever outbox reaches Turso first. */
export const stockSales = sqliteTable(
  "stock_sales",
  {
    key: text("key").primaryKey(),
    itemId: integer("item_id").notNull(),
    uid: text("uid").notNull(),
    qty: integer("qty").notNull(),
    state: text("state", { enum: ["sold", "restocked"] }).notNull(),
    couponCodes: text("coupon_codes", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    /** The stock object's version at this sale's last change (upserts only move forward). */
    version: integer("version").notNull(),
    soldAt: integer("sold_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("stock_sales_item_idx").on(t.itemId, t.state)],
);

/** Redemption keys as claimed by the redemption flow once the key's units are held: a key means one (member,
 *  item, qty) forever, and the first claim decides which (a unique key, one conditional insert), so no two
 *  members or items can both spend it (issue 14). Keys of orders made before the table are claimed by the
 *  migration that created it. */
export const redeemKeys = sqliteTable("redeem_keys", {
  key: text("key").primaryKey(),
  uid: text("uid").notNull(),
  itemId: integer("item_id").notNull(),
  qty: integer("qty").notNull(),
  claimedAt: integer("claimed_at").notNull(),
});

export const addresses = sqliteTable(
  "addresses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    uid: text("uid").notNull(),
    recipient: text("recipient").notNull(),
    phone: text("phone").notNull(),
    region: text("region").notNull(),
    detail: text("detail").notNull(),
    isDefault: integer("is_default", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [index("addresses_uid_idx").on(t.uid)],
);

export const ADMIN_ROLES = ["owner", "operator"] as const;

export const adminUsers = sqliteTable("admin_users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  email: text("email").notNull().unique(),
  /** PBKDF2-SHA256 via WebCrypto: "pbkdf2$<iterations>$<salt b64>$<hash b64>". */
  passwordHash: text("password_hash").notNull(),
  role: text("role", { enum: ADMIN_ROLES }).notNull(),
  failedLogins: integer("failed_logins").notNull().default(0),
  lockedUntil: integer("locked_until"),
  lastLoginAt: integer("last_login_at"),
  createdAt: integer("created_at").notNull().default(now),
});

/** Console sessions ended by logout (the cookie is signed, not stored): a copied cookie dies with its
 *  logout. Rows past expires_at can be dropped (the cookie has expired by then anyway). */
export const adminSessionRevocations = sqliteTable("admin_session_revocations", {
  sid: text("sid").primaryKey(),
  expiresAt: integer("expires_at").notNull(),
});

/** Shopper sessions ended by logout (the cookie is signed, not stored): a copied cookie dies with its logout.
 *  Rows past expires_at can be dropped (the cookie has expired by then anyway). */
export const memberSessionRevocations = sqliteTable("member_session_revocations", {
  sid: text("sid").primaryKey(),
  expiresAt: integer("expires_at").notNull(),
});

/** Failed console logins per client (`client:<CF-Connecting-IP>`): after five in a row the client is locked
 *  with back-off (30 s doubling, at most 1 h), for every account; a successful login clears its row. The
 *  account's own count is admin_users.failed_logins. */
export const loginThrottles = sqliteTable("login_throttles", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  lockedUntil: integer("locked_until"),
  updatedAt: integer("updated_at").notNull(),
});

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    target: text("target").notNull(),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
    at: integer("at").notNull().default(now),
  },
  (t) => [index("audit_at_idx").on(t.at)],
);

export const apiKeys = sqliteTable("api_keys", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  /** SHA-256 of the token (hex); the token itself is shown once and never stored. */
  tokenHash: text("token_hash").notNull().unique(),
  prefix: text("prefix").notNull(),
  createdAt: integer("created_at").notNull().default(now),
  lastUsedAt: integer("last_used_at"),
  revokedAt: integer("revoked_at"),
});

/** Merchant API mutations by ref (worker/api/idempotency.ts), one row per (scope, ref), the scope being the method
 *  and path (`POST /api/v1/orders/PM1/ship`). The first request claims the row (status null while it runs) with
 *  the SHA-256 of its validated body; a success stores its status and JSON answer, which the same ref with the
 *  same body is answered with from then on; a refusal or failure deletes the claim (the ref stays free). */
export const apiIdempotency = sqliteTable(
  "api_idempotency",
  {
    scope: text("scope").notNull(),
    ref: text("ref").notNull(),
    fingerprint: text("fingerprint").notNull(),
    status: integer("status"),
    response: text("response"),
    claimedAt: integer("claimed_at").notNull(),
    completedAt: integer("completed_at"),
  },
  (t) => [primaryKey({ columns: [t.scope, t.ref] })],
);

/** Single-use autologin nonces; kept until their link would have expired anyway. */
export const autologinNonces = sqliteTable("autologin_nonces", {
  nonce: text("nonce").primaryKey(),
  uid: text("uid").notNull(),
  expiresAt: integer("expires_at").notNull(),
});

/** Autologin signing secrets after a rotation from the console. No row: only the AUTOLOGIN_SECRET secret signs.
 *  After a rotation the newest row (valid_until null) is current and older ones keep verifying until
 *  valid_until (the grace period); a row with `secret` null stands for the AUTOLOGIN_SECRET binding itself. */
export const autologinSecrets = sqliteTable("autologin_secrets", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  secret: text("secret"),
  createdAt: integer("created_at").notNull().default(now),
  validUntil: integer("valid_until"),
});

/** Shopper page views for the dashboard: one row per view; visitor is a salted hash, never raw. */
export const pageViews = sqliteTable(
  "page_views",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    day: text("day").notNull(),
    path: text("path").notNull(),
    visitor: text("visitor").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("page_views_day_idx").on(t.day, t.visitor)],
);

/** Payments (worker/payments): one row per order with a cash part, keyed by the order number (which is also the
 *  provider's out_trade_no). `state`: pending (awaiting the member) → paid | closed (unpaid by the deadline or
 *  closed: points and unit went back through the cancellation path) | flagged (the provider reported another
 *  amount: never fulfilled, the merchant refunds it); a refund moves paid/flagged → refunding → refunded. */
export { PAYMENT_STATES, type PaymentState } from "../domain";

export const payments = sqliteTable(
  "payments",
  {
    orderId: text("order_id").primaryKey(),
    uid: text("uid").notNull(),
    provider: text("provider").notNull(),
    /** The order's cash part (fen) and what the provider reported paid (fen; null until paid). */
    amountFen: integer("amount_fen").notNull(),
    reportedFen: integer("reported_fen"),
    state: text("state", { enum: PAYMENT_STATES }).notNull().default("pending"),
    /** jsapi | h5 | page (the last one the member started). */
    channel: text("channel"),
    /** The notify URL the payment was started with (refunds reuse it: same request body on every retry). */
    notifyUrl: text("notify_url"),
    transactionId: text("transaction_id"),
    /** Why the payment is flagged (AMOUNT_MISMATCH, PAID_AFTER_CLOSE). */
    flag: text("flag"),
    deadlineAt: integer("deadline_at").notNull(),
    paidAt: integer("paid_at"),
    closedAt: integer("closed_at"),
    /** The refund: its idempotent number (RF + order number), the provider's id and status. */
    refundNo: text("refund_no"),
    refundId: text("refund_id"),
    refundStatus: text("refund_status"),
    refundedAt: integer("refunded_at"),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [index("payments_state_idx").on(t.state, t.deadlineAt), index("payments_created_idx").on(t.createdAt)],
);

/** The payment provider's merchant settings: one row (id = 1). The API v3 key and the merchant private key are
 *  sealed (AES-GCM under a key derived from SESSION_SECRET) and never rendered again after saving. */
export const paymentSettings = sqliteTable("payment_settings", {
  id: integer("id").primaryKey(),
  provider: text("provider").notNull().default("wechatpay"),
  enabled: integer("enabled", { mode: "boolean" }).notNull().default(false),
  mchid: text("mchid").notNull().default(""),
  appid: text("appid").notNull().default(""),
  merchantSerialNo: text("merchant_serial_no").notNull().default(""),
  /** Sealed secrets (base64 iv ‖ ciphertext); empty when not set. */
  apiV3KeySealed: text("api_v3_key_sealed").notNull().default(""),
  privateKeySealed: text("private_key_sealed").notNull().default(""),
  /** 微信支付公钥 and its ID (PUB_KEY_ID_…): public, shown. */
  platformSerialNo: text("platform_serial_no").notNull().default(""),
  platformPublicKey: text("platform_public_key").notNull().default(""),
  /** How long a member has to pay an order's cash part, in minutes (5–1440; WeChat Pay's cashier default is 15). */
  payWindowMinutes: integer("pay_window_minutes").notNull().default(15),
  updatedAt: integer("updated_at").notNull().default(now),
});

/** Facts for merchants' webhooks (worker/webhooks), written only by the triggers of migration 0006 in the same
 *  statement as the fact (a ledger projection row, an order inserted or changing status, a member created, a
 *  tier change projected): an event commits with its fact or not at all. `seq` orders them; `id` is the
 *  webhook-id (never reused) and `payload` the exact body every delivery sends (never rebuilt). */
export const events = sqliteTable(
  "events",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    id: text("id").notNull().unique(),
    type: text("type").notNull(),
    uid: text("uid"),
    payload: text("payload").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("events_uid_idx").on(t.uid, t.seq)],
);

/** Merchants' webhook endpoints. `secret` signs; after a rotation `previous_secret` signs too until
 *  `previous_valid_until`. Deliveries start after `start_seq` (the last event when the endpoint was made).
 *  `enabled` 0 = paused by the merchant or disabled after a day of failures (`disabled_reason` 'failing'). */
export const webhookEndpoints = sqliteTable("webhook_endpoints", {
  id: text("id").primaryKey(),
  url: text("url").notNull(),
  events: text("events", { mode: "json" }).$type<string[]>().notNull(),
  description: text("description").notNull().default(""),
  secret: text("secret").notNull(),
  previousSecret: text("previous_secret"),
  previousValidUntil: integer("previous_valid_until"),
  startSeq: integer("start_seq").notNull().default(0),
  enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
  disabledAt: integer("disabled_at"),
  disabledReason: text("disabled_reason"),
  /** The Merchant API's idempotency key of the POST that made it (null when made in the console). */
  ref: text("ref").unique(),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
  deletedAt: integer("deleted_at"),
});
/** Who logged in through WeChat (网页授权): an openid of the mall's official account and the member it is. */
export const wechatIdentities = sqliteTable(
  "wechat_identities",
  {
    openid: text("openid").primaryKey(),
    appid: text("appid").notNull(),
    unionid: text("unionid"),
    uid: text("uid").notNull(),
    createdAt: integer("created_at").notNull().default(now),
    lastLoginAt: integer("last_login_at").notNull(),
  },
  (t) => [index("wechat_identities_uid_idx").on(t.uid)],
);

/** The merchant's server linking a WeChat user (by unionid or openid) to its own uid (Merchant API), by ref. */
export const wechatBindings = sqliteTable(
  "wechat_bindings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    ref: text("ref").notNull().unique(),
    kind: text("kind", { enum: ["unionid", "openid"] }).notNull(),
    value: text("value").notNull(),
    uid: text("uid").notNull(),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [uniqueIndex("wechat_bindings_value_idx").on(t.kind, t.value)],
);

/** Lottery campaigns (大转盘 / 刮刮卡, worker/lottery). The definition lives here and is passed, with its
 *  version, to the campaign's Lottery object, which owns the prize stock and the draws. `ref` is the API's
 *  idempotency key (the same ref with the same body answers the same id; `fingerprint` is the body's hash). */
export const lotteries = sqliteTable(
  "lotteries",
  {
    id: text("id").primaryKey(),
    ref: text("ref").notNull().unique(),
    fingerprint: text("fingerprint").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ["wheel", "scratch"] }).notNull(),
    /** LotteryConfig as JSON (worker/lottery/types.ts). */
    config: text("config").notNull(),
    version: integer("version").notNull().default(1),
    startsAt: integer("starts_at"),
    endsAt: integer("ends_at"),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [index("lotteries_window_idx").on(t.endsAt)],
);

/** Finished draws as their Lottery objects project them (the outbox; a final draw never changes, so each row
 *  is inserted once): state done | refunded | refused. A row that lands done with a prize (points or item)
 *  fires the lottery.won webhook event (trigger events_lottery_won). */
export const lotteryDraws = sqliteTable(
  "lottery_draws",
  {
    key: text("key").notNull(),
    lotteryId: text("lottery_id").notNull(),
    lotteryName: text("lottery_name").notNull(),
    seq: integer("seq").notNull(),
    uid: text("uid").notNull(),
    state: text("state", { enum: ["done", "refunded", "refused"] }).notNull(),
    cost: integer("cost").notNull(),
    free: integer("free", { mode: "boolean" }).notNull(),
    day: text("day").notNull(),
    prizeId: text("prize_id"),
    prizeName: text("prize_name"),
    prizeKind: text("prize_kind", { enum: ["points", "item", "none"] }),
    prizePoints: integer("prize_points"),
    itemId: integer("item_id"),
    orderId: text("order_id"),
    code: text("code"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.lotteryId, t.key] }),
    index("lottery_draws_lottery_idx").on(t.lotteryId, t.seq),
    index("lottery_draws_uid_idx").on(t.uid, t.createdAt),
  ],
);

// ── tasks ──
/** 任务中心 (worker/tasks): the merchant's task definitions. `kind` decides what completes it (profile,
 *  browse for `seconds`, visit `target`, share `target` opened by `goal` other people, a survey, a merchant
 *  event of type `target`); `repeat` with `times` its periods; `tiers` a JSON array of tier keys ([] = all);
 *  `questions` the survey's questions as JSON. `ref` is the API's/console's idempotency key. */
export const tasks = sqliteTable(
  "tasks",
  {
    id: text("id").primaryKey(),
    ref: text("ref").notNull().unique(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    kind: text("kind", { enum: ["profile", "browse", "visit", "share", "survey", "event"] }).notNull(),
    /** a same-origin path (browse, visit, share) or an event type (event); "" otherwise */
    target: text("target").notNull().default(""),
    seconds: integer("seconds").notNull().default(0),
    goal: integer("goal").notNull().default(1),
    points: integer("points").notNull(),
    repeat: text("repeat", { enum: ["once", "daily", "weekly", "times"] }).notNull(),
    times: integer("times").notNull().default(1),
    startsAt: integer("starts_at"),
    endsAt: integer("ends_at"),
    tiers: text("tiers").notNull().default("[]"),
    questions: text("questions").notNull().default("[]"),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    sort: integer("sort").notNull().default(0),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [index("tasks_kind_target_idx").on(t.kind, t.target)],
);

/** Progress marks: one row per thing that counts toward a member's task in a period — a page visit
 *  (mark "visit"), a share opened by someone else (mark "open:<member uid>" or "open:guest:<hash>", so each
 *  opener counts once) or a merchant event (mark "event:<ref>"). The count of marks is the progress. */
export const taskProgress = sqliteTable(
  "task_progress",
  {
    taskId: text("task_id").notNull(),
    uid: text("uid").notNull(),
    period: text("period").notNull(),
    mark: text("mark").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.uid, t.period, t.mark] })],
);

/** Rewards paid: one row per (task, member, period) after the wallet credited `ref` (the wallet's own ref
 *  is what makes the payment exactly-once; this row is the task centre's read of it). */
export const taskClaims = sqliteTable(
  "task_claims",
  {
    taskId: text("task_id").notNull(),
    uid: text("uid").notNull(),
    period: text("period").notNull(),
    ref: text("ref").notNull(),
    points: integer("points").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.uid, t.period] }), index("task_claims_uid_idx").on(t.uid)],
);

/** A survey task's answers: one row per member per period, the answers as JSON ({questionId: value}). */
export const taskSurveyAnswers = sqliteTable(
  "task_survey_answers",
  {
    taskId: text("task_id").notNull(),
    uid: text("uid").notNull(),
    period: text("period").notNull(),
    answers: text("answers").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.uid, t.period] })],
);

// ── group buy ──
/** Group deals (拼团, worker/group-buy): an item offered at a points price per member when `groupSize` members
 *  fill a group within `fillHours`. Members open and join groups on the item page; each group is a GroupBuy
 *  object. `ref` is the API's / console form's idempotency key (`fingerprint` the body's hash). */
export const groupDeals = sqliteTable(
  "group_deals",
  {
    id: text("id").primaryKey(),
    ref: text("ref").notNull().unique(),
    fingerprint: text("fingerprint").notNull(),
    itemId: integer("item_id").notNull(),
    groupSize: integer("group_size").notNull(),
    pointsPrice: integer("points_price").notNull(),
    fillHours: integer("fill_hours").notNull(),
    startsAt: integer("starts_at"),
    endsAt: integer("ends_at"),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    /** Tier keys allowed to open or join a group, as a JSON array ([] = every tier). */
    tiers: text("tiers").notNull().default("[]"),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [index("group_deals_item_idx").on(t.itemId)],
);

/** Groups as their GroupBuy objects project them (the outbox; `rev` orders the upserts): for listings only —
 *  joins are decided by the object. state: open | filled | completed | failing | failed. */
export const groups = sqliteTable(
  "groups",
  {
    id: text("id").primaryKey(),
    dealId: text("deal_id").notNull(),
    itemId: integer("item_id").notNull(),
    itemName: text("item_name").notNull(),
    size: integer("size").notNull(),
    pointsPrice: integer("points_price").notNull(),
    leaderUid: text("leader_uid").notNull(),
    state: text("state", { enum: ["open", "filled", "completed", "failing", "failed"] }).notNull(),
    taken: integer("taken").notNull(),
    deadline: integer("deadline").notNull(),
    openedAt: integer("opened_at").notNull(),
    completedAt: integer("completed_at"),
    rev: integer("rev").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("groups_deal_idx").on(t.dealId, t.state, t.deadline)],
);

/** A group's seats as its object projects them (one row per join key). state: holding | paid | released |
 *  ordered | refunding | refunded. */
export const groupMembers = sqliteTable(
  "group_members",
  {
    key: text("key").primaryKey(),
    groupId: text("group_id").notNull(),
    uid: text("uid").notNull(),
    state: text("state", { enum: ["holding", "paid", "released", "ordered", "refunding", "refunded"] }).notNull(),
    points: integer("points").notNull(),
    orderId: text("order_id"),
    code: text("code"),
    joinedAt: integer("joined_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    rev: integer("rev").notNull(),
  },
  (t) => [index("group_members_uid_idx").on(t.uid, t.joinedAt), index("group_members_group_idx").on(t.groupId)],
);

// ── perf: guest page cache ──

/** What the guest page cache keys its pages by (worker/page-cache): one row (id = 1) whose `version` the
 *  console and the Merchant API bump in the same batch as any change to items, images, categories, stock or
 *  settings. It is read with the settings (one batch, cached per isolate), so a bump retires every cached
 *  guest page at once in the isolate that made it and within the settings' few seconds everywhere else. */
export const pageVersion = sqliteTable("page_version", {
  id: integer("id").primaryKey(),
  version: integer("version").notNull().default(0),
  updatedAt: integer("updated_at").notNull().default(now),
});

// ── referrals ──

/** 邀请有礼: the programme's settings, one row (id = 1); no row = the defaults (off). Caps count the inviter's
 *  rewarded invitees (per merchant-local day, and ever); null = no cap. */
export const referralSettings = sqliteTable("referral_settings", {
  id: integer("id").primaryKey(),
  enabled: integer("enabled", { mode: "boolean" }).notNull().default(false),
  inviterPoints: integer("inviter_points").notNull().default(0),
  inviteePoints: integer("invitee_points").notNull().default(0),
  /** the invitee's action that pays both rewards */
  qualify: text("qualify", { enum: ["signup", "checkin", "purchase"] })
    .notNull()
    .default("signup"),
  inviterDailyCap: integer("inviter_daily_cap"),
  inviterTotalCap: integer("inviter_total_cap"),
  updatedAt: integer("updated_at").notNull().default(now),
});

/** Each member's invite code (made the first time it is asked for). */
export const inviteCodes = sqliteTable("invite_codes", {
  uid: text("uid").primaryKey(),
  code: text("code").notNull().unique(),
  createdAt: integer("created_at").notNull().default(now),
});

/** Who invited whom: one row per invitee (bound once, at the invitee's creation), with the rewards as the
 *  programme stood then and what became of each: pending → paid | refused (the wallet's refusal code). */
export const referrals = sqliteTable(
  "referrals",
  {
    invitee: text("invitee").primaryKey(),
    inviter: text("inviter").notNull(),
    code: text("code").notNull(),
    qualify: text("qualify", { enum: ["signup", "checkin", "purchase"] }).notNull(),
    inviterPoints: integer("inviter_points").notNull(),
    inviteePoints: integer("invitee_points").notNull(),
    qualifiedAt: integer("qualified_at"),
    inviterState: text("inviter_state", { enum: ["pending", "paid", "refused"] })
      .notNull()
      .default("pending"),
    inviterRefusal: text("inviter_refusal"),
    inviteeState: text("invitee_state", { enum: ["pending", "paid", "refused"] })
      .notNull()
      .default("pending"),
    inviteeRefusal: text("invitee_refusal"),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [index("referrals_inviter_idx").on(t.inviter, t.createdAt), index("referrals_created_idx").on(t.createdAt)],
);

/** Arrivals through an invite that were not bound, and why (SELF, CYCLE, EXISTING, UNKNOWN_CODE, OFF): the
 *  console shows them beside the referrals. */
export const referralRefusals = sqliteTable(
  "referral_refusals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    uid: text("uid").notNull(),
    code: text("code").notNull(),
    inviter: text("inviter"),
    reason: text("reason").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("referral_refusals_at_idx").on(t.at)],
);

// ── redeem codes ──

/** 兑换码 batches. `ref` is the creator's idempotency key (the API's ref, or the console form's). */
export const codeBatches = sqliteTable("code_batches", {
  id: text("id").primaryKey(),
  ref: text("ref").notNull().unique(),
  /** SHA-256 of the creating call's body: the same ref with another body is refused */
  fingerprint: text("fingerprint").notNull(),
  name: text("name").notNull(),
  points: integer("points").notNull(),
  count: integer("count").notNull(),
  expiresAt: integer("expires_at"),
  perMemberLimit: integer("per_member_limit"),
  disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
  createdBy: text("created_by").notNull(),
  createdAt: integer("created_at").notNull().default(now),
});

/** One row per code, known only by its SHA-256 (hex): the row is the code's one decider — a single
 *  conditional UPDATE claims it for a member (batch live, member under the batch's limit); `creditedAt` is
 *  set once the wallet has the credit (ref `code:<hash>`), so a claim whose credit was cut short is finished by
 *  the member's retry. */
export const redeemCodes = sqliteTable(
  "redeem_codes",
  {
    hash: text("hash").primaryKey(),
    batchId: text("batch_id").notNull(),
    claimedBy: text("claimed_by"),
    claimedAt: integer("claimed_at"),
    creditedAt: integer("credited_at"),
  },
  (t) => [index("redeem_codes_batch_idx").on(t.batchId, t.claimedBy)],
);

/** Wrong redeem-code guesses per member and per client address (`member:<uid>`, `ip:<addr>`) in a fixed
 *  window: past the limit the next attempts wait for the window's end (429). */
export const codeGuessFailures = sqliteTable("code_guess_failures", {
  key: text("key").primaryKey(),
  windowStart: integer("window_start").notNull(),
  failures: integer("failures").notNull(),
});

// ── messages (消息中心) ──

/** A member's messages (worker/messages), written by the triggers of migration 0018 in the same statement as
 *  their fact (an order shipped, a coupon order completed, a task reward or a lottery prize projected, a group's
 *  outcome) and by the expiry reminder schedule. (uid, dedupe_key) is the source event: every writer inserts
 *  `or ignore`, so a replayed batch, a second run of the schedule or a retry adds nothing. `params` (JSON) fill
 *  the kind's catalogue text; `link` is the same-origin path of the message's subject. */
export const messages = sqliteTable(
  "messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    uid: text("uid").notNull(),
    kind: text("kind", { enum: MESSAGE_KINDS }).notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    params: text("params").notNull().default("{}"),
    link: text("link").notNull().default("/"),
    createdAt: integer("created_at").notNull(),
    readAt: integer("read_at"),
  },
  (t) => [
    uniqueIndex("messages_source_idx").on(t.uid, t.dedupeKey),
    index("messages_uid_idx").on(t.uid, t.id),
    index("messages_unread_idx").on(t.uid).where(sql`read_at is null`),
  ],
);

/** The merchant's message settings: one row (id = 1). `expiryDays`: remind of points expiring within N days
 *  (0 = no reminders); `templates`: WeChat subscribe-message template id per message kind (JSON object; a kind
 *  without one is not sent to WeChat); `siteOrigin`: where a WeChat message's link opens. */
export const messageSettings = sqliteTable("message_settings", {
  id: integer("id").primaryKey(),
  expiryDays: integer("expiry_days").notNull().default(7),
  templates: text("templates").notNull().default("{}"),
  /** The mall's origin (https://…) the WeChat messages link to, recorded when the console saves these settings. */
  siteOrigin: text("site_origin").notNull().default(""),
  updatedAt: integer("updated_at").notNull().default(now),
});

/** A member's acceptances of a WeChat subscribe-message template (一次性订阅): each acceptance the page reports
 *  allows one message; queuing a send takes one (the trigger on messages). */
export const wechatSubscriptions = sqliteTable(
  "wechat_subscriptions",
  {
    uid: text("uid").notNull(),
    templateId: text("template_id").notNull(),
    credits: integer("credits").notNull().default(0),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.uid, t.templateId] })],
);

/** The WeChat send outbox: at most one send per message (the key), queued by the trigger on messages where the
 *  member accepted the kind's template. state: pending → sending (claimed, `lease_until`) → sent | refused
 *  (WeChat said no: not subscribed, bad openid/template, 4xxxx) | failed (out of attempts); a failed attempt goes
 *  back to pending at `next_attempt_at` (back-off). */
export const messageSends = sqliteTable(
  "message_sends",
  {
    messageId: integer("message_id").primaryKey(),
    uid: text("uid").notNull(),
    openid: text("openid").notNull(),
    templateId: text("template_id").notNull(),
    state: text("state", { enum: ["pending", "sending", "sent", "refused", "failed"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    leaseUntil: integer("lease_until"),
    lastError: text("last_error"),
    msgid: text("msgid"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("message_sends_due_idx").on(t.state, t.nextAttemptAt)],
);

// ── duiba ──

/** 兑吧兼容 (worker/duiba): the mode and the merchant's Duiba developer settings, one row (id = 1); no row =
 *  native mode. appSecret is sealed like the payment secrets (base64 iv ‖ ciphertext; empty = not set). */
export const duibaSettings = sqliteTable("duiba_settings", {
  id: integer("id").primaryKey(),
  mode: text("mode", { enum: ["native", "duiba"] })
    .notNull()
    .default("native"),
  appKey: text("app_key").notNull().default(""),
  appSecretSealed: text("app_secret_sealed").notNull().default(""),
  /** 扣积分 URL, 兑换结果通知 URL, 加积分 URL of the merchant's server */
  consumeUrl: text("consume_url").notNull().default(""),
  notifyUrl: text("notify_url").notNull().default(""),
  addCreditsUrl: text("add_credits_url").notNull().default(""),
  updatedAt: integer("updated_at").notNull().default(now),
});

/** The log of Duiba calls: each call the mall made to the merchant (扣积分, 兑换结果通知, 加积分; projected from
 *  the members' DuibaAccount objects, id = "<uid>:<seq>") and each autologin link the mall received (id =
 *  "autologin:<uuid>"). request = the query sent or received (sign included, never the appSecret). */
export const duibaCalls = sqliteTable(
  "duiba_calls",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: ["consume", "notify", "add", "autologin"] }).notNull(),
    uid: text("uid").notNull(),
    orderNum: text("order_num"),
    request: text("request").notNull(),
    answer: text("answer").notNull().default(""),
    /** ok (the merchant accepted), fail (it refused), timeout, error (no usable answer) */
    outcome: text("outcome", { enum: ["ok", "fail", "timeout", "error"] }).notNull(),
    httpStatus: integer("http_status"),
    durationMs: integer("duration_ms").notNull().default(0),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("duiba_calls_created_idx").on(t.createdAt)],
);
