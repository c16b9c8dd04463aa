// For the browser tests: the whole mall as `npm start` runs it (libSQL server, migrations, demo seed,
// `wrangler dev`), on free ports and a temp directory, with test secrets.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startFakes } from "../fakes/index";
import { fakeWorkerVars } from "../fakes/info";
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
  // the third parties' fakes, their URLs passed to the Worker and provided to the tests as inject("fakes")
  const fakes = await startFakes({ wechatPay: { retryScale: 0.001 } });
  const stack = await startStack({
    port: 0,
    dbFile: join(dir, "data/mall.db"),
    persistTo: join(dir, "wrangler-state"),
    envFile: join(dir, "test.env"),
    vars: { ...TEST_SECRETS, ...fakeWorkerVars(fakes.info()) },
  }).catch(async (err) => {
    await fakes.stop();
    throw err;
  });
  project.provide("baseUrl", stack.url);
  project.provide("stackDbUrl", stack.dbUrl);
  project.provide("fakes", fakes.info());
  return async () => {
    await stack.stop();
    await fakes.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
