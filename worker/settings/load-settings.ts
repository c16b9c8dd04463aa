// The merchant's settings row as the shopper pages and the rules engine use it.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { settings } from "../../db/schema";
import { t } from "../../views/i18n";
import type { MallView } from "../../views/layout";
import type { WalletRules } from "../wallet/types";
import { parseRules, type Rules } from "./rules";

export type MallSettings = { mall: MallView; timeZone: string; rules: Rules };

export const FALLBACK_MALL: MallView = {
  name: t("settings.default.mallName"),
  tagline: "",
  brandColor: "#07c160",
  logoUrl: "/images/logo.svg",
  bannerUrl: "/images/banner.svg",
  bannerAlt: "",
};

export function settingsQuery(db: Db) {
  return db.select().from(settings).where(eq(settings.id, 1)).limit(1);
}

export function toMallSettings(row: typeof settings.$inferSelect | undefined): MallSettings {
  if (!row) return { mall: FALLBACK_MALL, timeZone: "Asia/Shanghai", rules: parseRules({}) };
  return {
    mall: {
      name: row.mallName,
      tagline: row.tagline,
      brandColor: row.brandColor,
      logoUrl: row.logoUrl,
      bannerUrl: row.bannerUrl,
      bannerAlt: row.bannerAlt,
    },
    timeZone: row.timeZone,
    rules: parseRules(row.rules),
  };
}

export async function loadSettings(db: Db): Promise<MallSettings> {
  const [row] = await settingsQuery(db);
  return toMallSettings(row);
}

/** The rules as the wallet object takes them: the merchant's rules plus their time zone. */
export function walletRules(s: MallSettings): WalletRules {
  return { ...s.rules, timeZone: s.timeZone };
}
