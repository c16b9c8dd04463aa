// `npm run db:migrate [-- --phase expand|contract|all]`: apply migrations to TURSO_DATABASE_URL (with
// TURSO_AUTH_TOKEN). Default all; against a database a Worker is serving, `npm run deploy` runs the phases
// in the safe order instead (docs/architecture.md §5.1).
import { parseArgs } from "node:util";
import { applyMigrations, MIGRATIONS_DIR } from "./migrate";
import { checkMigrations } from "./migration-phases";
import { connect } from "./node-client";

const { values } = parseArgs({ options: { phase: { type: "string", default: "all" } } });
const phase = values.phase;
if (phase !== "expand" && phase !== "contract" && phase !== "all") {
  console.error("--phase must be expand, contract or all");
  process.exit(2);
}
const url = process.env.TURSO_DATABASE_URL;
if (!url) {
  console.error("TURSO_DATABASE_URL is not set");
  process.exit(2);
}
const problems = checkMigrations(MIGRATIONS_DIR);
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
const db = connect(url, process.env.TURSO_AUTH_TOKEN);
const applied = await applyMigrations(db, { phase });
db.$client.close();
console.log(
  `${applied.length ? `applied ${applied.join(", ")}` : "nothing to apply"} (${phase}) on ${url.replace(/\/\/[^@]*@/, "//")}`,
);
