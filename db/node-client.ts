// Node-side database handle (scripts, seed, migrations, tests): the official @libsql/client.
import { createClient, type Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import * as schema from "./schema";

export type NodeDb = LibSQLDatabase<typeof schema> & { $client: Client };

export function connect(url: string, authToken?: string): NodeDb {
  const client = createClient({ url, authToken: authToken || undefined });
  return drizzle(client, { schema }) as NodeDb;
}
