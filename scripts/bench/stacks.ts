// The benchmarks' two Workers, side by side: the mall as the tests run it (scripts/stack.ts: libSQL server,
// migrations, demo seed, `wrangler dev`) on a temp dir, and the hello-world Worker (bench/hello) under another
// `wrangler dev` of the same wrangler/workerd. Both run in a child process (serve-stacks.ts), so the libSQL
// server never shares an event loop with the load generator being measured. `--url` benches a mall that is
// already running instead (the hello-world Worker is still started here).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../paths";

/** The secrets the benches' own mall runs with (never a developer's .dev.vars). */
export const BENCH_SECRETS = {
  AUTOLOGIN_SECRET: "bench-autologin-secret",
  SESSION_SECRET: "bench-session-secret",
  MERCHANT_API_TOKEN: "bench-merchant-token",
  ADMIN_EMAIL: "b@example.com",
  ADMIN_PASSWORD: "bench-admin-password",
};

export type Endpoint = { url: string; inspectorPort: number | null };
export type Stacks = { mall: Endpoint & { dbUrl: string | null }; hello: Endpoint; stop(): Promise<void> };

export async function startStacks(opts: { mallUrl?: string; verbose?: boolean; hello?: false }): Promise<Stacks>;
export async function startStacks(opts: {
  mallUrl?: string;
  verbose?: boolean;
  hello: false;
}): Promise<Omit<Stacks, "hello">>;
export async function startStacks(opts: { mallUrl?: string; verbose?: boolean; hello?: false } = {}): Promise<Stacks> {
  const dir = mkdtempSync(join(tmpdir(), "bench-"));
  writeFileSync(join(dir, "bench.env"), "");
  const args = [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(ROOT, "scripts/bench/serve-stacks.ts"), dir];
  if (opts.mallUrl && opts.hello === false) throw new Error("nothing to start");
  if (opts.mallUrl) args.push("--hello-only");
  if (opts.hello === false) args.push("--mall-only");
  const verbose = opts.verbose ?? process.env.VERBOSE === "1";
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ["pipe", "pipe", "inherit"],
    env: { ...process.env, VERBOSE: verbose ? "1" : "" },
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const info = await new Promise<{ mall?: Endpoint & { dbUrl: string }; hello: Endpoint | null }>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("the bench stacks did not start in 180 s")), 180_000);
    child.stdout!.on("data", (chunk) => {
      if (verbose) process.stderr.write(chunk); // wrangler's own output, in verbose mode
      out += String(chunk);
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the bench stacks exited (${code})`));
    });
  });
  const mall = opts.mallUrl ? { url: opts.mallUrl.replace(/\/$/, ""), inspectorPort: null, dbUrl: null } : info.mall!;
  return {
    mall,
    hello: info.hello ?? { url: "", inspectorPort: null },
    async stop() {
      child.stdin!.end();
      const timer = setTimeout(() => child.kill("SIGTERM"), 20_000);
      await exited;
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Benches drive only this machine's loopback. */
export function assertLocal(url: string): void {
  const host = new URL(url).hostname;
  if (host !== "127.0.0.1" && host !== "localhost") {
    console.error(`the benchmarks only drive a local instance (127.0.0.1), not ${host}`);
    process.exit(2);
  }
}
