// The members section's inputs, validated at the edge (zod): the search query, the ledger cursor and the
// manual adjustment form.
import { z } from "zod";
import { text } from "../../text-rule";
import { lazy } from "../../../views/i18n";
import { CSRF_FIELD } from "../../identity/csrf";

export const SearchQuery = z.object({
  q: text({
    max: 64,
    min: 0,
    messages: { tooLong: lazy("admin.members.error.q"), invalid: lazy("admin.members.error.q") },
  })
    .optional()
    .default(""),
  page: z
    .string()
    .regex(/^[0-9]{1,4}$/, { error: lazy("admin.members.error.page") })
    .optional()
    .transform((p) => (p === undefined ? 0 : Number(p))),
});

export const CursorQuery = z.object({
  cursor: z
    .string()
    .regex(/^[0-9]{1,12}$/, "cursor")
    .optional(),
});

export const AdjustForm = z.object({
  [CSRF_FIELD]: z.string().optional(),
  ref: z
    .string({ error: lazy("admin.members.error.ref") })
    .regex(/^[A-Za-z0-9:_-]{8,100}$/, { error: lazy("admin.members.error.ref") }),
  points: z
    .string({ error: lazy("admin.members.error.points") })
    .trim()
    .regex(/^[+-]?[0-9]{1,9}$/, { error: lazy("admin.members.error.points") })
    .transform(Number)
    .refine((n) => n !== 0, { error: lazy("admin.members.error.points") }),
  reason: text({
    max: 100,
    messages: {
      type: lazy("admin.members.error.reason"),
      required: lazy("admin.members.error.reason"),
      tooLong: lazy("admin.members.error.reasonLong"),
    },
  }),
});

/** The first message per field of a failed parse. */
export function fieldErrors(error: z.ZodError): { points?: string; reason?: string; ref?: string } {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "");
    if (field && !(field in out)) out[field] = issue.message;
  }
  return out;
}
