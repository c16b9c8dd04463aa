// `npm run bench:wallet [-- --url http://127.0.0.1:8787 --members 50 --concurrency 20 --earns 2000 --deducts 2000]`
// drives the wallet objects through the Merchant API over HTTP: registers N members, then a fixed number of
// earn calls, then of deduct calls, spread round-robin over the members, C at a time. Prints throughput
// and latency percentiles for earn and deduct separately, and non-2xx answers by code.
// Without --url it uses the running `npm start` instance (.data/instance.json) if one answers, else starts
// its own throwaway stack. Only talks to 127.0.0.1/localhost; bounded by the call counts and --timeout.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { isUp, merchantToken, readInstance } from "./local-instance";
import { startStack, type Stack } from "./stack";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    token: { type: "string" },
    members: { type: "string", default: "50" },
    concurrency: { type: "string", default: "20" },
    earns: { type: "string", default: "2000" },
    deducts: { type: "string", default: "2000" },
    timeout: { type: "string", default: "300" },
  },
});
const int = (name: keyof typeof values, max: number) => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    console.error(`--${name} must be an integer 1–${max}`);
    process.exit(2);
  }
  return n;
};
const N = int("members", 10_000);
const C = int("concurrency", 500);
const EARNS = int("earns", 1_000_000);
const DEDUCTS = int("deducts", 1_000_000);
const deadline = Date.now() + int("timeout", 3600) * 1000;

let stack: Stack | undefined;
let dir: string | undefined;
let base = values.url;
let token = values.token;
if (!base) {
  const running = readInstance().url;
  if (running && (await isUp(running))) {
    base = running;
    token ??= merchantToken();
  }
}
if (!base) {
  console.log("no running instance: starting a throwaway stack …");
  dir = mkdtempSync(join(tmpdir(), "bench-wallet-"));
  writeFileSync(join(dir, "bench.env"), "");
  token = "bench-merchant-token";
  const secrets = { AUTOLOGIN_SECRET: "b", SESSION_SECRET: "b", MERCHANT_API_TOKEN: token, ADMIN_EMAIL: "b@example.com", ADMIN_PASSWORD: "b" };
  stack = await startStack({ port: 0, dbFile: join(dir, "data/mall.db"), persistTo: join(dir, "state"), envFile: join(dir, "bench.env"), vars: secrets });
  base = stack.url;
}
token ??= merchantToken();
base = base.replace(/\/$/, "");
const host = new URL(base).hostname;
if (host !== "127.0.0.1" && host !== "localhost") {
  console.error(`bench:wallet only drives a local instance (127.0.0.1), not ${host}`);
  await stack?.stop();
  process.exit(2);
}
if (!token) {
  console.error("No MERCHANT_API_TOKEN: set it, pass --token, or run `npm start` once (it writes .dev.vars).");
  process.exit(2);
}

type Result = { ms: number; status: number; code: string | null };
/** The first body of each non-JSON error status, shown at the end. */
const samples = new Map<string, string>();

async function call(method: string, path: string, body?: unknown): Promise<Result> {
  const t0 = performance.now();
  try {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    const ms = performance.now() - t0;
    if (res.ok) return { ms, status: res.status, code: null };
    let code = `HTTP_${res.status}`;
    try {
      code = (JSON.parse(text) as { error: { code: string } }).error.code;
    } catch {
      // not our JSON error: keep the first of each status to show
      if (!samples.has(code)) samples.set(code, text.slice(0, 300));
    }
    return { ms, status: res.status, code };
  } catch (err) {
    return { ms: performance.now() - t0, status: 0, code: (err as Error).name === "TimeoutError" ? "TIMEOUT" : "NETWORK" };
  }
}

/** Runs `count` operations, `C` at a time, until done or the deadline; returns results and wall time. */
async function run(count: number, op: (i: number) => Promise<Result>) {
  const results: Result[] = [];
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < count && Date.now() < deadline) results.push(await op(next++));
  };
  await Promise.all(Array.from({ length: Math.min(C, count) }, worker));
  return { results, seconds: (performance.now() - t0) / 1000 };
}

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function report(name: string, { results, seconds }: { results: Result[]; seconds: number }, planned: number) {
  const ok = results.filter((r) => r.code === null);
  const ms = ok.map((r) => r.ms).sort((a, b) => a - b);
  const failed = new Map<string, number>();
  for (const r of results) if (r.code !== null) failed.set(r.code, (failed.get(r.code) ?? 0) + 1);
  const f = (n: number) => n.toFixed(1).padStart(7);
  console.log(
    `${name.padEnd(8)}${String(results.length).padStart(6)}/${planned}  ${(ok.length / seconds).toFixed(0).padStart(6)} ok/s  ` +
      `p50 ${f(pct(ms, 50))} ms  p95 ${f(pct(ms, 95))} ms  p99 ${f(pct(ms, 99))} ms  max ${f(ms.at(-1) ?? NaN)} ms  ` +
      `non-2xx: ${failed.size ? [...failed].map(([code, n]) => `${code} ${n}`).join(", ") : "none"}`,
  );
}

const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const uid = (i: number) => `bench-${runId}-${i % N}`;
try {
  console.log(`bench:wallet against ${base}: ${N} members, concurrency ${C}, ${EARNS} earn then ${DEDUCTS} deduct calls`);
  const setup = await run(N, (i) => call("PUT", `/members/${uid(i)}`, { nickname: `压测 ${i}` }));
  const setupFailed = setup.results.filter((r) => r.code !== null);
  if (setupFailed.length) {
    throw new Error(`could not register members: ${setupFailed.map((r) => r.code).join(", ")}\n${[...samples].map(([k, v]) => `${k}: ${v}`).join("\n")}`);
  }

  // Purchases (source purchase is not capped per day): ¥100 each.
  const earns = await run(EARNS, (i) => call("POST", `/members/${uid(i)}/points/earn`, { ref: `bench-${runId}-e${i}`, reason: "压测消费", amountFen: 10_000 }));
  const deducts = await run(DEDUCTS, (i) => call("POST", `/members/${uid(i)}/points/deduct`, { ref: `bench-${runId}-d${i}`, reason: "压测扣减", points: 10 }));

  console.log(`register ${N} members in ${setup.seconds.toFixed(1)} s`);
  console.log("op        calls/planned  throughput       latency of 2xx");
  report("earn", earns, EARNS);
  report("deduct", deducts, DEDUCTS);
  for (const [code, body] of samples) console.log(`first ${code} body: ${body}`);
  if (Date.now() >= deadline) console.log(`stopped at the --timeout of ${values.timeout} s`);
} finally {
  await stack?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
