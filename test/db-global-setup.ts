// For the workerd tests: a real local libSQL server on a temp file, migrated and seeded with the demo mall.
// Its URL reaches the Worker's TURSO_DATABASE_URL binding through vitest's provide/inject.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../db/migrate";
import { connect } from "../db/node-client";
import { seedIfEmpty } from "../db/seed";
import { startLibsqlServer } from "../db/server/server";

declare module "vitest" {
  export interface ProvidedContext {
    dbUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "mall-test-db-"));
  const server = await startLibsqlServer({ file: join(dir, "mall.db") });
  const db = connect(server.url);
  await applyMigrations(db);
  await seedIfEmpty(db);
  db.$client.close();
  project.provide("dbUrl", server.url);
  return async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  };
}
