// Starts the local libSQL server:
//
//   tsx db/server/cli.ts --file .data/mall.db --port 8080 [--host 127.0.0.1] [--log]
//
// Prints the URL (use it as TURSO_DATABASE_URL) and runs until SIGINT/SIGTERM.

import { parseArgs } from "node:util";
import { startLibsqlServer } from "./server";

const { values } = parseArgs({
  options: {
    file: { type: "string", default: ".data/mall.db" },
    port: { type: "string", default: "8080" },
    host: { type: "string", default: "127.0.0.1" },
    log: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  console.log("Usage: tsx db/server/cli.ts [--file .data/mall.db] [--port 8080] [--host 127.0.0.1] [--log]");
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid --port: ${values.port}`);
  process.exit(2);
}

const server = await startLibsqlServer({ file: values.file, port, host: values.host, log: values.log });
console.log(`libSQL server listening on ${server.url} (database: ${values.file})`);

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping libSQL server…`);
  server.close().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
