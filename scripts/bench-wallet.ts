// `npm run bench:wallet [-- --url http://127.0.0.1:8787 --token T --members 50 --concurrency 20 --earns 2000 --deducts 2000]`
// drives the wallet objects through the Merchant API over HTTP: registers N members, then autocannon sends a
// fixed number of earn calls, then of deduct calls, spread round-robin over the members (each with its own
// ref), C connections at a time. Prints throughput (with its ratio to a hello-world Worker on the same runtime,
// measured at the same concurrency before and after each phase: scripts/bench/harness.ts) and latency
// percentiles for earn and deduct separately, and non-2xx answers by code.
// Without --url it benches its own throwaway mall (scripts/bench/stacks.ts). Only talks to 127.0.0.1/localhost.
import { parseArgs } from "node:util";
import type autocannon from "autocannon";
import { f0, f1, f2, helloAround, hit, ratioTo, type Figure } from "./bench/harness";
import { merchantApi } from "./bench/phone";
import { assertLocal, BENCH_SECRETS, startStacks } from "./bench/stacks";
import { merchantToken } from "./local-instance";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    token: { type: "string" },
    members: { type: "string", default: "50" },
    concurrency: { type: "string", default: "20" },
    earns: { type: "string", default: "2000" },
    deducts: { type: "string", default: "2000" },
    "hello-duration": { type: "string", default: "5" },
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
const HELLO_S = int("hello-duration", 60);
if (values.url) assertLocal(values.url);
const token = values.token ?? (values.url ? merchantToken() : BENCH_SECRETS.MERCHANT_API_TOKEN);
if (!token) {
  console.error(
    "No MERCHANT_API_TOKEN for --url: set it, pass --token, or run `npm start` once (it writes .dev.vars).",
  );
  process.exit(2);
}

const stacks = await startStacks({ mallUrl: values.url });
const base = stacks.mall.url;
const api = merchantApi(base, token);
const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const uid = (i: number) => `bench-${runId}-${i % N}`;

/** `count` calls of one kind, C connections, each with the next index's path and body. */
async function phase(count: number, call: (i: number) => { path: string; body: unknown }) {
  let next = 0;
  const codes = new Map<string, number>();
  const latencies: number[] = [];
  let ok = false;
  const requests: autocannon.Request[] = [
    {
      method: "POST",
      setupRequest: (req) => {
        const { path, body } = call(next++);
        return { ...req, method: "POST", path, body: JSON.stringify(body) };
      },
      onResponse: (status, body) => {
        ok = status >= 200 && status < 300;
        if (ok) return;
        let code = `HTTP_${status}`;
        try {
          code = (JSON.parse(body) as { error: { code: string } }).error.code;
        } catch {
          // not our JSON error
        }
        codes.set(code, (codes.get(code) ?? 0) + 1);
      },
    },
  ];
  const connections = Math.min(C, count);
  const { result, hello } = await helloAround(stacks.hello.url, connections, HELLO_S, () =>
    hit(
      base,
      { path: "/", method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" } },
      {
        connections,
        amount: count,
        requests,
        onLatency: (ms) => void (ok && latencies.push(ms)),
      },
    ),
  );
  return { figure: result, hello, codes, latencies: latencies.sort((a, b) => a - b), count };
}

const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;

function report(
  name: string,
  r: { figure: Figure; hello: [Figure, Figure]; codes: Map<string, number>; latencies: number[]; count: number },
) {
  const okCount = r.latencies.length;
  const okRate = okCount / r.figure.seconds;
  const ms = r.latencies;
  console.log(
    `${name.padEnd(8)}${String(r.figure.total).padStart(6)}/${r.count}  ${f0(okRate).padStart(6)} ok/s = ${f2(ratioTo(okRate, r.hello))} × hello (${r.hello.map((h) => f0(h.reqPerSec)).join("/")})  ` +
      `p50 ${f1(pct(ms, 50)).padStart(6)} ms  p95 ${f1(pct(ms, 95)).padStart(6)} ms  p99 ${f1(pct(ms, 99)).padStart(6)} ms  max ${f1(ms.at(-1) ?? NaN).padStart(6)} ms  ` +
      `non-2xx: ${r.codes.size ? [...r.codes].map(([code, n]) => `${code} ${n}`).join(", ") : "none"}${r.figure.errors + r.figure.timeouts ? `, ${r.figure.errors} errors, ${r.figure.timeouts} timeouts` : ""}`,
  );
}

try {
  console.log(
    `bench:wallet against ${base} (hello-world ${stacks.hello.url}): ${N} members, concurrency ${C}, ${EARNS} earn then ${DEDUCTS} deduct calls`,
  );
  const t0 = performance.now();
  for (let i = 0; i < N; i += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, N - i) }, (_, k) =>
        api.ok("PUT", `/members/${uid(i + k)}`, { nickname: `压测 ${i + k}` }),
      ),
    );
  }
  const setupS = (performance.now() - t0) / 1000;
  // Purchases (source purchase is not capped per day): ¥100 each; then deductions of 10 points.
  const earns = await phase(EARNS, (i) => ({
    path: `/api/v1/members/${uid(i)}/points/earn`,
    body: { ref: `bench-${runId}-e${i}`, reason: "压测消费", amountFen: 10_000 },
  }));
  const deducts = await phase(DEDUCTS, (i) => ({
    path: `/api/v1/members/${uid(i)}/points/deduct`,
    body: { ref: `bench-${runId}-d${i}`, reason: "压测扣减", points: 10 },
  }));

  console.log(`register ${N} members in ${setupS.toFixed(1)} s`);
  console.log("op       calls/planned  throughput of 2xx (÷ hello-world req/s)          latency of 2xx");
  report("earn", earns);
  report("deduct", deducts);
  if (earns.codes.size || deducts.codes.size) process.exitCode = 1;
} finally {
  await stacks.stop();
}
