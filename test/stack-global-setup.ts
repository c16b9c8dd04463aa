// For the browser tests: the whole mall as `npm start` runs it (libSQL server, migrations, demo seed,
// `wrangler dev`), on free ports and a temp directory, with test secrets.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startStack } from "../scripts/stack";

export const TEST_SECRETS = {
  AUTOLOGIN_SECRET: "browser-test-autologin-secret",
  MERCHANT_API_TOKEN: "browser-test-merchant-token",
  SESSION_SECRET: "browser-test-session-secret",
  ADMIN_EMAIL: "owner@example.com",
  ADMIN_PASSWORD: "browser-test-admin-password",
};

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "mall-browser-"));
  // An empty env file, so a developer's own .dev.vars never leaks into the tests; secrets come as --var.
  writeFileSync(join(dir, "test.env"), "");
  const stack = await startStack({
    port: 0,
    dbFile: join(dir, "data/mall.db"),
    persistTo: join(dir, "wrangler-state"),
    envFile: join(dir, "test.env"),
    vars: TEST_SECRETS,
  });
  project.provide("baseUrl", stack.url);
  project.provide("stackDbUrl", stack.dbUrl);
  return async () => {
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
