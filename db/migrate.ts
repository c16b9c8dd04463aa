// Applies the committed drizzle-kit migrations (db/migrations) to a libSQL database.
import { fileURLToPath } from "node:url";
import { migrate } from "drizzle-orm/libsql/migrator";
import type { NodeDb } from "./node-client";

export const MIGRATIONS_DIR = fileURLToPath(new URL("./migrations", import.meta.url));

export async function applyMigrations(db: NodeDb): Promise<void> {
  await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
}
