// `npm run db:migrate`: apply migrations to TURSO_DATABASE_URL (with TURSO_AUTH_TOKEN).
import { applyMigrations } from "./migrate";
import { connect } from "./node-client";

const url = process.env.TURSO_DATABASE_URL;
if (!url) {
  console.error("TURSO_DATABASE_URL is not set");
  process.exit(2);
}
const db = connect(url, process.env.TURSO_AUTH_TOKEN);
await applyMigrations(db);
db.$client.close();
console.log(`migrations applied to ${url.replace(/\/\/[^@]*@/, "//")}`);
