// `npm run bench:profile [-- --connections 16 --duration 8 --interval 200 --top 8]`
// Where a request's CPU goes: the Worker's isolate is CPU-profiled through wrangler dev's inspector port
// (Chrome DevTools Protocol: Profiler.start/stop over its WebSocket) while autocannon loads one page at a time
// — the hello-world Worker first (the runtime's own cost per request, profiled the same way), then the guest
// home and an item page, and a logged-in member's home, an item page, 我的积分 and 我的订单. Per page: requests served in
// the profiled window, CPU ms per request (busy time of the isolate, idle excluded; Durable Objects run in
// the same isolate under wrangler dev, so their work counts too) with its ratio to hello-world's, how much of
// it is JS, runtime-native ("(program)") and GC, how busy the isolate was over the window (the rest of a
// request's time is spent waiting: on Turso, on the objects, on the proxy in front), and the top modules by self time per request (modules named
// from the bundle's esbuild markers, `// worker/…`, `// node_modules/…`). Then the top functions over all the
// mall's pages. A profile costs some throughput itself: compare these CPU figures with each other, and take
// throughput from bench:pages.
import { parseArgs } from "node:util";
import { Cdp, type CpuProfile } from "./bench/cdp";
import { f1, f2, hit, padEndW, type Shot } from "./bench/harness";
import { memberWithHistory } from "./bench/phone";
import { BENCH_SECRETS, startStacks } from "./bench/stacks";

const { values } = parseArgs({
  options: {
    connections: { type: "string", default: "16" },
    duration: { type: "string", default: "8" },
    interval: { type: "string", default: "200" },
    top: { type: "string", default: "8" },
  },
});
const connections = Number(values.connections);
const duration = Number(values.duration);
const interval = Number(values.interval);
const TOP = Number(values.top);
if (
  !(
    connections >= 1 &&
    connections <= 500 &&
    duration >= 1 &&
    duration <= 120 &&
    interval >= 50 &&
    interval <= 10_000 &&
    TOP >= 1 &&
    TOP <= 50
  )
) {
  console.error("--connections 1–500, --duration 1–120 s, --interval 50–10000 µs, --top 1–50");
  process.exit(2);
}

/** Module of each bundle line, from esbuild's `// path` markers. */
function moduleIndex(source: string): (line: number) => string {
  const starts: { line: number; name: string }[] = [];
  source.split("\n").forEach((text, line) => {
    const m = /^\/\/ ((?:worker|views|db|node_modules|\.wrangler|bench)\/\S+)$/.exec(text);
    if (m) starts.push({ line, name: m[1]!.replace(/^node_modules\/((?:@[^/]+\/)?[^/]+)\/.*$/, "$1 (npm)") });
  });
  return (line) => {
    let lo = 0;
    let hi = starts.length - 1;
    let found = "(bundle prelude)";
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]!.line <= line) {
        found = starts[mid]!.name;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

type Breakdown = {
  requests: number;
  seconds: number;
  windowMs: number;
  busyMs: number;
  programMs: number;
  gcMs: number;
  byModule: Map<string, number>;
  byFunction: Map<string, number>;
};

async function profileUnderLoad(
  cdp: Cdp,
  base: string,
  shot: Shot,
  sources: Map<string, (line: number) => string>,
): Promise<Breakdown> {
  await hit(base, shot, { connections, duration: 2 }); // warm: the isolate's code compiled, caches filled
  await cdp.send("Profiler.start");
  const figure = await hit(base, shot, { connections, duration });
  const { profile } = await cdp.send<{ profile: CpuProfile }>("Profiler.stop");
  if (figure.non2xx + figure.errors + figure.timeouts)
    throw new Error(
      `${shot.path}: ${figure.non2xx} non-2xx, ${figure.errors} errors, ${figure.timeouts} timeouts under load`,
    );

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++)
    self.set(samples[i]!, (self.get(samples[i]!) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  const out: Breakdown = {
    requests: figure.total,
    seconds: figure.seconds,
    windowMs: (profile.endTime - profile.startTime) / 1000,
    busyMs: 0,
    programMs: 0,
    gcMs: 0,
    byModule: new Map(),
    byFunction: new Map(),
  };
  for (const [id, ms] of self) {
    const { callFrame: f } = byId.get(id)!;
    if (f.functionName === "(idle)") continue;
    out.busyMs += ms;
    if (f.functionName === "(program)") out.programMs += ms;
    if (f.functionName === "(garbage collector)") out.gcMs += ms;
    // (program): the runtime's native code outside JS; built-ins: Web APIs and V8 builtins called from JS
    let mod = f.functionName.startsWith("(") ? f.functionName : "(built-in, unnamed)";
    if (f.scriptId !== "0" && f.url) {
      if (!sources.has(f.scriptId)) {
        const src = await cdp
          .send<{ scriptSource: string }>("Debugger.getScriptSource", { scriptId: f.scriptId })
          .catch(() => ({ scriptSource: "" }));
        sources.set(f.scriptId, moduleIndex(src.scriptSource));
      }
      mod = sources.get(f.scriptId)!(f.lineNumber);
    } else if (f.functionName && !f.functionName.startsWith("(")) {
      mod = "(built-in)";
    }
    const where = f.scriptId !== "0" && f.url ? `${mod}, bundle line ${f.lineNumber + 1}` : mod;
    const fn = f.functionName.startsWith("(") ? f.functionName : `${f.functionName || "(anonymous)"}  [${where}]`;
    out.byModule.set(mod, (out.byModule.get(mod) ?? 0) + ms);
    out.byFunction.set(fn, (out.byFunction.get(fn) ?? 0) + ms);
  }
  return out;
}

async function connect(port: number | null): Promise<Cdp> {
  if (port === null) throw new Error("no inspector port");
  const cdp = await Cdp.connect(port);
  await cdp.send("Debugger.enable");
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval });
  return cdp;
}

const stacks = await startStacks({});
const base = stacks.mall.url;
const cdps: Cdp[] = [];
try {
  const member = await memberWithHistory(
    base,
    BENCH_SECRETS.AUTOLOGIN_SECRET,
    BENCH_SECRETS.MERCHANT_API_TOKEN,
    `bench-prof-${Date.now().toString(36)}`,
  );
  const cookie = member.cookieHeader();
  const page = (path: string, withCookie: boolean): Shot => ({
    path,
    headers: { Accept: "text/html", ...(withCookie ? { Cookie: cookie } : {}) },
  });

  const helloCdp = await connect(stacks.hello.inspectorPort);
  const mallCdp = await connect(stacks.mall.inspectorPort);
  cdps.push(helloCdp, mallCdp);
  const helloSources = new Map<string, (line: number) => string>();
  const mallSources = new Map<string, (line: number) => string>();

  console.log(
    `bench:profile: autocannon ${connections} connections × ${duration} s a page, sampling every ${interval} µs, through wrangler dev's inspector`,
  );
  const hello = await profileUnderLoad(helloCdp, stacks.hello.url, { path: "/" }, helloSources);
  const helloPerReq = hello.busyMs / hello.requests;
  const targets: [string, Shot][] = [
    ["guest: home /", page("/", false)],
    ["guest: item /items/1", page("/items/1", false)],
    ["member: home /", page("/", true)],
    ["member: item /items/1", page("/items/1", true)],
    ["member: 我的积分 /me/points", page("/me/points", true)],
    ["member: 我的订单 /me/orders", page("/me/orders", true)],
  ];
  const all = new Map<string, number>();
  let allMs = 0;
  const rows: [string, Breakdown][] = [["hello-world", hello]];
  for (const [name, shot] of targets) {
    const b = await profileUnderLoad(mallCdp, base, shot, mallSources);
    rows.push([name, b]);
    for (const [fn, ms] of b.byFunction) all.set(fn, (all.get(fn) ?? 0) + ms);
    allMs += b.busyMs;
  }

  console.log(
    `\n${"".padEnd(30)}${"requests".padStart(9)}${"req/s".padStart(8)}${"CPU ms/req".padStart(12)}${"÷ hello".padStart(9)}${"JS".padStart(6)}${"native".padStart(8)}${"GC".padStart(6)}${"isolate busy".padStart(14)}`,
  );
  for (const [name, b] of rows) {
    const per = b.busyMs / b.requests;
    const share = (ms: number) => `${((100 * ms) / b.busyMs).toFixed(0)}%`;
    console.log(
      `${padEndW(name, 30)}${String(b.requests).padStart(9)}${f1(b.requests / b.seconds).padStart(8)}${f2(per).padStart(12)}${f1(per / helloPerReq).padStart(9)}` +
        `${share(b.busyMs - b.programMs - b.gcMs).padStart(6)}${share(b.programMs).padStart(8)}${share(b.gcMs).padStart(6)}${`${((100 * b.busyMs) / b.windowMs).toFixed(0)}%`.padStart(14)}`,
    );
  }
  for (const [name, b] of rows.slice(1)) {
    console.log(`\n${name}: top modules by self time (CPU ms per request, share of the page's CPU)`);
    for (const [mod, ms] of [...b.byModule].sort((x, y) => y[1] - x[1]).slice(0, TOP)) {
      console.log(
        `  ${f2(ms / b.requests).padStart(7)} ms  ${`${((100 * ms) / b.busyMs).toFixed(1)}%`.padStart(6)}  ${mod}`,
      );
    }
  }
  console.log(`\nall the mall's pages above: top functions by self time (share of their CPU)`);
  for (const [fn, ms] of [...all].sort((x, y) => y[1] - x[1]).slice(0, 2 * TOP)) {
    console.log(`  ${`${((100 * ms) / allMs).toFixed(1)}%`.padStart(6)}  ${fn}`);
  }
} catch (err) {
  console.error(`bench:profile failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  for (const c of cdps) c.close();
  await stacks.stop();
}
