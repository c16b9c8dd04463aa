// The Worker's database handle: drizzle over @libsql/client/web (Hrana over HTTP, fetch only).
import { createClient, type Client } from "@libsql/client/web";
import type { LibSQLDatabase } from "drizzle-orm/libsql";
import { drizzle } from "drizzle-orm/libsql/web";
import * as schema from "./schema";

export type Db = LibSQLDatabase<typeof schema> & { $client: Client };

const cache = new Map<string, Db>();

/** Calls one client lets run at once: unbounded (see getDb). */
const UNLIMITED = Number.MAX_SAFE_INTEGER;

/**
 * One client per isolate and database URL; the web client is stateless HTTP, so sharing it is safe, with one
 * exception: its concurrency limiter (default 20 calls) is a queue shared by every request of the isolate.
 * A call queued behind another request's call is started by that request, and workerd cancels a request
 * whose promise is settled from another request's I/O ("Worker's code had hung"). So no limit here;
 * workerd already bounds the connections of each request.
 */
export function getDb(url: string, authToken?: string): Db {
  const key = `${url}\n${authToken ?? ""}`;
  let db = cache.get(key);
  if (!db) {
    const client = createClient({ url, authToken: authToken || undefined, concurrency: UNLIMITED });
    db = drizzle(client, { schema }) as Db;
    cache.set(key, db);
  }
  return db;
}
