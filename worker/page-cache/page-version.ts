// The guest page cache's version (db/schema.ts page_version): every write that changes what a guest page
// shows (items, their images, categories, stock set by the console or the API, settings) adds
// bumpPageVersion() to its own batch, so the change and the bump commit together, then calls
// pageVersionBumped() so this isolate stops using its cached version at once. Other isolates read the new
// version with their settings within SETTINGS_TTL_MS (worker/settings/load-settings.ts).
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { pageVersion } from "../../db/schema";
import { invalidateSettings } from "../settings/load-settings";

/** The statement that retires every cached guest page (one row, id = 1, created on first use). */
export function bumpPageVersion(db: Db, now: number) {
  return db
    .insert(pageVersion)
    .values({ id: 1, version: 1, updatedAt: now })
    .onConflictDoUpdate({ target: pageVersion.id, set: { version: sql`${pageVersion.version} + 1`, updatedAt: now } });
}

/** After the batch with bumpPageVersion committed: this isolate re-reads the version (and settings). */
export function pageVersionBumped(): void {
  invalidateSettings();
}
