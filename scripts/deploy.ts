// `npm run deploy`: apply migrations to the production database (TURSO_DATABASE_URL + TURSO_AUTH_TOKEN),
// create the R2 bucket for uploaded images if it is missing, then `wrangler deploy`. Secrets are set once with `wrangler secret put NAME` (see README).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
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
if (!extra.includes("--dry-run")) ensureMediaBucket();
const result = spawnSync("npx", ["wrangler", "deploy", ...extra], { cwd: ROOT, stdio: "inherit" });
process.exit(result.status ?? 1);

/** The MEDIA bucket named in wrangler.toml: `wrangler r2 bucket create`, where "already exists" is fine. */
function ensureMediaBucket(): void {
  const toml = readFileSync(join(ROOT, "wrangler.toml"), "utf8");
  const bucket = /binding\s*=\s*"MEDIA"\s*\n\s*bucket_name\s*=\s*"([^"]+)"/.exec(toml)?.[1] ?? "points-mall-media";
  const r = spawnSync("npx", ["wrangler", "r2", "bucket", "create", bucket], { cwd: ROOT, encoding: "utf8" });
  const out = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  if (r.status === 0) console.log(`R2 bucket ${bucket} created`);
  else if (/already exists|already own/i.test(out)) console.log(`R2 bucket ${bucket} already exists`);
  else {
    console.error(out);
    console.error(`could not create the R2 bucket ${bucket}`);
    process.exit(r.status ?? 1);
  }
}
