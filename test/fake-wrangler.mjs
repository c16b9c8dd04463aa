#!/usr/bin/env node
// A stand-in for `wrangler` in scripts/deploy.node.test.ts (WRANGLER_BIN points at it): answers the commands
// `npm run deploy` uses the way wrangler 4 does, keeps the Worker's secrets and buckets in a JSON state
// file, and appends every call to a log — for `deploy`, with the migrations the database had at that moment
// (read over Hrana from TURSO_DATABASE_URL), so the test can see what ran before the deploy.
//   FAKE_WRANGLER_STATE  JSON file: { exists, secrets: {NAME: value}, buckets: [] }
//   FAKE_WRANGLER_LOG    JSON-lines file of calls
//   FAKE_WRANGLER_FAIL   "deploy" | "bulk": that command fails
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";

const args = process.argv.slice(2);
const stateFile = process.env.FAKE_WRANGLER_STATE;
const logFile = process.env.FAKE_WRANGLER_LOG;
if (!stateFile || !logFile) {
  console.error("fake wrangler: set FAKE_WRANGLER_STATE and FAKE_WRANGLER_LOG");
  process.exit(2);
}
const state = existsSync(stateFile)
  ? JSON.parse(readFileSync(stateFile, "utf8"))
  : { exists: false, secrets: {}, buckets: [] };
const save = () => writeFileSync(stateFile, JSON.stringify(state, null, 2));
const log = (entry) => appendFileSync(logFile, `${JSON.stringify({ args, ...entry })}\n`);
const failing = process.env.FAKE_WRANGLER_FAIL;

async function appliedMigrations() {
  const url = process.env.TURSO_DATABASE_URL;
  const res = await fetch(`${url}/v2/pipeline`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      requests: [
        { type: "execute", stmt: { sql: "select created_at from __drizzle_migrations order by created_at" } },
        { type: "close" },
      ],
    }),
  });
  const body = await res.json();
  const result = body.results[0];
  if (result.type !== "ok") return [];
  return result.response.result.rows.map((r) => Number(r[0].value));
}

const [cmd, sub] = args;
if (cmd === "secret" && sub === "list") {
  log({});
  if (!state.exists) {
    console.error(
      `✘ [ERROR] Worker "points-mall" not found.\n\nIf this is a new Worker, run \`wrangler deploy\` first to create it.`,
    );
    process.exit(1);
  }
  console.log(
    JSON.stringify(
      Object.keys(state.secrets).map((name) => ({ name, type: "secret_text" })),
      null,
      "  ",
    ),
  );
} else if (cmd === "secret" && sub === "bulk") {
  const content = JSON.parse(readFileSync(args[2], "utf8"));
  log({ names: Object.keys(content).sort() });
  if (failing === "bulk") {
    console.error("✘ [ERROR] A request to the Cloudflare API failed.");
    process.exit(1);
  }
  if (!state.exists) console.log('🌀 Creating new Worker "points-mall"...');
  state.exists = true;
  Object.assign(state.secrets, content);
  save();
  console.log(`✨ ${Object.keys(content).length} secrets successfully uploaded`);
} else if (cmd === "r2" && sub === "bucket" && args[2] === "create") {
  log({});
  if (state.buckets.includes(args[3])) {
    console.error(
      `✘ [ERROR] A request to the Cloudflare API failed. The bucket you tried to create already exists, and you own it. [code: 10004]`,
    );
    process.exit(1);
  }
  state.buckets.push(args[3]);
  save();
  console.log(`✅ Created bucket '${args[3]}' with default storage class of Standard.`);
} else if (cmd === "deploy") {
  log({ migrations: await appliedMigrations() });
  if (failing === "deploy") {
    console.error("✘ [ERROR] A request to the Cloudflare API failed. Durable Object migration failed [code: 10074]");
    process.exit(1);
  }
  state.exists = true;
  save();
  console.log(
    "Uploaded points-mall (3.21 sec)\nDeployed points-mall triggers (1.02 sec)\n  https://points-mall.example.workers.dev\n  schedule: */5 * * * *\nCurrent Version ID: 00000000-0000-4000-8000-000000000000",
  );
} else {
  log({ unknown: true });
  console.error(`fake wrangler: unknown command ${args.join(" ")}`);
  process.exit(2);
}
