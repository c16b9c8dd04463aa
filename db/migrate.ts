// Applies the committed drizzle-kit migrations (db/migrations) to a libSQL database, by phase
// (docs/architecture.md §5.1): "expand" migrations before a deploy, "contract" ones after it, or "all" in
// journal order (a fresh or local database, where no old Worker is serving). Applied migrations are recorded
// in drizzle's own `__drizzle_migrations` (hash, created_at = the journal's timestamp), so databases migrated
// by drizzle's migrator before are read as they are. Unlike drizzle's migrator, which applies whatever is
// newer than the last row, a migration counts as applied only if its own row is there: a contract migration
// left for after the deploy is still found later. Each migration is one write batch with its row (all or nothing).
import { fileURLToPath } from "node:url";
import { readMigrations, type Migration, type Phase } from "./migration-phases";
import type { NodeDb } from "./node-client";

export const MIGRATIONS_DIR = fileURLToPath(new URL("./migrations", import.meta.url));

const TABLE = "__drizzle_migrations";

/** created_at of every applied migration (reading only: a database never migrated has none). */
async function appliedSet(db: NodeDb): Promise<Set<number>> {
  const table = await db.$client.execute({
    sql: "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
    args: [TABLE],
  });
  if (table.rows.length === 0) return new Set();
  const rs = await db.$client.execute(`SELECT created_at FROM "${TABLE}"`);
  return new Set(rs.rows.map((r) => Number(r.created_at)));
}

/** The migrations not yet applied, in journal order. */
export async function pendingMigrations(db: NodeDb, dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const done = await appliedSet(db);
  return readMigrations(dir).filter((m) => !done.has(m.when));
}

/** Applies the pending migrations of a phase ("all": every pending one), in journal order; returns their tags. */
export async function applyMigrations(
  db: NodeDb,
  opts: { phase?: Phase | "all"; dir?: string } = {},
): Promise<string[]> {
  const phase = opts.phase ?? "all";
  const applied: string[] = [];
  await db.$client.execute(
    `CREATE TABLE IF NOT EXISTS "${TABLE}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`,
  );
  for (const m of await pendingMigrations(db, opts.dir)) {
    if (phase !== "all" && m.phase !== phase) continue;
    await db.$client.batch(
      [...m.statements, { sql: `INSERT INTO "${TABLE}" ("hash", "created_at") VALUES (?, ?)`, args: [m.hash, m.when] }],
      "write",
    );
    applied.push(m.tag);
  }
  return applied;
}
