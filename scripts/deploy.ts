// `npm run deploy`: apply migrations to the production database (TURSO_DATABASE_URL + TURSO_AUTH_TOKEN),
// then `wrangler deploy`. Secrets are set once with `wrangler secret put NAME` (see README).
import { spawnSync } from "node:child_process";
import { applyMigrations } from "../db/migrate";
import { connect } from "../db/node-client";
import { copyAssets } from "./copy-assets";
import { ROOT } from "./paths";

const url = process.env.TURSO_DATABASE_URL;
if (!url) {
  console.error("Set TURSO_DATABASE_URL (libsql://<db>-<org>.turso.io) and TURSO_AUTH_TOKEN to deploy.");
  process.exit(2);
}
copyAssets(ROOT);
const db = connect(url, process.env.TURSO_AUTH_TOKEN);
await applyMigrations(db);
db.$client.close();
console.log("migrations applied");
const extra = process.argv.slice(2);
const result = spawnSync("npx", ["wrangler", "deploy", ...extra], { cwd: ROOT, stdio: "inherit" });
process.exit(result.status ?? 1);
