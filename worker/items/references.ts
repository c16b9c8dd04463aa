// The checks of a create or patch that need the database: the category and the tier keys.
import { toMallSettings } from "../settings/load-settings";

/** References a create or patch makes that the schema cannot check: the category and the tier keys. */
export function checkReferences(
  body: { categoryId?: number | null; tiers?: string[] | null },
  settingsRow: Parameters<typeof toMallSettings>[0],
  categoryExists: boolean,
): string | null {
  if (body.categoryId != null && !categoryExists) return `categoryId: 没有编号为 ${body.categoryId} 的分类`;
  if (body.tiers) {
    const known = new Set(toMallSettings(settingsRow).rules.tiers.map((t) => t.key));
    const unknown = body.tiers.find((k) => !known.has(k));
    if (unknown !== undefined) return `tiers: 没有「${unknown}」这个会员等级（可用：${[...known].join("、")}）`;
  }
  return null;
}
