// Members and points: request and response schemas (validation and the OpenAPI document both use these).
import { z } from "zod";
import { LEDGER_KINDS } from "../../../domain";
import { EARN_SOURCES, type EarnSource } from "../../wallet/types";
import { apiText, IsoTime, Points, Reason, Ref, Uid, required } from "./common";
import { t, lazy } from "../../../views/i18n";

const PositiveInt = z.int(required(lazy("api.field.positiveInt"))).positive({ error: lazy("api.field.positiveInt") });
/** Sane bounds per call (the merchant's own limits, in the settings, are enforced by the wallet). */
export const MAX_EARN_POINTS = 100_000_000;
export const MAX_AMOUNT_FEN = 10_000_000_000;

/** Sources a merchant may credit through the API (check-ins and the new-member bonus are the mall's own). */
export const API_EARN_SOURCES = EARN_SOURCES.filter(
  (s): s is Exclude<EarnSource, "checkin" | "signup_bonus"> => s !== "checkin" && s !== "signup_bonus",
);

export const UidParams = z.object({ uid: Uid });

export const PutMemberBody = z
  .strictObject({
    ref: Ref.optional().describe(
      "Optional (a put is idempotent by its body); when given, the same ref with another body is REF_REUSED.",
    ),
    nickname: apiText(32)
      .optional()
      .describe("Display name (≤ 32 characters; trimmed, NFC, no control or bidi characters)."),
    avatar: z
      .url({ protocol: /^https$/, hostname: z.regexes.domain, error: lazy("api.field.https") })
      .max(512, { error: lazy("api.field.maxChars", { max: 512 }) })
      .nullable()
      .optional()
      .describe("Avatar image, an https URL (≤ 512 characters); null clears it."),
  })
  .meta({ title: "PutMemberBody", description: "Profile fields to set; omitted fields keep their value." });

export const EarnBody = z
  .strictObject({
    ref: Ref,
    reason: Reason,
    points: PositiveInt.max(MAX_EARN_POINTS, { error: lazy("api.field.max", { max: MAX_EARN_POINTS }) })
      .optional()
      .describe(
        "Points to credit as given (exactly one of points / amountFen). The merchant's own maximum for one earning and per member per day apply (EARN_TOO_LARGE, EARN_LIMIT_REACHED).",
      ),
    amountFen: PositiveInt.max(MAX_AMOUNT_FEN, { error: lazy("api.field.max", { max: MAX_AMOUNT_FEN }) })
      .optional()
      .describe(
        "A purchase amount in fen (¥1 = 100 fen), converted with the merchant's points per ¥ (rounded down) times the member's tier multiplier (exactly one of points / amountFen).",
      ),
    source: z
      .enum(API_EARN_SOURCES)
      .optional()
      .describe(
        "Where the points come from; default purchase with amountFen, else other. Every source but purchase counts against the daily cap.",
      ),
  })
  .superRefine((body, ctx) => {
    const given = (body.points !== undefined ? 1 : 0) + (body.amountFen !== undefined ? 1 : 0);
    if (given !== 1) {
      ctx.addIssue({ code: "custom", path: ["points"], message: t("api.members.earnOneOf") });
    }
  })
  .meta({
    title: "EarnBody",
    description: "Credit points to a member (created if unknown). Exactly one of points / amountFen.",
    oneOf: [{ required: ["points"] }, { required: ["amountFen"] }],
  });

export const DeductBody = z
  .strictObject({
    ref: Ref,
    reason: Reason,
    points: PositiveInt.max(MAX_EARN_POINTS, { error: lazy("api.field.max", { max: MAX_EARN_POINTS }) }).describe(
      "Points to take away.",
    ),
  })
  .meta({
    title: "DeductBody",
    description: "Take points away, earliest-expiring first; refused if the balance is short.",
  });

export const ReverseBody = z
  .strictObject({ ref: Ref, reason: Reason, earnRef: Ref.describe("The ref of the earning to take back.") })
  .meta({
    title: "ReverseBody",
    description:
      "Take back an earlier earning (e.g. a refunded purchase): as much as the balance allows; the rest is the shortfall.",
  });

export const LedgerQuery = z
  .object({
    limit: z.coerce
      .number({ error: lazy("api.field.limit") })
      .int({ error: lazy("api.field.limit") })
      .min(1, { error: lazy("api.field.limit") })
      .max(100, { error: lazy("api.field.limit") })
      .default(20)
      .describe("Entries per page, 1–100 (default 20)."),
    cursor: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: lazy("api.field.invalid") })
      .optional()
      .describe("The nextCursor of the previous page (opaque)."),
  })
  .meta({ title: "LedgerQuery" });

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
