// Redeem-code batches (兑换码, worker/codes): request and response schemas.
import { z } from "zod";
import { lazy } from "../../../views/i18n";
import { apiText, IsoInstant, IsoTime, Ref } from "./common";

const count = (min: number, max: number) =>
  z
    .int({ error: lazy("api.field.invalid") })
    .min(min, { error: lazy("api.field.invalid") })
    .max(max, { error: lazy("api.field.invalid") });

export const CreateCodeBatchBody = z
  .strictObject({
    ref: Ref,
    name: apiText(40).describe("The batch's name, shown to the member with the points (1–40 characters)."),
    points: count(1, 100_000).describe("Points each code credits (1–100,000)."),
    count: count(1, 10_000).describe("How many codes (1–10,000)."),
    expiresAt: IsoInstant.optional().describe("When the codes stop working; omitted = never."),
    perMemberLimit: count(1, 10_000)
      .optional()
      .describe("Codes of this batch one member may redeem; omitted = no limit."),
  })
  .meta({ title: "CreateCodeBatchBody" });
export type CreateCodeBatchBody = z.infer<typeof CreateCodeBatchBody>;

export const CodeBatchView = z
  .object({
    id: z.string().describe("The batch's id (C + 12 hex)."),
    name: z.string(),
    points: z.int(),
    count: z.int(),
    used: z.int().describe("Codes redeemed."),
    unused: z.int(),
    expiresAt: IsoTime.nullable(),
    perMemberLimit: z.int().nullable(),
    disabled: z.boolean(),
    createdAt: IsoTime,
  })
  .meta({ title: "CodeBatchView" });
export type CodeBatchView = z.infer<typeof CodeBatchView>;

export const CreateCodeBatchResult = CodeBatchView.extend({
  codes: z
    .array(z.string())
    .nullable()
    .describe(
      "The codes (XXXX-XXXX-XXXX), in this first answer only: the mall keeps their SHA-256, never the codes. " +
        "null when this ref had already made the batch.",
    ),
}).meta({ title: "CreateCodeBatchResult" });
export type CreateCodeBatchResult = z.infer<typeof CreateCodeBatchResult>;

export const CodeBatchIdParams = z.object({
  id: z
    .string()
    .regex(/^C[0-9a-f]{12}$/, { error: lazy("codes.api.batchId") })
    .describe("The batch's id."),
});
