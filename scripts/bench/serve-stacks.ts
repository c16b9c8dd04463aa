// Child process of scripts/bench/stacks.ts: starts the mall stack and the hello-world Worker in DIR, prints
// one JSON line with their URLs and DevTools ports, and stops both when the parent closes stdin.
import { join } from "node:path";
import { ROOT } from "../paths";
import { startStack, startWranglerDev, type Stack, type WranglerDev } from "../stack";
import { BENCH_SECRETS } from "./stacks";

const [dir, flag] = process.argv.slice(2);
if (!dir) throw new Error("usage: serve-stacks.ts DIR [--hello-only | --mall-only]");
const verbose = process.env.VERBOSE === "1";
const [mall, hello]: [Stack | null, WranglerDev | null] = await Promise.all([
  flag === "--hello-only"
    ? null
    : startStack({
        port: 0,
        dbFile: join(dir, "data/mall.db"),
        persistTo: join(dir, "state"),
        envFile: join(dir, "bench.env"),
        vars: BENCH_SECRETS,
        verbose,
      }),
  flag === "--mall-only"
    ? null
    : startWranglerDev({
        config: join(ROOT, "bench/hello/wrangler.toml"),
        port: 0,
        persistTo: join(dir, "hello-state"),
        readyPath: "/",
        verbose,
      }),
]);
process.stdout.write(
  `${JSON.stringify({ mall: mall && { url: mall.url, dbUrl: mall.dbUrl, inspectorPort: mall.inspectorPort }, hello: hello && { url: hello.url, inspectorPort: hello.inspectorPort } })}\n`,
);
await new Promise<void>((resolve) => {
  process.stdin.on("end", resolve).on("close", resolve).resume();
  process.once("SIGTERM", resolve).once("SIGINT", resolve);
});
await Promise.all([mall?.stop(), hello?.stop()]);
process.exit(0);
