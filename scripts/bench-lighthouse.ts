// `npm run bench:lighthouse [-- --runs 3 --url http://127.0.0.1:8787 --secret S --token T]`
// Lighthouse (the `lighthouse` npm package, mobile preset: a mid phone's screen, simulated slow 4G and a 4×
// slower CPU) against Debian's Chromium, headless, for the home page, an item page and 我的积分 (/me/points,
// logged in with a member's session cookie). Prints, per page, the performance score and LCP, CLS and TBT
// (docs/architecture.md §6: score ≥ 95, LCP ≤ 2.5 s, CLS ≤ 0.1, TBT ≤ 200 ms): the median of --runs
// runs, and every run's score. Without --url it audits its own throwaway mall (scripts/bench/stacks.ts).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import lighthouse from "lighthouse";
import { padEndW } from "./bench/harness";
import { memberWithHistory } from "./bench/phone";
import { assertLocal, BENCH_SECRETS, startStacks } from "./bench/stacks";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    secret: { type: "string" },
    token: { type: "string" },
    runs: { type: "string", default: "3" },
  },
});
const RUNS = Number(values.runs);
if (!Number.isInteger(RUNS) || RUNS < 1 || RUNS > 20) {
  console.error("--runs must be an integer 1–20");
  process.exit(2);
}
if (values.url) assertLocal(values.url);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Debian's Chromium with its DevTools port open (on a port it picks and prints). */
async function launchChromium(): Promise<{ port: number; stop(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), "bench-lh-chromium-"));
  const child = spawn(
    CHROMIUM,
    [
      ...FLAGS,
      "--remote-debugging-port=0",
      "--remote-debugging-address=127.0.0.1",
      `--user-data-dir=${profile}`,
      "about:blank",
    ],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const port = await new Promise<number>((resolve, reject) => {
    let err = "";
    const timer = setTimeout(
      () => reject(new Error(`Chromium did not open its DevTools port in 30 s:\n${err}`)),
      30_000,
    );
    child.stderr!.on("data", (d) => {
      err += String(d);
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited (${code}):\n${err}`));
    });
  });
  return {
    port,
    async stop() {
      child.kill("SIGTERM");
      await exited;
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

type Run = { score: number; lcp: number; cls: number; tbt: number; fcp: number };

/** One Lighthouse run; a run whose trace Lighthouse could not record (NO_NAVSTART and the like, a known
 *  flake of headless trace capture) is retried, up to three attempts. */
async function audit(port: number, url: string, cookie?: string): Promise<Run> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await auditOnce(port, url, cookie);
    } catch (err) {
      if (attempt >= 3 || !/^lighthouse: NO_/.test((err as Error).message)) throw err;
      console.log(`  (${url}: ${(err as Error).message.split(" ").slice(0, 2).join(" ")}, running it again)`);
    }
  }
}

async function auditOnce(port: number, url: string, cookie?: string): Promise<Run> {
  const result = await lighthouse(url, {
    port,
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance"],
    ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
  });
  if (!result) throw new Error(`lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const n = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  return {
    score: Math.round((lhr.categories.performance?.score ?? NaN) * 100),
    lcp: n("largest-contentful-paint"),
    cls: n("cumulative-layout-shift"),
    tbt: n("total-blocking-time"),
    fcp: n("first-contentful-paint"),
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const stacks = await startStacks({ mallUrl: values.url, hello: false });
const base = stacks.mall.url;
const secret = values.secret ?? (values.url ? process.env.AUTOLOGIN_SECRET : BENCH_SECRETS.AUTOLOGIN_SECRET);
const token = values.token ?? (values.url ? process.env.MERCHANT_API_TOKEN : BENCH_SECRETS.MERCHANT_API_TOKEN);
let chromium: Awaited<ReturnType<typeof launchChromium>> | undefined;
let failed = false;
try {
  if (!secret || !token)
    throw new Error(
      "with --url, pass --secret (AUTOLOGIN_SECRET) and --token (MERCHANT_API_TOKEN), or set them in the environment",
    );
  const member = await memberWithHistory(base, secret, token, `bench-lh-${Date.now().toString(36)}`);
  chromium = await launchChromium();
  console.log(
    `bench:lighthouse: lighthouse mobile preset, ${RUNS} run(s) a page, ${CHROMIUM} headless, against ${base}`,
  );
  console.log(
    `${"page".padEnd(26)}${"score".padStart(6)}${"LCP ms".padStart(9)}${"CLS".padStart(7)}${"TBT ms".padStart(8)}${"FCP ms".padStart(8)}  scores of each run`,
  );
  for (const [name, path, cookie] of [
    ["home /", "/", undefined],
    ["item /items/1", "/items/1", undefined],
    ["我的积分 /me/points", "/me/points", member.cookieHeader()],
  ] as const) {
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await audit(chromium.port, base + path, cookie));
    const m = (k: keyof Run) => median(runs.map((r) => r[k]));
    const within = m("score") >= 95 && m("lcp") <= 2500 && m("cls") <= 0.1 && m("tbt") <= 200;
    console.log(
      `${padEndW(name, 26)}${m("score").toFixed(0).padStart(6)}${m("lcp").toFixed(0).padStart(9)}${m("cls").toFixed(3).padStart(7)}${m("tbt").toFixed(0).padStart(8)}${m("fcp").toFixed(0).padStart(8)}  ` +
        `${runs.map((r) => r.score).join(", ")}${within ? "" : "  (outside the budget)"}`,
    );
  }
} catch (err) {
  console.error(`bench:lighthouse failed: ${(err as Error).message}`);
  failed = true;
} finally {
  await chromium?.stop();
  await stacks.stop();
}
process.exit(failed ? 1 : 0);
