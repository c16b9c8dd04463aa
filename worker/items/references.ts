// The checks of a create or patch that need the database: the category and the tier keys.
import { toMallSettings } from "../settings/load-settings";
import type { ItemInvalid } from "./refusals";

/** References a create or patch makes that the schema cannot check: the category and the tier keys. */
export function checkReferences(
  body: { categoryId?: number | null; tiers?: string[] | null },
  settingsRow: Parameters<typeof toMallSettings>[0],
  categoryExists: boolean,
): ItemInvalid | null {
  if (body.categoryId != null && !categoryExists)
    return {
      ok: false,
      code: "VALIDATION_FAILED",
      field: "categoryId",
      why: "no_category",
      categoryId: body.categoryId,
    };
  if (body.tiers) {
    const known = new Set(toMallSettings(settingsRow).rules.tiers.map((tier) => tier.key));
    const unknown = body.tiers.find((k) => !known.has(k));
    if (unknown !== undefined)
      return { ok: false, code: "VALIDATION_FAILED", field: "tiers", why: "no_tier", tier: unknown, known: [...known] };
  }
  return null;
}
