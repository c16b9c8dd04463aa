// Schema pieces every part of the merchant API shares.
import { z } from "zod";
import { UID_PATTERN } from "../../identity/uid";
import { text } from "../../text-rule";
import { t, lazy } from "../../../views/i18n";

/** zod's `error` for a missing value ("required") or one of the wrong type (`what`, resolved when shown). */
export const required = (what: () => string) => ({
  error: (iss: { input?: unknown }) => (iss.input === undefined ? t("api.field.required") : what()),
});

export const Points = z.int().min(0);
export const IsoTime = z.iso.datetime().describe("ISO 8601 (UTC).");

export const Uid = z
  .string(required(lazy("api.field.string")))
  .regex(UID_PATTERN, { error: lazy("api.field.uid") })
  .describe(
    "The merchant's own user id: 1–64 of A–Z a–z 0–9 _ . : @ -, starting with a letter or digit (the one pattern autologin, the API and the console share).",
  );

/** A text field under the mall's one text rule (worker/text-rule.ts: NFC, trimmed, no control or bidi
 *  characters, no lone surrogates), with the API's messages. */
export function apiText(max: number, o: { min?: number; multiline?: boolean } = {}) {
  return text({
    max,
    min: o.min,
    multiline: o.multiline,
    params: required(lazy("api.field.string")),
    messages: {
      required: lazy("api.field.empty"),
      tooLong: lazy("api.field.maxChars", { max }),
      invalid: lazy("api.field.invalidText"),
    },
  });
}

export const Ref = z
  .string(required(lazy("api.field.string")))
  .min(1, { error: lazy("api.field.empty") })
  .max(100, { error: lazy("api.field.maxChars", { max: 100 }) })
  .regex(/^[A-Za-z0-9_.:-]+$/, { error: lazy("api.field.ref") })
  .describe(
    "Idempotency key of this operation (1–100 of A–Z a–z 0–9 _ . : -). The same ref again returns the first result and writes nothing new.",
  );

export const Reason = apiText(200).describe(
  "Why, as the member will see it in their points history (1–200 characters; trimmed, NFC, no control or bidi characters).",
);

export const IsoInstant = z.iso
  .datetime({ offset: true, error: lazy("api.field.isoInstant") })
  .describe("ISO 8601 with Z or an offset.");
