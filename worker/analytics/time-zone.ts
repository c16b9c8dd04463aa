// The merchant's time zone for page-view days, read once a minute per isolate (off the response path: the
// page-view writer calls it inside waitUntil), so a busy isolate adds no settings read per view.
import type { Db } from "../../db/client";
import { loadSettings } from "../settings/load-settings";

const TTL_MS = 60_000;
let cached: { timeZone: string; until: number } | null = null;

/** No promise is shared between requests: workerd cancels a request settled by another request's I/O. */
export async function cachedTimeZone(db: Db, now: number): Promise<string> {
  if (cached && cached.until > now) return cached.timeZone;
  const { timeZone } = await loadSettings(db);
  cached = { timeZone, until: Date.now() + TTL_MS };
  return timeZone;
}
