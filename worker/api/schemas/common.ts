// Schema pieces every part of the merchant API shares.
import { z } from "zod";
import { UID_PATTERN } from "../../identity/uid";
import { text } from "../../text-rule";

export const required = (what: string) => ({ error: (iss: { input?: unknown }) => (iss.input === undefined ? "必填" : what) });

export const Points = z.int().min(0);
export const IsoTime = z.iso.datetime().describe("ISO 8601 (UTC).");

export const Uid = z
  .string(required("须为字符串"))
  .regex(UID_PATTERN, "须为 1–64 位字母、数字或 _ . : @ -，以字母或数字开头")
  .describe("The merchant's own user id: 1–64 of A–Z a–z 0–9 _ . : @ -, starting with a letter or digit (the one pattern autologin, the API and the console share).");

/** A text field under the mall's one text rule (worker/text-rule.ts: NFC, trimmed, no control or bidi
 *  characters, no lone surrogates), with the API's messages. */
export function apiText(max: number, o: { min?: number; multiline?: boolean } = {}) {
  return text({
    max,
    min: o.min,
    multiline: o.multiline,
    params: required("须为字符串"),
    messages: { required: "不能为空", tooLong: `最长 ${max} 个字符`, invalid: "不能包含控制字符、方向控制符或无效的字符" },
  });
}

export const Ref = z
  .string(required("须为字符串"))
  .min(1, "不能为空")
  .max(100, "最长 100 个字符")
  .regex(/^[A-Za-z0-9_.:-]+$/, "只能包含字母、数字和 _ . : -")
  .describe("Idempotency key of this operation (1–100 of A–Z a–z 0–9 _ . : -). The same ref again returns the first result and writes nothing new.");

export const Reason = apiText(200).describe(
  "Why, as the member will see it in their points history (1–200 characters; trimmed, NFC, no control or bidi characters).",
);

export const IsoInstant = z.iso.datetime({ offset: true, error: "须为 ISO 8601 时间，如 2026-05-01T10:00:00+08:00" }).describe("ISO 8601 with Z or an offset.");
