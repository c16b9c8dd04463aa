// The one rule for text people type (issue 14), as a zod schema every form and API body uses: the value is
// NFC-normalised and trimmed, then refused when it holds a control character (C0 incl. NUL, DEL, C1), a bidi
// control (U+202A–202E, U+2066–2069, LRM/RLM/ALM), a line or paragraph separator, a lone surrogate, or
// U+FFFD (bytes that were not UTF-8); and
// when it is empty where the field is required. Multi-line fields (descriptions) keep their line breaks
// (CR LF and CR become LF) and tabs. Other format characters stay: emoji sequences need U+200D.
import { z } from "zod";
import { lazy } from "../views/i18n";

// \p{Cc}: C0, DEL and C1 controls; \p{Bidi_Control}: embeddings, overrides, isolates and the direction marks.
// U+FFFD: what bytes that were not UTF-8 decode to (a form or JSON body in another encoding, or garbage);
// nobody types it, and storing it would keep a mangled value as if it were the text sent.
const FORBIDDEN = /[\p{Cc}\p{Bidi_Control}\u2028\u2029\ufffd]/u;
const FORBIDDEN_MULTILINE = /[\p{Bidi_Control}\u2028\u2029\ufffd]|(?![\n\t])\p{Cc}/u;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A message as zod takes it: fixed text, or a function resolved when the issue is made. */
export type Message = string | (() => string);

export type TextOptions = {
  /** Most UTF-16 units after normalising (the length the database and pages see). */
  max: number;
  /** Fewest; 1 (default) makes the field required, 0 allows it empty. */
  min?: number;
  /** Keeps line breaks (as LF) and tabs. */
  multiline?: boolean;
  /** Runs of white space (line breaks included) become one space, as in an address line. */
  collapseSpaces?: boolean;
  /** zod's string() parameters (the message when the value is not a string at all). */
  params?: Parameters<typeof z.string>[0];
  /** Messages in the caller's voice; default the catalogue's. A function (lazy(key)) is resolved when the
   *  value is refused, in that request's language: schemas are built at import time. */
  messages?: { type?: Message; required?: Message; tooShort?: Message; tooLong?: Message; invalid?: Message };
};

/** NFC, line breaks as LF (multi-line) or runs of white space as one space (collapse), trimmed: what the
 *  rule stores. */
export function normalizeText(value: string, multiline = false, collapse = false): string {
  const nfc = value.normalize("NFC");
  if (collapse) return nfc.replace(/\s+/g, " ").trim();
  return (multiline ? nfc.replace(/\r\n?/g, "\n") : nfc).trim();
}

/** Whether `value` (normalised) breaks the rule's character check. */
export function hasForbiddenText(value: string, multiline = false): boolean {
  return LONE_SURROGATE.test(value) || (multiline ? FORBIDDEN_MULTILINE : FORBIDDEN).test(value);
}

/** The zod schema of one text field under the rule. */
export function text(o: TextOptions) {
  const min = o.min ?? 1;
  const m = o.messages ?? {};
  const invalid = m.invalid ?? lazy("text.invalidCharacters");
  return (
    z
      .string(o.params ?? { error: m.type ?? lazy("text.notText") })
      // Lone surrogates first: normalize() keeps them, and the database would turn them into U+FFFD.
      .refine((s) => !LONE_SURROGATE.test(s), { error: invalid, abort: true })
      .overwrite((s) => normalizeText(s, o.multiline, o.collapseSpaces))
      .refine((s) => !hasForbiddenText(s, o.multiline), { error: invalid, abort: true })
      .min(min, {
        error: min === 1 ? (m.required ?? lazy("text.required")) : (m.tooShort ?? lazy("text.tooShort", { min })),
      })
      .max(o.max, { error: m.tooLong ?? lazy("text.tooLong", { max: o.max }) })
  );
}
