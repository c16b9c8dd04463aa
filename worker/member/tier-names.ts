// The names of the tiers a game is limited to, as one phrase for the member ("黄金、钻石"), from the merchant's
// tier table (设置 → 会员等级); a key no longer in the table shows as itself. null: every tier.
import { t } from "../../views/i18n";

export function tierNames(
  keys: readonly string[] | undefined,
  settings: { rules: { tiers: readonly { key: string; name: string }[] } },
): string | null {
  if (!keys || keys.length === 0) return null;
  return keys.map((k) => settings.rules.tiers.find((x) => x.key === k)?.name ?? k).join(t("common.listSeparator"));
}
