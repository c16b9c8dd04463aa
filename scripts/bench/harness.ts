// The benchmarks' load generator and yardstick: autocannon against the hello-world Worker and the mall
// alternately (hello, target 1, hello, target 2, …, hello), each target's throughput printed with its ratio to
// the mean of the two hello-world runs either side of it, measured in the same run on the same machine. The
// machine is shared and noisy; a ratio to a neighbour measured seconds apart is what stays comparable.
import autocannon from "autocannon";

export type Shot = { method?: "GET" | "POST"; path: string; headers?: Record<string, string>; body?: string };

export type LoadOptions = {
  connections: number;
  /** seconds (a timed run), or … */
  duration?: number;
  /** … a fixed number of requests. */
  amount?: number;
  /** per request, seconds */
  timeout?: number;
  /** autocannon's own request list (setupRequest/onResponse) instead of one shot */
  requests?: autocannon.Request[];
  /** every response's latency, for figures autocannon does not split (e.g. by answer) */
  onLatency?: (ms: number) => void;
};

export type Figure = {
  reqPerSec: number;
  total: number;
  seconds: number;
  p50: number;
  p90: number;
  p99: number;
  /** responses outside 2xx, connection errors and timeouts */
  non2xx: number;
  errors: number;
  timeouts: number;
};

/** One autocannon run against base. */
export async function hit(base: string, shot: Shot, opts: LoadOptions): Promise<Figure> {
  const t0 = performance.now();
  const options: autocannon.Options = {
    url: base + shot.path,
    method: shot.method ?? "GET",
    connections: opts.connections,
    timeout: opts.timeout ?? 30,
    pipelining: 1,
    ...(shot.headers ? { headers: shot.headers } : {}),
    ...(shot.body !== undefined ? { body: shot.body } : {}),
    ...(opts.requests ? { requests: opts.requests } : {}),
    ...(opts.amount ? { amount: opts.amount } : { duration: opts.duration ?? 10 }),
  };
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (err, result) => (err ? reject(err) : resolve(result)));
    const cb = opts.onLatency;
    if (cb) instance.on("response", (_client, _status, _bytes, ms) => cb(ms));
  });
  const seconds = (performance.now() - t0) / 1000;
  const total = r.requests.total;
  return {
    reqPerSec: total / seconds,
    total,
    seconds,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

export type Target = { name: string; base: string; shot: Shot };
export type Row = { name: string; figure: Figure; hello: [Figure, Figure]; ratio: number };

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const HELLO: Shot = { path: "/" };

/**
 * hello, t1, hello, t2, …, tn, hello — after a short warm-up of each (not counted). Each target's ratio is
 * its req/s over the mean req/s of the hello-world runs just before and just after it.
 */
export async function sideBySide(
  helloBase: string,
  targets: Target[],
  opts: { connections: number; duration: number; warmup: number },
): Promise<Row[]> {
  const run = { connections: opts.connections, duration: opts.duration };
  if (opts.warmup > 0) {
    const warm = { connections: opts.connections, duration: opts.warmup };
    await hit(helloBase, HELLO, warm);
    for (const t of targets) await hit(t.base, t.shot, warm);
  }
  const rows: Row[] = [];
  let before = await hit(helloBase, HELLO, run);
  for (const t of targets) {
    const figure = await hit(t.base, t.shot, run);
    const after = await hit(helloBase, HELLO, run);
    rows.push({
      name: t.name,
      figure,
      hello: [before, after],
      ratio: figure.reqPerSec / mean([before.reqPerSec, after.reqPerSec]),
    });
    before = after;
  }
  return rows;
}

/** A hello-world reference for a run that is not timed (a fixed set of requests): one run before, one after. */
export async function helloAround<T>(
  helloBase: string,
  connections: number,
  duration: number,
  body: () => Promise<T>,
): Promise<{ result: T; hello: [Figure, Figure] }> {
  const before = await hit(helloBase, HELLO, { connections, duration });
  const result = await body();
  const after = await hit(helloBase, HELLO, { connections, duration });
  return { result, hello: [before, after] };
}

export const ratioTo = (reqPerSec: number, hello: [Figure, Figure]) => reqPerSec / mean(hello.map((h) => h.reqPerSec));

/** Terminal columns of a string (CJK characters take two). */
const width = (s: string) =>
  [...s].reduce(
    (w, ch) =>
      w +
      (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
        ? 2
        : 1),
    0,
  );
export const padEndW = (s: string, n: number) => s + " ".repeat(Math.max(0, n - width(s)));

const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : "–");
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : "–");

/** The table sideBySide's rows print as; returns the number of rows that had failed answers. */
export function printRows(rows: Row[], opts: { connections: number; duration: number }): number {
  console.log(
    `\nthroughput, autocannon ${opts.connections} connections × ${opts.duration} s each, alternating with hello-world:`,
  );
  console.log(
    `${"".padEnd(34)}${"req/s".padStart(8)}${"÷ hello".padStart(9)}${"hello req/s".padStart(13)}${"p50 ms".padStart(9)}${"p99 ms".padStart(9)}  failed`,
  );
  let bad = 0;
  for (const r of rows) {
    const failed = r.figure.non2xx + r.figure.errors + r.figure.timeouts;
    if (failed) bad++;
    console.log(
      `${padEndW(r.name, 34)}${f1(r.figure.reqPerSec).padStart(8)}${f2(r.ratio).padStart(9)}${`${f0(r.hello[0].reqPerSec)}/${f0(r.hello[1].reqPerSec)}`.padStart(13)}` +
        `${f0(r.figure.p50).padStart(9)}${f0(r.figure.p99).padStart(9)}  ${failed ? `${r.figure.non2xx} non-2xx, ${r.figure.errors} errors, ${r.figure.timeouts} timeouts` : "0"}`,
    );
  }
  return bad;
}

export { f0, f1, f2 };
