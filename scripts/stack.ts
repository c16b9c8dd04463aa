// Starts the whole local mall: the libSQL server on a file, migrations, the demo seed, and `wrangler dev`
// (workerd with the real Durable Objects and static assets). Used by `npm start`, the browser tests and
// the benchmarks, so they all run the same thing.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { applyMigrations } from "../db/migrate";
import { connect } from "../db/node-client";
import { seedIfEmpty } from "../db/seed";
import { startLibsqlServer } from "../db/server/server";
import { copyAssets } from "./copy-assets";

import { ROOT } from "./paths";
export { ROOT };

export type StackOptions = {
  /** Port for the mall (wrangler dev); 0 picks a free one. */
  port: number;
  /** Port for the libSQL server; 0 picks a free one. */
  dbPort?: number;
  dbFile: string;
  /** wrangler's local state (Durable Object storage, R2). */
  persistTo: string;
  /** Extra Worker vars/secrets passed with --var (tests pass every secret this way). */
  vars?: Record<string, string>;
  /** An env file for wrangler instead of the project's .dev.vars. */
  envFile?: string;
  seed?: boolean;
  /** Print wrangler's output. */
  verbose?: boolean;
};

export type Stack = {
  url: string;
  dbUrl: string /** wrangler dev's DevTools port (Chrome DevTools Protocol). */;
  inspectorPort: number;
  stop(): Promise<void>;
};

export async function startStack(opts: StackOptions): Promise<Stack> {
  copyAssets(ROOT);
  mkdirSync(dirname(opts.dbFile), { recursive: true });
  const db = await startLibsqlServer({ file: opts.dbFile, port: opts.dbPort ?? 0 });
  try {
    const client = connect(db.url);
    await applyMigrations(client);
    if (opts.seed !== false) await seedIfEmpty(client);
    client.$client.close();

    const vars = { MALL_ENV: "development", TURSO_DATABASE_URL: db.url, TURSO_AUTH_TOKEN: "", ...opts.vars };
    const dev = await startWranglerDev({
      port: opts.port,
      persistTo: opts.persistTo,
      vars,
      envFile: opts.envFile,
      verbose: opts.verbose,
      readyPath: "/favicon.svg",
    });
    writeFileSync(
      join(dirname(opts.dbFile), "instance.json"),
      JSON.stringify({ url: dev.url, dbUrl: db.url, pid: process.pid }, null, 2),
    );
    return {
      url: dev.url,
      dbUrl: db.url,
      inspectorPort: dev.inspectorPort,
      async stop() {
        await dev.stop();
        await db.close();
      },
    };
  } catch (err) {
    await db.close();
    throw err;
  }
}

export type WranglerDevOptions = {
  /** A wrangler config other than the project's wrangler.toml (the benchmarks' hello-world Worker). */
  config?: string;
  /** 0 picks a free one. */
  port: number;
  persistTo: string;
  vars?: Record<string, string>;
  envFile?: string;
  verbose?: boolean;
  /** A path that answers 200 once the Worker is up. */
  readyPath: string;
};

export type WranglerDev = {
  url: string;
  inspectorPort: number;
  stop(): Promise<void>;
  /** What wrangler and the Worker printed (stdout and stderr; not kept with `verbose`, which inherits them). */
  output(): string;
};

/** `wrangler dev` (local workerd) in its own process group, on 127.0.0.1, ready when readyPath answers. */
export async function startWranglerDev(opts: WranglerDevOptions): Promise<WranglerDev> {
  const port = opts.port || (await freePort());
  const inspectorPort = await freePort();
  const wranglerBin = createRequire(join(ROOT, "package.json")).resolve("wrangler/bin/wrangler.js");
  const args = [
    wranglerBin,
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--inspector-port",
    String(inspectorPort),
  ];
  if (opts.config) args.push("--config", opts.config);
  args.push(
    "--persist-to",
    opts.persistTo,
    "--show-interactive-dev-session=false",
    "--test-scheduled", // GET /__scheduled runs the cron handler (the sweepers) on demand, locally only
    "--log-level",
    opts.verbose ? "info" : "warn",
  );
  if (opts.envFile) args.push("--env-file", opts.envFile);
  for (const [k, v] of Object.entries(opts.vars ?? {})) args.push("--var", `${k}:${v}`);
  const wrangler = spawn(process.execPath, args, {
    cwd: ROOT,
    detached: true, // its own process group, so stop() ends workerd too
    stdio: ["ignore", opts.verbose ? "inherit" : "pipe", opts.verbose ? "inherit" : "pipe"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: process.env.CI ?? "" },
  });
  const output: string[] = [];
  wrangler.stdout?.on("data", (d) => output.push(String(d)));
  wrangler.stderr?.on("data", (d) => output.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitReady(url + opts.readyPath, wrangler, output);
  } catch (err) {
    await killGroup(wrangler);
    throw err;
  }
  return { url, inspectorPort, stop: () => killGroup(wrangler), output: () => output.join("") };
}

async function waitReady(readyUrl: string, child: ChildProcess, output: string[], timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${output.join("")}`);
    try {
      const res = await fetch(readyUrl);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev did not become ready at ${readyUrl}:\n${output.join("")}`);
}

async function killGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}

export async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}
