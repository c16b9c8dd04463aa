// Items: request and response schemas.
import { z } from "zod";
import { apiText, IsoInstant, IsoTime, Ref, required } from "./common";
import { t, lazy } from "../../../views/i18n";
import { ITEM_TYPES } from "../../../domain";
import { MAX_SHARDS } from "../../stock/shards";

const MAX_POINTS = 100_000_000;
const MAX_STOCK = 1_000_000;

export const Sku = z
  .string(required(lazy("api.field.string")))
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, { error: lazy("api.items.sku") })
  .describe(
    "The merchant's stock-keeping unit, unique per item (1–64 of A–Z a–z 0–9 _ . -, starting with a letter or digit).",
  );

/** A time in the API: ISO 8601 with Z or an offset ("2026-05-01T10:00:00+08:00"); epoch ms inside. */

const ItemName = apiText(60).describe(
  "Name as shoppers see it (≤ 60 characters; trimmed, NFC, no control or bidi characters).",
);
const Description = apiText(2000, { min: 0, multiline: true }).describe(
  "Plain text shown on the item page (≤ 2000 characters; line breaks kept).",
);

/** What the pages can show under their CSP (img-src 'self'): an image uploaded to our media store
 *  (/media/img/<sha256>.<ext>, as the console stores them) or a static one of ours (/images/…). */
export const IMAGE_PATH =
  /^(\/media\/img\/[0-9a-f]{64}\.(png|jpg|webp|gif)|\/images\/[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*\.(svg|png|jpg|jpeg|webp|gif))$/;
const PricePoints = z
  .int(required(lazy("api.field.positiveInt")))
  .positive({ error: lazy("api.field.positiveInt") })
  .max(MAX_POINTS, { error: lazy("api.field.max", { max: MAX_POINTS }) })
  .describe("Points price (with cashFen > 0 the price is points + cash).");
const CashFen = z
  .int(required(lazy("api.field.nonNegativeInt")))
  .min(0, { error: lazy("api.field.nonNegativeInt") })
  .max(MAX_POINTS, { error: lazy("api.field.max", { max: MAX_POINTS }) })
  .describe("Cash part of the price in fen (¥1 = 100 fen); 0 = points only.");
const OriginalPoints = z
  .int(required(lazy("api.field.positiveInt")))
  .positive({ error: lazy("api.field.positiveInt") })
  .max(MAX_POINTS, { error: lazy("api.field.max", { max: MAX_POINTS }) })
  .describe("Price before a flash sale, shown struck through.");
const PerMemberLimit = z
  .int(required(lazy("api.field.positiveInt")))
  .positive({ error: lazy("api.field.positiveInt") })
  .max(10_000, { error: lazy("api.field.max", { max: 10000 }) })
  .describe("Units one member may redeem over the item's lifetime.");
const CategoryId = z
  .int(required(lazy("api.field.positiveInt")))
  .positive({ error: lazy("api.field.positiveInt") })
  .describe("A category's id.");
const TierKeys = z
  .array(
    z.string(required(lazy("api.field.string"))).regex(/^[a-z0-9_-]{1,20}$/, { error: lazy("api.items.tierKey") }),
    required(lazy("api.field.array")),
  )
  .min(1, { error: lazy("api.items.tiersMin") })
  .max(20, { error: lazy("api.items.tiersMax", { max: 20 }) })
  .refine((keys) => new Set(keys).size === keys.length, { error: lazy("api.items.tiersUnique") })
  .describe("Tier keys allowed to redeem (from the merchant's tier settings); null or omitted = everyone.");

export const ItemImage = z
  .strictObject({
    url: z
      .string(required(lazy("api.field.string")))
      .max(512, { error: lazy("api.field.maxChars", { max: 512 }) })
      .regex(IMAGE_PATH, { error: lazy("api.items.imagePath") })
      .describe(
        "An image the mall's pages can show (their CSP allows images from the mall's own origin only): one uploaded in the console (/media/img/<sha256>.<ext>) or a static one (/images/…, e.g. /images/items/mug.svg).",
      ),
    width: z
      .int(required(lazy("api.field.positiveInt")))
      .positive({ error: lazy("api.field.positiveInt") })
      .max(8192, { error: lazy("api.field.max", { max: 8192 }) })
      .describe("Pixels (so pages reserve the space)."),
    height: z
      .int(required(lazy("api.field.positiveInt")))
      .positive({ error: lazy("api.field.positiveInt") })
      .max(8192, { error: lazy("api.field.max", { max: 8192 }) })
      .describe("Pixels."),
    alt: apiText(120, { min: 0 }).optional().describe("Text alternative; default the item's name."),
  })
  .meta({ title: "ItemImage" });

const Images = z
  .array(ItemImage, required(lazy("api.field.array")))
  .max(10, { error: lazy("api.items.imagesMax", { max: 10 }) })
  .describe("Gallery, first image on cards; replaces all images when given.");

/** Sale window and visible window: both ends or neither for the sale; start before end. */
type WindowFields = {
  saleStartsAt?: string | null;
  saleEndsAt?: string | null;
  visibleFrom?: string | null;
  visibleUntil?: string | null;
};

function checkWindows(body: WindowFields, ctx: z.RefinementCtx) {
  const ms = (v: string | null | undefined) => (v ? Date.parse(v) : null);
  const [s, e, f, u] = [ms(body.saleStartsAt), ms(body.saleEndsAt), ms(body.visibleFrom), ms(body.visibleUntil)];
  if (s !== null && e !== null && s >= e)
    ctx.addIssue({ code: "custom", path: ["saleEndsAt"], message: t("api.items.after", { field: "saleStartsAt" }) });
  if (f !== null && u !== null && f >= u)
    ctx.addIssue({ code: "custom", path: ["visibleUntil"], message: t("api.items.after", { field: "visibleFrom" }) });
}

export const CreateItemBody = z
  .strictObject({
    ref: Ref.optional().describe(
      "Optional (the sku already makes a create idempotent); when given, the same ref with another body is REF_REUSED.",
    ),
    sku: Sku,
    name: ItemName,
    type: z
      .enum(ITEM_TYPES, { error: lazy("api.items.type") })
      .describe("physical (shipped), coupon (a code from the item's pool) or virtual (collected in store)."),
    points: PricePoints,
    stock: z
      .int(required(lazy("api.field.nonNegativeInt")))
      .min(0, { error: lazy("api.field.nonNegativeInt") })
      .max(MAX_STOCK, { error: lazy("api.field.max", { max: MAX_STOCK }) })
      .describe("Units to start with; later changes go through POST /items/{id}/stock."),
    categoryId: CategoryId.optional(),
    perMemberLimit: PerMemberLimit.optional(),
    stockShards: z
      .int(required(lazy("api.field.positiveInt")))
      .min(1, { error: lazy("api.field.positiveInt") })
      .max(MAX_SHARDS, { error: lazy("api.field.max", { max: MAX_SHARDS }) })
      .optional()
      .describe(
        "How many stock objects the stock is split across (a hot item past one object's few hundred writes/s); default 4 for a flash sale (an item with a sale window), else 1. Fixed once created.",
      ),
    saleStartsAt: IsoInstant.optional().describe(
      "Flash-sale window start (with saleEndsAt): redemption only inside the window.",
    ),
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
      ctx.addIssue({
        code: "custom",
        path: [body.saleStartsAt === undefined ? "saleStartsAt" : "saleEndsAt"],
        message: t("api.items.saleWindowBoth"),
      });
    }
    checkWindows(body, ctx);
  })
  .meta({
    title: "CreateItemBody",
    description:
      "A new item. Idempotent on sku: the same sku with the same body answers the same id; another body with a taken sku is SKU_TAKEN.",
  });

/** The fields an item patch may change (the console's edit form and the API's PATCH share them). */
const PatchItemFields = {
  name: ItemName.optional(),
  type: z
    .enum(ITEM_TYPES, { error: lazy("api.items.type") })
    .optional()
    .describe("Only while the item has no orders."),
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
  onShelf: z
    .boolean({ error: lazy("api.field.boolean") })
    .optional()
    .describe("false takes the item off the shelf (hidden, not redeemable)."),
};

function checkPatch(body: object & WindowFields, ctx: z.RefinementCtx) {
  if (Object.keys(body).every((k) => k === "ref"))
    ctx.addIssue({ code: "custom", path: [], message: t("api.items.patchEmpty") });
  checkWindows(body, ctx);
}

/** An item patch: fields to change; omitted fields keep their value, null clears a nullable one. */
export const PatchItemBody = z.strictObject(PatchItemFields).superRefine(checkPatch);

/** PATCH /items/{id}: the patch with the ref that makes it answer once (worker/api/idempotency.ts). */
export const PatchItemRequest = z
  .strictObject({ ref: Ref, ...PatchItemFields })
  .superRefine(checkPatch)
  .meta({
    title: "PatchItemBody",
    description:
      "Fields to change; omitted fields keep their value, null clears a nullable one. Stock and sku are not changed here.",
  });

export const ItemIdParams = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/, { error: lazy("api.items.itemId") })
    .transform(Number)
    .describe("The item's id."),
});

export const StockAdjustBody = z
  .strictObject({
    ref: Ref,
    delta: z
      .int(required(lazy("api.field.nonZeroInt")))
      .min(-MAX_STOCK, { error: lazy("api.items.stockDelta", { max: MAX_STOCK }) })
      .max(MAX_STOCK, { error: lazy("api.items.stockDelta", { max: MAX_STOCK }) })
      .refine((n) => n !== 0, { error: lazy("api.field.nonZeroInt") })
      .describe("Units to add (+) or remove (−); available stock never goes below 0."),
  })
  .meta({
    title: "StockAdjustBody",
    description: "Change an item's stock through its stock object. Idempotent on ref.",
  });

export const AddCodesBody = z
  .strictObject({
    ref: Ref,
    codes: z
      .array(
        z.string(required(lazy("api.field.string"))).regex(/^[\x21-\x7e]{4,64}$/, { error: lazy("api.items.code") }),
        required(lazy("api.field.array")),
      )
      .min(1, { error: lazy("api.items.codesMin") })
      .max(5000, { error: lazy("api.items.codesMax") })
      .describe(
        "Coupon codes, 4–64 printable ASCII characters each (no spaces). Codes already in the pool or given out are skipped and counted.",
      ),
  })
  .meta({
    title: "AddCodesBody",
    description: "Import coupon codes into a coupon item's pool. Adding codes does not add stock.",
  });

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
    type: z.enum(ITEM_TYPES),
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
    stockShards: z.int().min(1).describe("How many stock objects the item's stock is split across."),
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

export const ItemShardsView = z
  .object({
    itemId: z.int().positive(),
    stockShards: z.int().min(1),
    shards: z
      .array(
        z.object({
          shard: z.int().min(0).describe("0 is the object named by the item id, k ≥ 1 is `${id}#${k}`."),
          available: z.int().min(0),
          held: z.int().min(0),
          sold: z.int().min(0),
          codesLeft: z.int().min(0),
          version: z.int().min(0).describe("The shard's change sequence (its projection row's version when drained)."),
        }),
      )
      .describe("Every stock object of the item, in shard order; their counts sum to the item's stock."),
  })
  .meta({ title: "ItemShards" });

export const AddCodesResult = z
  .object({
    added: z.int().min(0),
    duplicates: z
      .int()
      .min(0)
      .describe("Codes skipped: already in the pool, already given out, or repeated in this request."),
    codesLeft: z.int().min(0),
  })
  .meta({ title: "AddCodesResult" });
export type CreateItemBody = z.infer<typeof CreateItemBody>;
export type PatchItemBody = z.infer<typeof PatchItemBody>;
export type ItemView = z.infer<typeof ItemView>;
export type StockStatusView = z.infer<typeof StockStatusView>;
export type AddCodesResult = z.infer<typeof AddCodesResult>;
export type ItemShardsView = z.infer<typeof ItemShardsView>;
