// The checks of a create or patch that need the database: the category and the tier keys.
import { toMallSettings } from "../settings/load-settings";
import { t } from "../../views/i18n";

/** References a create or patch makes that the schema cannot check: the category and the tier keys. */
export function checkReferences(
  body: { categoryId?: number | null; tiers?: string[] | null },
  settingsRow: Parameters<typeof toMallSettings>[0],
  categoryExists: boolean,
): string | null {
  if (body.categoryId != null && !categoryExists)
    return `categoryId: ${t("api.items.noCategory", { id: body.categoryId })}`;
  if (body.tiers) {
    const known = new Set(toMallSettings(settingsRow).rules.tiers.map((t) => t.key));
    const unknown = body.tiers.find((k) => !known.has(k));
    if (unknown !== undefined)
      return `tiers: ${t("api.items.noTier", { tier: unknown, known: [...known].join("、") })}`;
  }
  return null;
}
