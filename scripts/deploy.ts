// `npm run deploy [-- --admin-email E] [--overwrite-secrets] [--dry-run]`: the one command that deploys the
// mall (docs/architecture.md §5). With TURSO_DATABASE_URL and TURSO_AUTH_TOKEN in the environment:
//   1. checks the migrations follow the expand/contract rule (db/migration-phases.ts);
//   2. checks Turso answers a real query with that URL and token;
//   3. asks the Worker which secrets it already has (`wrangler secret list`), and decides what to put:
//      TURSO_* from the environment (the database this deploy migrates is the one the Worker uses);
//      AUTOLOGIN_SECRET, MERCHANT_API_TOKEN, SESSION_SECRET and ADMIN_PASSWORD generated when missing;
//      ADMIN_EMAIL from --admin-email, ADMIN_EMAIL or a prompt when missing. Secrets the Worker already has
//      are never replaced unless --overwrite-secrets;
//      — nothing has changed anywhere up to here —
//   4. writes what it generated to the secrets file (.deploy/<worker>.secrets.env, mode 600, git-ignored),
//      then puts the secrets with one `wrangler secret bulk`;
//   5. creates the R2 bucket for uploads if missing;
//   6. applies the expand migrations (additive: the old Worker keeps working with them);
//   7. `wrangler deploy`; on failure it stops here, the schema only expanded;
//   8. applies the contract migrations (drops, renames), now that no old code is serving;
//   9. prints the URL and where the admin password and the merchant's secrets are.
// --dry-run does 1–2, lists the pending migrations and the secrets it would put, and runs
// `wrangler deploy --dry-run`: it changes nothing and needs no Cloudflare login.
// WRANGLER_BIN runs another wrangler executable (the tests' fake); --migrations DIR another migrations folder.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { applyMigrations, MIGRATIONS_DIR, pendingMigrations } from "../db/migrate";
import { checkMigrations } from "../db/migration-phases";
import { connect } from "../db/node-client";
import { copyAssets } from "./copy-assets";
import { parseDevVars } from "./dev-vars";
import { ROOT } from "./paths";

const { values } = parseArgs({
  options: {
    "admin-email": { type: "string" },
    "overwrite-secrets": { type: "boolean", default: false },
    "dry-run": { type: "boolean", default: false },
    "secrets-file": { type: "string" },
    migrations: { type: "string" },
  },
});
const DRY = values["dry-run"];
const MIGRATIONS = values.migrations ?? MIGRATIONS_DIR;
const TOML = readFileSync(join(ROOT, "wrangler.toml"), "utf8");
const WORKER = /^name\s*=\s*"([^"]+)"/m.exec(TOML)?.[1] ?? "points-mall";
const SECRETS_FILE = values["secrets-file"] ?? join(ROOT, ".deploy", `${WORKER}.secrets.env`);

/** The secrets that can be generated (the rest of wrangler.toml's [secrets] required come from the merchant). */
const GENERATED: Record<string, () => string> = {
  AUTOLOGIN_SECRET: () => randomBytes(32).toString("hex"),
  MERCHANT_API_TOKEN: () => `pm_${randomBytes(24).toString("base64url")}`,
  SESSION_SECRET: () => randomBytes(32).toString("hex"),
  ADMIN_PASSWORD: () => randomBytes(12).toString("base64url"),
};

let stepNo = 0;
function step(what: string): void {
  console.log(`\n[deploy ${++stepNo}] ${what}`);
}
function fail(message: string, code = 1): never {
  console.error(`\ndeploy stopped: ${message}`);
  process.exit(code);
}

// ── wrangler ───────────────────────────────────────────────────────────────────────────────────────────

function wranglerCommand(): [string, string[]] {
  if (process.env.WRANGLER_BIN) return [process.env.WRANGLER_BIN, []];
  return [process.execPath, [join(ROOT, "node_modules/wrangler/bin/wrangler.js")]];
}

/** Runs wrangler; its output is shown (unless quiet) and returned. */
function wrangler(args: string[], opts: { quiet?: boolean } = {}): Promise<{ code: number; out: string }> {
  const [cmd, pre] = wranglerCommand();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, [...pre, ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    });
    let out = "";
    const keep = (stream: NodeJS.WriteStream) => (d: Buffer) => {
      out += String(d);
      if (!opts.quiet) stream.write(d);
    };
    child.stdout.on("data", keep(process.stdout));
    child.stderr.on("data", keep(process.stderr));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code: code ?? 1, out }));
  });
}

/** The names of the secrets the Worker has; none when the Worker does not exist yet. */
async function existingSecrets(): Promise<Set<string>> {
  const r = await wrangler(["secret", "list", "--format", "json"], { quiet: true });
  if (r.code !== 0) {
    if (/not found|does not exist|10007/i.test(r.out)) return new Set();
    fail(`\`wrangler secret list\` failed (are you logged in? \`npx wrangler login\`):\n${r.out.trim()}`);
  }
  const json = r.out.slice(r.out.indexOf("["), r.out.lastIndexOf("]") + 1);
  try {
    return new Set((JSON.parse(json) as { name: string }[]).map((s) => s.name));
  } catch {
    fail(`could not read \`wrangler secret list\`'s answer:\n${r.out.trim()}`);
  }
}

async function ensureMediaBucket(): Promise<void> {
  const bucket = /binding\s*=\s*"MEDIA"\s*\n\s*bucket_name\s*=\s*"([^"]+)"/.exec(TOML)?.[1] ?? "points-mall-media";
  const r = await wrangler(["r2", "bucket", "create", bucket], { quiet: true });
  if (r.code === 0) console.log(`R2 bucket ${bucket} created`);
  else if (/already exists|already own/i.test(r.out)) console.log(`R2 bucket ${bucket} already exists`);
  else fail(`could not create the R2 bucket ${bucket}:\n${r.out.trim()}`);
}

// ── inputs ─────────────────────────────────────────────────────────────────────────────────────────────

async function adminEmail(): Promise<string> {
  let email = values["admin-email"] ?? process.env.ADMIN_EMAIL;
  if (!email && process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    email = (await rl.question("Email of the console's first owner (ADMIN_EMAIL): ")).trim();
    rl.close();
  }
  if (!email) fail("the Worker has no ADMIN_EMAIL yet: pass --admin-email you@example.com (or set ADMIN_EMAIL)", 2);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fail(`"${email}" is not an email address`, 2);
  return email;
}

function savedSecrets(): Record<string, string> {
  return existsSync(SECRETS_FILE) ? parseDevVars(readFileSync(SECRETS_FILE, "utf8")) : {};
}

function saveSecrets(add: Record<string, string>): void {
  const all = { ...savedSecrets(), ...add };
  mkdirSync(dirname(SECRETS_FILE), { recursive: true });
  const header = `# Secrets \`npm run deploy\` generated for the Worker "${WORKER}" (keep this file safe; it is git-ignored).\n`;
  writeFileSync(
    SECRETS_FILE,
    header +
      Object.entries(all)
        .map(([k, v]) => `${k}=${v}`)
        .join("\n") +
      "\n",
    { mode: 0o600 },
  );
  chmodSync(SECRETS_FILE, 0o600);
}

// ── the run ────────────────────────────────────────────────────────────────────────────────────────────

step("migrations follow the expand/contract rule");
const problems = checkMigrations(MIGRATIONS);
if (problems.length) fail(`\n  ${problems.join("\n  ")}`);
console.log("ok");

step("Turso answers");
const url = process.env.TURSO_DATABASE_URL;
const token = process.env.TURSO_AUTH_TOKEN;
if (!url) fail("set TURSO_DATABASE_URL (libsql://<db>-<org>.turso.io) and TURSO_AUTH_TOKEN", 2);
if (!token && !/^(https?|libsql):\/\/(127\.0\.0\.1|localhost)[:/]/.test(url))
  fail("set TURSO_AUTH_TOKEN (turso db tokens create <db>)", 2);
const db = connect(url, token);
try {
  const rs = await db.$client.execute("select count(*) as n from sqlite_master");
  console.log(`ok: ${url.replace(/\/\/[^@]*@/, "//")} answers (${Number(rs.rows[0]?.n ?? 0)} schema objects)`);
} catch (err) {
  fail(`Turso did not answer a query with that URL and token: ${(err as Error).message}`, 2);
}
const pending = await pendingMigrations(db, MIGRATIONS);
const expand = pending.filter((m) => m.phase === "expand");
const contract = pending.filter((m) => m.phase === "contract");
console.log(
  `pending migrations: expand ${expand.map((m) => m.tag).join(", ") || "none"}; contract ${contract.map((m) => m.tag).join(", ") || "none"}`,
);

if (DRY) {
  step("secrets (dry run: not read from or put on the Worker)");
  console.log(
    `would put TURSO_DATABASE_URL, TURSO_AUTH_TOKEN; generate when missing ${Object.keys(GENERATED).join(", ")}; ADMIN_EMAIL when missing`,
  );
  step("wrangler deploy --dry-run");
  copyAssets(ROOT);
  const r = await wrangler(["deploy", "--dry-run", "--outdir", join(ROOT, ".wrangler/dry-run")]);
  db.$client.close();
  if (r.code !== 0) fail("wrangler deploy --dry-run failed");
  console.log("\ndry run done: nothing was changed");
  process.exit(0);
}

step("secrets");
const have = await existingSecrets();
const overwrite = values["overwrite-secrets"];
const put: Record<string, string> = { TURSO_DATABASE_URL: url, TURSO_AUTH_TOKEN: token ?? "" };
const generated: Record<string, string> = {};
for (const [name, make] of Object.entries(GENERATED)) {
  if (have.has(name) && !overwrite) continue;
  put[name] = generated[name] = make();
}
if (!have.has("ADMIN_EMAIL") || overwrite) put.ADMIN_EMAIL = generated.ADMIN_EMAIL = await adminEmail();
const kept = [...have].filter((n) => !(n in put));
console.log(
  `putting ${Object.keys(put).join(", ")}${kept.length ? `; keeping ${kept.join(", ")} as the Worker has them` : ""}`,
);
if (Object.keys(generated).length) saveSecrets(generated);
const tmp = mkdtempSync(join(tmpdir(), "deploy-secrets-"));
let bulk: { code: number; out: string };
try {
  const file = join(tmp, "secrets.json");
  writeFileSync(file, JSON.stringify(put), { mode: 0o600 });
  bulk = await wrangler(["secret", "bulk", file]);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
if (bulk.code !== 0) fail("`wrangler secret bulk` failed: nothing was migrated or deployed");

step("R2 bucket for uploads");
await ensureMediaBucket();

step("expand migrations (before the deploy: the serving Worker keeps working with them)");
const expanded = await applyMigrations(db, { phase: "expand", dir: MIGRATIONS });
console.log(expanded.length ? `applied ${expanded.join(", ")}` : "none pending");

step("wrangler deploy");
copyAssets(ROOT);
const deployed = await wrangler(["deploy"]);
if (deployed.code !== 0) {
  db.$client.close();
  fail(
    `wrangler deploy failed. The previous Worker is still serving; the schema only expanded${contract.length ? ` (contract migrations ${contract.map((m) => m.tag).join(", ")} not applied)` : ""}. Fix the cause and run \`npm run deploy\` again.`,
  );
}

step("contract migrations (after the deploy: no old code is left to need what they remove)");
try {
  const contracted = await applyMigrations(db, { phase: "contract", dir: MIGRATIONS });
  console.log(contracted.length ? `applied ${contracted.join(", ")}` : "none pending");
} catch (err) {
  fail(
    `the Worker is deployed, but a contract migration failed: ${(err as Error).message}. Run \`npm run deploy\` again (or \`npm run db:migrate -- --phase contract\`).`,
  );
} finally {
  db.$client.close();
}

const workerUrl =
  /https:\/\/\S+\.workers\.dev\b/.exec(deployed.out)?.[0] ??
  /https:\/\/\S+/.exec(deployed.out.split("Deployed")[1] ?? "")?.[0];
const shown = relative(process.cwd(), SECRETS_FILE) || SECRETS_FILE;
const fileHas = savedSecrets();
console.log(`
积分商城 is deployed${workerUrl ? `: ${workerUrl}` : " (wrangler printed no URL; see its output above)"}
  console:            ${workerUrl ? `${workerUrl}/admin` : "/admin"}, sign in as ${put.ADMIN_EMAIL ?? "the ADMIN_EMAIL the Worker already has"}
  admin password:     ${generated.ADMIN_PASSWORD ? `ADMIN_PASSWORD in ${shown} (generated now)` : fileHas.ADMIN_PASSWORD ? `unchanged; ADMIN_PASSWORD in ${shown} (generated by an earlier deploy)` : "unchanged: the one set on the Worker before (not readable back)"}
  for your server:    MERCHANT_API_TOKEN (Merchant API) and AUTOLOGIN_SECRET (signing autologin links) ${fileHas.MERCHANT_API_TOKEN ? `in ${shown}` : "as set on the Worker before"}`);
