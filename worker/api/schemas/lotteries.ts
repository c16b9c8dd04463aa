// Lotteries (大转盘 / 刮刮卡, worker/lottery): request and response schemas.
import { z } from "zod";
import { lazy } from "../../../views/i18n";
import { apiText, IsoInstant, IsoTime, Ref, Uid } from "./common";

const count = (min: number, max: number) =>
  z
    .int({ error: lazy("api.field.invalid") })
    .min(min, { error: lazy("api.field.invalid") })
    .max(max, { error: lazy("api.field.invalid") });

export const PrizeBody = z
  .strictObject({
    name: apiText(40).describe("What the member sees, e.g. 100 积分 or 谢谢参与 (1–40 characters)."),
    kind: z
      .enum(["points", "item", "none"])
      .describe(
        "points: credited to the wallet; item: a catalogue item, placed as a zero-point order; none: 谢谢参与.",
      ),
    points: count(1, 100_000).optional().describe("kind points: the points credited (1–100,000)."),
    itemId: z.int().positive().optional().describe("kind item: the catalogue item's id."),
    weight: count(1, 1_000_000).describe(
      "The prize's weight (1–1,000,000): odds = weight ÷ the sum of the weights of the prizes in stock.",
    ),
    stock: count(0, 1_000_000).optional().describe("Units in total; omitted = unlimited."),
  })
  .refine((p) => p.kind !== "points" || p.points !== undefined, {
    error: lazy("lottery.api.prizePoints"),
    path: ["points"],
  })
  .refine((p) => p.kind !== "item" || p.itemId !== undefined, {
    error: lazy("lottery.api.prizeItem"),
    path: ["itemId"],
  })
  .meta({ title: "PrizeBody" });

export const CreateLotteryBody = z
  .strictObject({
    ref: Ref,
    name: apiText(40).describe("The campaign's name (1–40 characters)."),
    kind: z.enum(["wheel", "scratch"]).describe("wheel: 大转盘; scratch: 刮刮卡."),
    costPoints: count(0, 100_000).describe("Points one draw costs (0 = free)."),
    dailyLimit: count(1, 1000).describe("Draws per member per merchant-local day, free draws included."),
    totalLimit: count(1, 100_000).optional().describe("Draws per member in all; omitted = no limit."),
    freeDrawsPerDay: count(0, 1000)
      .optional()
      .describe("The first N draws of a member's day cost nothing (default 0)."),
    startsAt: IsoInstant.optional().describe("Opens at (ISO 8601); omitted = at once."),
    endsAt: IsoInstant.optional().describe("Closes at (ISO 8601); omitted = never."),
    tiers: z
      .array(z.string().regex(/^[a-z0-9_-]{1,20}$/, { error: lazy("lottery.api.tier") }))
      .max(20, { error: lazy("lottery.api.tier") })
      .optional()
      .describe(
        "Tier keys (设置 → 会员等级, e.g. gold) whose members may draw; omitted or empty = every tier. Others are refused with TIER_NOT_ALLOWED.",
      ),
    prizes: z
      .array(PrizeBody)
      .min(1, { error: lazy("lottery.api.prizes") })
      .max(12, { error: lazy("lottery.api.prizes") }),
  })
  .refine((b) => !b.startsAt || !b.endsAt || Date.parse(b.endsAt) > Date.parse(b.startsAt), {
    error: lazy("lottery.api.window"),
    path: ["endsAt"],
  })
  .refine((b) => (b.freeDrawsPerDay ?? 0) <= b.dailyLimit, {
    error: lazy("lottery.api.free"),
    path: ["freeDrawsPerDay"],
  })
  .meta({
    title: "CreateLotteryBody",
    description:
      "Creates a lottery campaign. Idempotent on ref: the same ref with the same body answers the same id; another body is REF_CONFLICT.",
  });
export type CreateLotteryBody = z.infer<typeof CreateLotteryBody>;

export const CreateLotteryResult = z.object({ id: z.string() }).meta({ title: "CreateLotteryResult" });

export const LotteryIdParams = z.object({
  id: z
    .string()
    .regex(/^L[0-9a-f]{12}$/, { error: lazy("lottery.api.lotteryId") })
    .describe("The lottery's id."),
});

const PrizeView = z.object({
  id: z.string().describe("Stable within the lottery (p1, p2, …)."),
  name: z.string(),
  kind: z.enum(["points", "item", "none"]),
  points: z.int().nullable(),
  itemId: z.int().nullable(),
});

export const LotteryView = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(["wheel", "scratch"]),
    costPoints: z.int(),
    dailyLimit: z.int(),
    totalLimit: z.int().nullable(),
    freeDrawsPerDay: z.int(),
    startsAt: IsoTime.nullable(),
    endsAt: IsoTime.nullable(),
    tiers: z.array(z.string()).describe("Tier keys whose members may draw; empty = every tier."),
    version: z.int().describe("The definition's version."),
    prizes: z.array(
      PrizeView.extend({
        weight: z.int(),
        stock: z.int().nullable().describe("Units in total; null = unlimited."),
        awarded: z.int().describe("Units won so far."),
        left: z.int().nullable().describe("Units left; null = unlimited."),
        odds: z.number().describe("The current odds (0–1): weight ÷ the weights of the prizes still in stock."),
      }),
    ),
    draws: z.int().describe("Draws counted (refused and refunded ones are not)."),
    members: z.int().describe("Members who drew."),
  })
  .meta({ title: "Lottery" });
export type LotteryView = z.infer<typeof LotteryView>;

export const DrawApiView = z
  .object({
    key: z.string().describe("The draw's key (the idempotency key of the member's form)."),
    seq: z.int(),
    uid: Uid,
    state: z.enum(["PAYING", "DECIDED", "DONE", "REFUNDING", "REFUNDED", "REFUSED"]),
    cost: z.int().describe("Points spent (0 for a free draw)."),
    free: z.boolean(),
    day: z.string().describe("The merchant-local date of the draw."),
    prize: PrizeView.nullable(),
    orderId: z.string().nullable().describe("kind item: the prize's order."),
    code: z.string().nullable().describe("REFUSED / REFUNDED: why."),
    createdAt: IsoTime,
    updatedAt: IsoTime,
  })
  .meta({ title: "Draw" });
export type DrawApiView = z.infer<typeof DrawApiView>;

export const DrawsQuery = z
  .object({
    cursor: z
      .string()
      .regex(/^[1-9][0-9]{0,15}$/, { error: lazy("api.field.invalid") })
      .transform(Number)
      .optional()
      .describe("The nextCursor of the previous page."),
    limit: z.coerce
      .number({ error: lazy("api.field.limit") })
      .int({ error: lazy("api.field.limit") })
      .min(1, { error: lazy("api.field.limit") })
      .max(100, { error: lazy("api.field.limit") })
      .default(50)
      .describe("Draws per page, 1–100 (default 50)."),
  })
  .meta({ title: "DrawsQuery" });

export const DrawPage = z
  .object({
    draws: z.array(DrawApiView).describe("Newest first."),
    nextCursor: z.string().nullable().describe("Pass as cursor for the next (older) page; null on the last page."),
  })
  .meta({ title: "DrawPage" });
