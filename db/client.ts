// The Worker's database handle: drizzle over @libsql/client/web (Hrana over HTTP, fetch only).
import { createClient, type Client } from "@libsql/client/web";
import type { LibSQLDatabase } from "drizzle-orm/libsql";
import { drizzle } from "drizzle-orm/libsql/web";
import * as schema from "./schema";

export type Db = LibSQLDatabase<typeof schema> & { $client: Client };

const cache = new Map<string, Db>();

/** One client per isolate and database URL; the web client is stateless HTTP, so sharing it is safe. */
export function getDb(url: string, authToken?: string): Db {
  const key = `${url}\n${authToken ?? ""}`;
  let db = cache.get(key);
  if (!db) {
    const client = createClient({ url, authToken: authToken || undefined });
    db = drizzle(client, { schema }) as Db;
    cache.set(key, db);
  }
  return db;
}
