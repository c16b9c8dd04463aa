// The campaign endpoints in the Merchant API's OpenAPI document (worker/api/openapi.ts).
import type { Endpoint } from "../api/openapi";
import { UidParams } from "../api/schemas";
import { BirthdayBody, BirthdayResult } from "./schema";

export const CAMPAIGN_ENDPOINTS: Endpoint[] = [
  {
    method: "put",
    path: "/api/v1/members/{uid}/birthday",
    summary: "Set a member's birthday (生日双倍积分)",
    description:
      "Purchases on the birthday (or in its month, as the merchant configured on 活动) earn × the birthday multiplier, decided by the member's wallet at earn time. " +
      "A member sets their own birthday once on /me/birthday; this endpoint may set or correct it at any time. The same birthday again answers changed false. " +
      "Optional ref: the same ref with the same body answers the first result.",
    params: UidParams,
    body: BirthdayBody,
    ok: [{ status: 200, description: "The birthday as stored.", schema: BirthdayResult }],
    errors: ["BAD_REQUEST", "VALIDATION_FAILED", "UNAUTHORIZED", "MEMBER_NOT_FOUND", "INVALID_BIRTHDAY"],
  },
];
