// 生日双倍积分 through the Merchant API: request and response schemas (validation and the OpenAPI document).
import { z } from "zod";
import { lazy } from "../../views/i18n";
import { Ref, required } from "../api/schemas/common";

export const BirthdayBody = z
  .strictObject({
    ref: Ref.optional().describe(
      "Optional (a put is idempotent by its body); when given, the same ref with another body is REF_REUSED.",
    ),
    birthday: z
      .string(required(lazy("campaigns.api.birthday")))
      .regex(/^(\d{4}-)?(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: lazy("campaigns.api.birthday") })
      .describe(
        "MM-DD (the year unknown) or YYYY-MM-DD: a real date (02-29 allowed without a year), from 1900 to the merchant-local today.",
      ),
  })
  .meta({
    title: "BirthdayBody",
    description: "The member's birthday for 生日双倍积分. The merchant may set it or correct it at any time.",
  });

export const BirthdayResult = z
  .object({
    uid: z.string(),
    birthday: z.string().describe("As stored: MM-DD or YYYY-MM-DD."),
    changed: z.boolean().describe("false: the member already had this birthday."),
  })
  .meta({ title: "BirthdayResult" });
export type BirthdayResult = z.infer<typeof BirthdayResult>;
