// The secret `npm run autologin` and `npm start` sign with: AUTOLOGIN_SECRET until the console rotates it,
// then the newest secret in the local database (against a real local libSQL server).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../db/migrate";
import { connect } from "../db/node-client";
import { autologinSecrets } from "../db/schema";
import { startLibsqlServer } from "../db/server/server";
import { signingAutologinSecret } from "./dev-vars";

let dir: string;
let server: Awaited<ReturnType<typeof startLibsqlServer>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mall-devvars-"));
  server = await startLibsqlServer({ file: join(dir, "mall.db") });
  const db = connect(server.url);
  await applyMigrations(db);
  db.$client.close();
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("signingAutologinSecret", () => {
  it("is the binding's secret before any rotation, without a database, or when it cannot be reached", async () => {
    expect(await signingAutologinSecret(server.url, "env-secret")).toBe("env-secret");
    expect(await signingAutologinSecret(undefined, "env-secret")).toBe("env-secret");
    expect(await signingAutologinSecret("http://127.0.0.1:9", "env-secret")).toBe("env-secret");
  });

  it("is the newest rotated secret after rotations", async () => {
    const db = connect(server.url);
    const now = Date.now();
    await db.insert(autologinSecrets).values([
      { secret: null, createdAt: now, validUntil: now + 3600_000 },
      { secret: "first-rotated", createdAt: now, validUntil: now + 3600_000 },
      { secret: "second-rotated", createdAt: now + 1, validUntil: null },
    ]);
    db.$client.close();
    expect(await signingAutologinSecret(server.url, "env-secret")).toBe("second-rotated");
  });
});
