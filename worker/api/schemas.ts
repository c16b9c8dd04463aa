// The Merchant API's schemas: the same zod objects validate requests at the edge (worker/validate.ts), type
// the handlers' answers, and become the OpenAPI document (z.toJSONSchema in ./openapi.ts).
import { z } from "zod";
import { LEDGER_KINDS } from "../../db/schema";
import { EARN_SOURCES, type EarnSource } from "../wallet/types";

// ── request pieces ─────────────────────────────────────────────────────────────────────────────────────

const required = (what: string) => ({ error: (iss: { input?: unknown }) => (iss.input === undefined ? "必填" : what) });

export const Uid = z
  .string(required("须为字符串"))
  .regex(/^[A-Za-z0-9_.@:-]{1,64}$/, "须为 1–64 位字母、数字或 _ . @ : -")
  .describe("The merchant's own user id (1–64 of A–Z a–z 0–9 _ . @ : -).");

export const Ref = z
  .string(required("须为字符串"))
  .min(1, "不能为空")
  .max(100, "最长 100 个字符")
  .regex(/^[A-Za-z0-9_.:-]+$/, "只能包含字母、数字和 _ . : -")
  .describe("Idempotency key of this operation (1–100 of A–Z a–z 0–9 _ . : -). The same ref again returns the first result and writes nothing new.");

export const Reason = z
  .string(required("须为字符串"))
  .min(1, "不能为空")
  .max(200, "最长 200 个字符")
  .describe("Why, as the member will see it in their points history (1–200 characters).");

const PositiveInt = z.int(required("须为正整数")).positive("须为正整数");

/** Sources a merchant may credit through the API (check-ins and the new-member bonus are the mall's own). */
export const API_EARN_SOURCES = EARN_SOURCES.filter(
  (s): s is Exclude<EarnSource, "checkin" | "signup_bonus"> => s !== "checkin" && s !== "signup_bonus",
);

export const UidParams = z.object({ uid: Uid });

export const PutMemberBody = z
  .strictObject({
    nickname: z.string().trim().min(1, "不能为空").max(32, "最长 32 个字符").optional().describe("Display name (≤ 32 characters)."),
    avatar: z
      .url({ protocol: /^https$/, hostname: z.regexes.domain, error: "须为 https 地址" })
      .max(512, "最长 512 个字符")
      .nullable()
      .optional()
      .describe("Avatar image, an https URL (≤ 512 characters); null clears it."),
  })
  .meta({ title: "PutMemberBody", description: "Profile fields to set; omitted fields keep their value." });

export const EarnBody = z
  .strictObject({
    ref: Ref,
    reason: Reason,
    points: PositiveInt.optional().describe("Points to credit as given (exactly one of points / amountFen)."),
    amountFen: PositiveInt.optional().describe(
      "A purchase amount in fen (¥1 = 100 fen), converted with the merchant's points per ¥ (rounded down) times the member's tier multiplier (exactly one of points / amountFen).",
    ),
    source: z
      .enum(API_EARN_SOURCES)
      .optional()
      .describe("Where the points come from; default purchase with amountFen, else other. Every source but purchase counts against the daily cap."),
  })
  .superRefine((body, ctx) => {
    const given = (body.points !== undefined ? 1 : 0) + (body.amountFen !== undefined ? 1 : 0);
    if (given !== 1) {
      ctx.addIssue({ code: "custom", path: ["points"], message: "须提供 points 或 amountFen 之一（只能一个）" });
    }
  })
  .meta({
    title: "EarnBody",
    description: "Credit points to a member (created if unknown). Exactly one of points / amountFen.",
    oneOf: [{ required: ["points"] }, { required: ["amountFen"] }],
  });

export const DeductBody = z
  .strictObject({ ref: Ref, reason: Reason, points: PositiveInt.describe("Points to take away.") })
  .meta({ title: "DeductBody", description: "Take points away, earliest-expiring first; refused if the balance is short." });

export const ReverseBody = z
  .strictObject({ ref: Ref, reason: Reason, earnRef: Ref.describe("The ref of the earning to take back.") })
  .meta({
    title: "ReverseBody",
    description: "Take back an earlier earning (e.g. a refunded purchase): as much as the balance allows; the rest is the shortfall.",
  });

export const LedgerQuery = z
  .object({
    limit: z.coerce
      .number("须为 1–100 的整数")
      .int("须为 1–100 的整数")
      .min(1, "须为 1–100 的整数")
      .max(100, "须为 1–100 的整数")
      .default(20)
      .describe("Entries per page, 1–100 (default 20)."),
    cursor: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, "无效")
      .optional()
      .describe("The nextCursor of the previous page (opaque)."),
  })
  .meta({ title: "LedgerQuery" });

// ── responses ──────────────────────────────────────────────────────────────────────────────────────────

const Points = z.int().min(0);
const IsoTime = z.iso.datetime().describe("ISO 8601 (UTC).");

export const PutMemberResult = z
  .object({
    uid: Uid,
    nickname: z.string(),
    avatar: z.string().nullable(),
    balance: Points,
    created: z.boolean().describe("true when this call created the member (status 201)."),
  })
  .meta({ title: "PutMemberResult" });

export const MemberView = z
  .object({
    uid: Uid,
    nickname: z.string(),
    balance: Points,
    tier: z.object({ key: z.string(), name: z.string(), multiplier: z.number() }),
    earnedLast12Months: Points,
    expiring: z
      .array(z.object({ points: Points, expiresAt: IsoTime }))
      .describe("Points of unexpired lots grouped by expiry, soonest first (points that never expire are left out)."),
  })
  .meta({ title: "MemberView" });

export const EarnResult = z
  .object({ balance: Points, earned: Points, entryId: z.string().describe("The ledger entry of this earning.") })
  .meta({ title: "EarnResult" });

export const DeductResult = z
  .object({ balance: Points, deducted: Points, entryId: z.string().describe("The ledger entry of this deduction.") })
  .meta({ title: "DeductResult" });

export const ReverseResult = z
  .object({
    reversed: Points.describe("Points taken back."),
    shortfall: Points.describe("Points that could not be taken back (the balance would have gone below zero)."),
    balance: Points,
  })
  .meta({ title: "ReverseResult" });

export const LedgerEntryView = z
  .object({
    id: z.string(),
    kind: z.enum(LEDGER_KINDS),
    amount: z.int().describe("Signed: + earned/refunded, − spent/expired/deducted."),
    balanceAfter: Points,
    reason: z.string(),
    source: z.string(),
    ref: z.string(),
    createdAt: IsoTime,
    expiresAt: IsoTime.nullable().describe("For earnings: when these points expire (null = never or not an earning)."),
  })
  .meta({ title: "LedgerEntry" });

export const LedgerPage = z
  .object({
    entries: z.array(LedgerEntryView).describe("Newest first."),
    nextCursor: z.string().nullable().describe("Pass as cursor for the next (older) page; null on the last page."),
  })
  .meta({ title: "LedgerPage" });

export type PutMemberResult = z.infer<typeof PutMemberResult>;
export type MemberView = z.infer<typeof MemberView>;
export type EarnResult = z.infer<typeof EarnResult>;
export type DeductResult = z.infer<typeof DeductResult>;
export type ReverseResult = z.infer<typeof ReverseResult>;
export type LedgerPage = z.infer<typeof LedgerPage>;

// ── items ──────────────────────────────────────────────────────────────────────────────────────────────

const MAX_POINTS = 100_000_000;
const MAX_STOCK = 1_000_000;

export const Sku = z
  .string(required("须为字符串"))
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "须为 1–64 位字母、数字或 _ . -（以字母或数字开头）")
  .describe("The merchant's stock-keeping unit, unique per item (1–64 of A–Z a–z 0–9 _ . -, starting with a letter or digit).");

/** A time in the API: ISO 8601 with Z or an offset ("2026-05-01T10:00:00+08:00"); epoch ms inside. */
const IsoInstant = z.iso.datetime({ offset: true, error: "须为 ISO 8601 时间，如 2026-05-01T10:00:00+08:00" }).describe("ISO 8601 with Z or an offset.");

const ItemName = z.string(required("须为字符串")).trim().min(1, "不能为空").max(60, "最长 60 个字符").describe("Name as shoppers see it (≤ 60 characters).");
const Description = z.string(required("须为字符串")).max(2000, "最长 2000 个字符").describe("Plain text shown on the item page (≤ 2000 characters).");
const PricePoints = z
  .int(required("须为正整数"))
  .positive("须为正整数")
  .max(MAX_POINTS, `最大 ${MAX_POINTS}`)
  .describe("Points price (with cashFen > 0 the price is points + cash).");
const CashFen = z.int(required("须为 0 或正整数")).min(0, "须为 0 或正整数").max(MAX_POINTS, `最大 ${MAX_POINTS}`).describe("Cash part of the price in fen (¥1 = 100 fen); 0 = points only.");
const OriginalPoints = z.int(required("须为正整数")).positive("须为正整数").max(MAX_POINTS, `最大 ${MAX_POINTS}`).describe("Price before a flash sale, shown struck through.");
const PerMemberLimit = z.int(required("须为正整数")).positive("须为正整数").max(10_000, "最大 10000").describe("Units one member may redeem over the item's lifetime.");
const CategoryId = z.int(required("须为正整数")).positive("须为正整数").describe("A category's id.");
const TierKeys = z
  .array(z.string(required("须为字符串")).regex(/^[a-z0-9_-]{1,20}$/, "须为会员等级的 key"), required("须为数组"))
  .min(1, "至少一个等级（不限等级请用 null）")
  .max(20, "最多 20 个")
  .refine((keys) => new Set(keys).size === keys.length, "等级不能重复")
  .describe("Tier keys allowed to redeem (from the merchant's tier settings); null or omitted = everyone.");

export const ItemImage = z
  .strictObject({
    url: z
      .string(required("须为字符串"))
      .max(512, "最长 512 个字符")
      .refine((u) => /^\/[^/\\]/.test(u) || /^https:\/\/[^\s]+$/.test(u), "须为 https 地址或以 / 开头的站内路径")
      .describe("An https URL or a path on the mall's own origin (e.g. /images/items/mug.svg)."),
    width: z.int(required("须为正整数")).positive("须为正整数").max(8192, "最大 8192").describe("Pixels (so pages reserve the space)."),
    height: z.int(required("须为正整数")).positive("须为正整数").max(8192, "最大 8192").describe("Pixels."),
    alt: z.string().max(120, "最长 120 个字符").optional().describe("Text alternative; default the item's name."),
  })
  .meta({ title: "ItemImage" });

const Images = z.array(ItemImage, required("须为数组")).max(10, "最多 10 张").describe("Gallery, first image on cards; replaces all images when given.");

/** Sale window and visible window: both ends or neither for the sale; start before end. */
function checkWindows(
  body: { saleStartsAt?: string | null; saleEndsAt?: string | null; visibleFrom?: string | null; visibleUntil?: string | null },
  ctx: z.RefinementCtx,
) {
  const ms = (v: string | null | undefined) => (v ? Date.parse(v) : null);
  const [s, e, f, u] = [ms(body.saleStartsAt), ms(body.saleEndsAt), ms(body.visibleFrom), ms(body.visibleUntil)];
  if (s !== null && e !== null && s >= e) ctx.addIssue({ code: "custom", path: ["saleEndsAt"], message: "须晚于 saleStartsAt" });
  if (f !== null && u !== null && f >= u) ctx.addIssue({ code: "custom", path: ["visibleUntil"], message: "须晚于 visibleFrom" });
}

export const CreateItemBody = z
  .strictObject({
    sku: Sku,
    name: ItemName,
    type: z.enum(["physical", "coupon", "virtual"], { error: "须为 physical、coupon 或 virtual" }).describe("physical (shipped), coupon (a code from the item's pool) or virtual (collected in store)."),
    points: PricePoints,
    stock: z.int(required("须为 0 或正整数")).min(0, "须为 0 或正整数").max(MAX_STOCK, `最大 ${MAX_STOCK}`).describe("Units to start with; later changes go through POST /items/{id}/stock."),
    categoryId: CategoryId.optional(),
    perMemberLimit: PerMemberLimit.optional(),
    saleStartsAt: IsoInstant.optional().describe("Flash-sale window start (with saleEndsAt): redemption only inside the window."),
    saleEndsAt: IsoInstant.optional().describe("Flash-sale window end (exclusive)."),
    visibleFrom: IsoInstant.optional().describe("Shown in the mall from this time."),
    visibleUntil: IsoInstant.optional().describe("Hidden from this time."),
    tiers: TierKeys.nullable().optional(),
    images: Images.optional(),
    description: Description.optional(),
    cashFen: CashFen.optional(),
    originalPoints: OriginalPoints.optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.saleStartsAt === undefined) !== (body.saleEndsAt === undefined)) {
      ctx.addIssue({ code: "custom", path: [body.saleStartsAt === undefined ? "saleStartsAt" : "saleEndsAt"], message: "saleStartsAt 与 saleEndsAt 须同时提供" });
    }
    checkWindows(body, ctx);
  })
  .meta({
    title: "CreateItemBody",
    description: "A new item. Idempotent on sku: the same sku with the same body answers the same id; another body with a taken sku is SKU_TAKEN.",
  });

export const PatchItemBody = z
  .strictObject({
    name: ItemName.optional(),
    type: z.enum(["physical", "coupon", "virtual"], { error: "须为 physical、coupon 或 virtual" }).optional().describe("Only while the item has no orders."),
    points: PricePoints.optional(),
    categoryId: CategoryId.nullable().optional(),
    perMemberLimit: PerMemberLimit.nullable().optional(),
    saleStartsAt: IsoInstant.nullable().optional().describe("Set both ends or clear both (null)."),
    saleEndsAt: IsoInstant.nullable().optional(),
    visibleFrom: IsoInstant.nullable().optional(),
    visibleUntil: IsoInstant.nullable().optional(),
    tiers: TierKeys.nullable().optional(),
    images: Images.optional(),
    description: Description.optional(),
    cashFen: CashFen.optional(),
    originalPoints: OriginalPoints.nullable().optional(),
    onShelf: z.boolean("须为 true 或 false").optional().describe("false takes the item off the shelf (hidden, not redeemable)."),
  })
  .superRefine((body, ctx) => {
    if (Object.keys(body).length === 0) ctx.addIssue({ code: "custom", path: [], message: "至少提供一个要修改的字段" });
    checkWindows(body, ctx);
  })
  .meta({
    title: "PatchItemBody",
    description: "Fields to change; omitted fields keep their value, null clears a nullable one. Stock and sku are not changed here.",
  });

export const ItemIdParams = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/, "须为商品编号（正整数）")
    .transform(Number)
    .describe("The item's id."),
});

export const StockAdjustBody = z
  .strictObject({
    ref: Ref,
    delta: z
      .int(required("须为非零整数"))
      .min(-MAX_STOCK, `须在 ±${MAX_STOCK} 之内`)
      .max(MAX_STOCK, `须在 ±${MAX_STOCK} 之内`)
      .refine((n) => n !== 0, "须为非零整数")
      .describe("Units to add (+) or remove (−); available stock never goes below 0."),
  })
  .meta({ title: "StockAdjustBody", description: "Change an item's stock through its stock object. Idempotent on ref." });

export const AddCodesBody = z
  .strictObject({
    codes: z
      .array(z.string(required("须为字符串")).regex(/^[\x21-\x7e]{4,64}$/, "每个券码须为 4–64 个可打印字符（不含空格）"), required("须为数组"))
      .min(1, "至少 1 个券码")
      .max(5000, "一次最多 5000 个券码")
      .describe("Coupon codes, 4–64 printable ASCII characters each (no spaces). Codes already in the pool or given out are skipped and counted."),
  })
  .meta({ title: "AddCodesBody", description: "Import coupon codes into a coupon item's pool. Adding codes does not add stock." });

// ── orders ─────────────────────────────────────────────────────────────────────────────────────────────

export const ORDER_STATUS_VALUES = ["placed", "shipped", "completed", "fulfilled", "cancelled"] as const;

export const OrderIdParams = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "须为订单号")
    .describe("The order number."),
});

export const OrdersQuery = z
  .object({
    status: z.enum(ORDER_STATUS_VALUES, { error: "须为 placed、shipped、completed、fulfilled 或 cancelled" }).optional().describe("Only orders in this status."),
    itemId: z
      .string()
      .regex(/^[1-9][0-9]{0,9}$/, "须为商品编号（正整数）")
      .transform(Number)
      .optional()
      .describe("Only orders of this item."),
    uid: Uid.optional().describe("Only this member's orders."),
    since: IsoInstant.optional().describe("Only orders created at or after this time (ISO 8601)."),
    limit: z.coerce
      .number("须为 1–100 的整数")
      .int("须为 1–100 的整数")
      .min(1, "须为 1–100 的整数")
      .max(100, "须为 1–100 的整数")
      .default(20)
      .describe("Orders per page, 1–100 (default 20)."),
    cursor: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,200}$/, "无效")
      .optional()
      .describe("The nextCursor of the previous page (opaque)."),
  })
  .meta({ title: "OrdersQuery" });

export const ShipBody = z
  .strictObject({
    carrier: z.string(required("须为字符串")).trim().min(1, "不能为空").max(40, "最长 40 个字符").describe("Carrier name, e.g. 顺丰速运."),
    trackingNo: z
      .string(required("须为字符串"))
      .trim()
      .regex(/^[A-Za-z0-9-]{4,40}$/, "须为 4–40 位字母、数字或 -")
      .describe("Tracking number (4–40 of A–Z a–z 0–9 -)."),
  })
  .meta({
    title: "ShipBody",
    description: "Mark a placed physical order shipped. The same carrier and tracking number again answers the shipped order (idempotent).",
  });

export const CancelBody = z
  .strictObject({ reason: Reason.describe("Why, as the member will see it (1–200 characters).") })
  .meta({
    title: "CancelBody",
    description: "Cancel an order as the merchant: the points go back to the member's lots and the units back to stock.",
  });

// ── item and order answers ─────────────────────────────────────────────────────────────────────────────

export const CreateItemResult = z.object({ id: z.int().positive() }).meta({ title: "CreateItemResult" });

export const LiveStock = z
  .object({
    available: z.int().min(0).describe("Units that can still be redeemed."),
    held: z.int().min(0).describe("Units held by redemptions in progress."),
    sold: z.int().min(0),
    codesLeft: z.int().min(0).describe("Coupon items: unused codes in the pool."),
  })
  .describe("Exact, from the item's stock object.")
  .meta({ title: "LiveStock" });

export const ItemView = z
  .object({
    id: z.int().positive(),
    sku: z.string(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    type: z.enum(["physical", "coupon", "virtual"]),
    categoryId: z.int().nullable(),
    points: z.int(),
    cashFen: z.int(),
    originalPoints: z.int().nullable(),
    perMemberLimit: z.int().nullable(),
    saleStartsAt: IsoTime.nullable(),
    saleEndsAt: IsoTime.nullable(),
    visibleFrom: IsoTime.nullable(),
    visibleUntil: IsoTime.nullable(),
    tiers: z.array(z.string()).nullable(),
    onShelf: z.boolean(),
    images: z.array(z.object({ url: z.string(), width: z.int(), height: z.int(), alt: z.string() })),
    initialStock: z.int().min(0).describe("The stock the item was created with."),
    stock: LiveStock,
    createdAt: IsoTime,
    updatedAt: IsoTime,
  })
  .meta({ title: "Item" });

export const StockStatusView = z
  .object({
    itemId: z.int().positive(),
    available: z.int().min(0),
    held: z.int().min(0),
    sold: z.int().min(0),
    codesLeft: z.int().min(0),
    version: z.int().min(0).describe("The stock object's change sequence."),
  })
  .meta({ title: "StockStatus" });

export const AddCodesResult = z
  .object({
    added: z.int().min(0),
    duplicates: z.int().min(0).describe("Codes skipped: already in the pool, already given out, or repeated in this request."),
    codesLeft: z.int().min(0),
  })
  .meta({ title: "AddCodesResult" });

export const OrderApiView = z
  .object({
    id: z.string().describe("Order number."),
    uid: Uid,
    itemId: z.int().positive(),
    itemName: z.string(),
    itemType: z.enum(["physical", "coupon", "virtual"]),
    qty: z.int().positive(),
    points: Points.describe("Points paid."),
    cashFen: z.int().min(0),
    status: z.enum(ORDER_STATUS_VALUES),
    couponCodes: z.array(z.string()).describe("Coupon items: the codes given with this order."),
    address: z.object({ recipient: z.string(), phone: z.string(), region: z.string(), detail: z.string() }).nullable(),
    carrier: z.string().nullable(),
    trackingNo: z.string().nullable(),
    createdAt: IsoTime,
    updatedAt: IsoTime,
  })
  .meta({ title: "Order" });

export const OrderPage = z
  .object({
    orders: z.array(OrderApiView).describe("Newest first."),
    nextCursor: z.string().nullable().describe("Pass as cursor for the next (older) page; null on the last page."),
  })
  .meta({ title: "OrderPage" });

export type CreateItemBody = z.infer<typeof CreateItemBody>;
export type PatchItemBody = z.infer<typeof PatchItemBody>;
export type ItemView = z.infer<typeof ItemView>;
export type StockStatusView = z.infer<typeof StockStatusView>;
export type AddCodesResult = z.infer<typeof AddCodesResult>;
export type OrderApiView = z.infer<typeof OrderApiView>;
export type OrderPage = z.infer<typeof OrderPage>;
