// The merchant's settings row as the shopper pages and the rules engine use it.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { pageVersion, settings } from "../../db/schema";
import { currentLocale, type Locale, t } from "../../views/i18n";
import type { MallView } from "../../views/layout";
import type { WalletRules } from "../wallet/types";
import { parseRules, type Rules } from "./rules";

export type MallSettings = { mall: MallView; timeZone: string; rules: Rules };

/** The mall before the merchant saved anything (or when the settings cannot be read), named in the
 *  request's language: a function, not a constant, so no locale is frozen at import. */
export function fallbackMall(): MallView {
  return {
    name: t("settings.default.mallName"),
    tagline: "",
    brandColor: "#07c160",
    logoUrl: "/images/logo.svg",
    bannerUrl: "/images/banner.svg",
    bannerAlt: "",
  };
}

export function settingsQuery(db: Db) {
  return db.select().from(settings).where(eq(settings.id, 1)).limit(1);
}

export function toMallSettings(row: typeof settings.$inferSelect | undefined): MallSettings {
  if (!row) return { mall: fallbackMall(), timeZone: "Asia/Shanghai", rules: parseRules({}) };
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

type SettingsRow = typeof settings.$inferSelect | undefined;

/** The row as it is now in Turso: for the console's read-modify-write and anything that must not lag. */
export async function loadSettingsFresh(db: Db): Promise<MallSettings> {
  const [row] = await settingsQuery(db);
  return toMallSettings(row);
}

/**
 * How long an isolate reuses the settings it read. Every shopper page needs them; the console's save
 * invalidates this isolate's copy at once (invalidateSettings), other isolates catch up within this time.
 */
export const SETTINGS_TTL_MS = 5_000;

// The resolved settings (not the pending promise: a promise must not be shared across requests in workerd).
// What the merchant did not name (the default tiers' and mall's names) is worded in the reader's language, so
// the parsed settings are kept per locale beside the row: each locale parses once per TTL, as before.
// The guest page cache's version (worker/page-cache) is read in the same batch, so a cached page is never
// keyed by a newer version than the settings it was rendered with.
let cached: {
  until: number;
  row: SettingsRow;
  pageVersion: number;
  value: Partial<Record<Locale, MallSettings>>;
} | null = null;
// Bumped by invalidateSettings so a read that started before a save cannot store what it read.
let generation = 0;

async function loadCached(
  db: Db,
): Promise<{ row: SettingsRow; pageVersion: number; value: Partial<Record<Locale, MallSettings>> }> {
  if (cached && Date.now() < cached.until) return cached;
  const started = generation;
  const [[row], [version]] = await db.batch([
    settingsQuery(db),
    db.select({ version: pageVersion.version }).from(pageVersion).where(eq(pageVersion.id, 1)).limit(1),
  ]);
  const fresh = { row, pageVersion: version?.version ?? 0, value: {} };
  if (started === generation) cached = { until: Date.now() + SETTINGS_TTL_MS, ...fresh };
  return fresh;
}

/** The settings, reused within this isolate for SETTINGS_TTL_MS after a read (parsed once per locale). */
export async function loadSettings(db: Db): Promise<MallSettings> {
  const entry = await loadCached(db);
  const locale = currentLocale();
  entry.value[locale] ??= toMallSettings(entry.row);
  return entry.value[locale];
}

/** The guest page cache's version (db/schema.ts page_version), cached with the settings. */
export async function cachedPageVersion(db: Db): Promise<number> {
  return (await loadCached(db)).pageVersion;
}

/** Forget this isolate's copy: called after the console writes the settings row, and after any change that
 *  bumps the page version (worker/page-cache/page-version.ts). */
export function invalidateSettings(): void {
  generation++;
  cached = null;
}

/** The rules as the wallet object takes them: the merchant's rules plus their time zone. */
export function walletRules(s: MallSettings): WalletRules {
  return { ...s.rules, timeZone: s.timeZone };
}
