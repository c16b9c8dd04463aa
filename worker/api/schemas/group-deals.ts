// Group deals (拼团, worker/group-buy): request and response schemas.
import { z } from "zod";
import { lazy } from "../../../views/i18n";
import { IsoInstant, IsoTime, Ref } from "./common";

const count = (min: number, max: number) =>
  z
    .int({ error: lazy("api.field.invalid") })
    .min(min, { error: lazy("api.field.invalid") })
    .max(max, { error: lazy("api.field.invalid") });

export const CreateGroupDealBody = z
  .strictObject({
    ref: Ref,
    itemId: z
      .int({ error: lazy("api.field.invalid") })
      .positive({ error: lazy("api.field.invalid") })
      .describe("The catalogue item offered."),
    groupSize: count(2, 50).describe("Members a group needs (2–50)."),
    pointsPrice: count(1, 10_000_000).describe("Points each member pays: below the item's own price."),
    fillHours: count(1, 336).describe("Hours a group has to fill from its opening (1–336), e.g. 24."),
    startsAt: IsoInstant.optional().describe("Groups may be opened from (ISO 8601); omitted = at once."),
    endsAt: IsoInstant.optional().describe("No group opens after (ISO 8601); omitted = never."),
    enabled: z.boolean().optional().describe("Offered on the item page (default true)."),
    tiers: z
      .array(z.string().regex(/^[a-z0-9_-]{1,20}$/, { error: lazy("groupBuy.api.tier") }))
      .max(20, { error: lazy("groupBuy.api.tier") })
      .optional()
      .describe(
        "Tier keys (设置 → 会员等级, e.g. gold) whose members may open or join its groups; omitted or empty = every tier. Others are refused with TIER_NOT_ALLOWED.",
      ),
  })
  .refine((b) => !b.startsAt || !b.endsAt || Date.parse(b.endsAt) > Date.parse(b.startsAt), {
    error: lazy("groupBuy.api.window"),
    path: ["endsAt"],
  })
  .meta({
    title: "CreateGroupDealBody",
    description:
      "Offers an item as a group deal (拼团). Idempotent on ref: the same ref with the same body answers the same id.",
  });
export type CreateGroupDealBody = z.infer<typeof CreateGroupDealBody>;

export const CreateGroupDealResult = z.object({ id: z.string() }).meta({ title: "CreateGroupDealResult" });

export const GroupDealIdParams = z.object({
  id: z
    .string()
    .regex(/^D[0-9a-f]{12}$/, { error: lazy("groupBuy.api.dealId") })
    .describe("The deal's id."),
});

export const GroupSummaryView = z
  .object({
    id: z.string(),
    state: z.enum(["open", "filled", "completed", "failing", "failed"]),
    size: z.int(),
    taken: z.int().describe("Seats taken."),
    pointsPrice: z.int(),
    deadline: IsoTime,
    openedAt: IsoTime,
    completedAt: IsoTime.nullable(),
  })
  .meta({ title: "GroupSummary" });

export const GroupDealView = z
  .object({
    id: z.string(),
    itemId: z.int(),
    groupSize: z.int(),
    pointsPrice: z.int(),
    fillHours: z.int(),
    startsAt: IsoTime.nullable(),
    endsAt: IsoTime.nullable(),
    enabled: z.boolean(),
    tiers: z.array(z.string()).describe("Tier keys whose members may open or join; empty = every tier."),
    createdAt: IsoTime,
    groups: z.array(GroupSummaryView).describe("The deal's groups, newest first (up to 200)."),
  })
  .meta({ title: "GroupDeal" });
export type GroupDealView = z.infer<typeof GroupDealView>;

export const GroupDealList = z
  .object({ deals: z.array(GroupDealView.omit({ groups: true })) })
  .meta({ title: "GroupDealList" });
