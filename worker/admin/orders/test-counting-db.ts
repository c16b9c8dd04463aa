// For the console's order tests (not imported by the Worker): a Db over its own libSQL client whose fetch counts
// the HTTP requests it makes to Turso (each one a Workers subrequest), with a hook run before a request goes.
import { env } from "cloudflare:workers";
import { createClient } from "@libsql/client/web";
import { drizzle } from "drizzle-orm/libsql/web";
import type { Db } from "../../../db/client";
import * as schema from "../../../db/schema";

export type CountingDb = { db: Db; requests: () => number; bodies: string[] };

/** `before(body)` runs before each request is sent, with the request's body (Hrana JSON). */
export function countingDb(before?: (body: string) => Promise<void>): CountingDb {
  const bodies: string[] = [];
  const counted = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const req = new Request(input, init);
    const body = await req.clone().text();
    bodies.push(body);
    if (before) await before(body);
    return fetch(req);
  };
  const client = createClient({ url: env.TURSO_DATABASE_URL, concurrency: Number.MAX_SAFE_INTEGER, fetch: counted });
  return { db: drizzle(client, { schema }) as Db, requests: () => bodies.length, bodies };
}
