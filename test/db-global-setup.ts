// For the workerd tests: real local libSQL servers on temp files, migrated and seeded with the demo mall.
//   dbUrl         the Worker's TURSO_DATABASE_URL binding (through vitest's provide/inject); every test file
//                 writes to it in parallel (members, items, orders)
//   catalogDbUrl  a second copy of the demo mall that no test writes to, for the catalogue tests that
//                 count what the shelves hold (they call the Worker with this database in its env)
//   dashboardDbUrl  migrated, not seeded, written only by the dashboard's figures test (a known scenario)
//   corpusDbUrl   a demo mall written only by the every-route bad-input corpus (worker/security/route-corpus.test.ts),
//                 which counts every table's rows; its items are numbered from 9,000,001 so their stock
//                 objects are never those of another database's items
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../db/migrate";
import { connect } from "../db/node-client";
import { seedIfEmpty } from "../db/seed";
import { startLibsqlServer } from "../db/server/server";

async function seededServer(file: string, seed = true) {
  const server = await startLibsqlServer({ file });
  const db = connect(server.url);
  await applyMigrations(db);
  if (seed) await seedIfEmpty(db);
  db.$client.close();
  return server;
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "mall-test-db-"));
  const [main, catalog, dashboard, corpus] = await Promise.all([
    seededServer(join(dir, "mall.db")),
    seededServer(join(dir, "catalog.db")),
    seededServer(join(dir, "dashboard.db"), false),
    seededServer(join(dir, "corpus.db")),
  ]);
  const corpusDb = connect(corpus.url);
  await corpusDb.$client.execute("update sqlite_sequence set seq = 9000000 where name = 'items'");
  corpusDb.$client.close();
  project.provide("dbUrl", main.url);
  project.provide("catalogDbUrl", catalog.url);
  project.provide("dashboardDbUrl", dashboard.url);
  project.provide("corpusDbUrl", corpus.url);
  return async () => {
    await Promise.all([main.close(), catalog.close(), dashboard.close(), corpus.close()]);
    rmSync(dir, { recursive: true, force: true });
  };
}
