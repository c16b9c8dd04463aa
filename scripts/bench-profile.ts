// `npm run bench:profile [-- --connections 16 --duration 8 --interval 200 --top 8 --mode pages|redeem|all --shards N --only TEXT]`
// Where a request's CPU goes: the Worker's isolate is CPU-profiled through wrangler dev's inspector port
// (Chrome DevTools Protocol: Profiler.start/stop over its WebSocket) while autocannon loads one page at a time
// — the hello-world Worker first (the runtime's own cost per request, profiled the same way), then the guest
// home and an item page, and a logged-in member's home, an item page, 我的积分 and 我的订单. Per page: requests served in
// the profiled window, CPU ms per request (busy time of the isolate, idle excluded; Durable Objects run in
// the same isolate under wrangler dev, so their work counts too) with its ratio to hello-world's, how much of
// it is JS, runtime-native ("(program)") and GC, how busy the isolate was over the window (the rest of a
// request's time is spent waiting: on Turso, on the objects, on the proxy in front), and the top modules by self time per request (modules named
// from the bundle's esbuild markers, `// worker/…`, `// node_modules/…`). Then the top functions over all the
// mall's pages. `--mode redeem` profiles the redeem POST instead (`all`: both): a flash-sale item (sale window
// open, `--shards` stock objects or the mall's default) with stock for every tap, members logged in with points
// for all of them, each POST the real htmx form with a fresh key (a success: reserve, claim, spend, confirm,
// the order row), then a sold-out item (stock 0) posted the same way (a refusal: the first one a second reaches
// the stock objects, the rest are answered from the isolate's sold-out memo). A profile costs some throughput itself: compare these CPU figures with each other, and take
// throughput from bench:pages.
import { parseArgs } from "node:util";
import { Cdp, type CpuProfile } from "./bench/cdp";
import type autocannon from "autocannon";
import { f1, f2, hit, padEndW, type Shot } from "./bench/harness";
import { classifyRedeem, memberWithHistory, merchantApi, parseRedeemForm, Phone } from "./bench/phone";
import { BENCH_SECRETS, startStacks } from "./bench/stacks";

const { values } = parseArgs({
  options: {
    connections: { type: "string", default: "16" },
    duration: { type: "string", default: "8" },
    interval: { type: "string", default: "200" },
    top: { type: "string", default: "8" },
    mode: { type: "string", default: "pages" },
    shards: { type: "string" },
    members: { type: "string", default: "300" },
    // only the pages whose name contains this text (e.g. `--only 我的积分`): the top functions are then theirs
    only: { type: "string" },
  },
});
const connections = Number(values.connections);
const duration = Number(values.duration);
const interval = Number(values.interval);
const TOP = Number(values.top);
const MODE = values.mode;
const SHARDS = values.shards === undefined ? undefined : Number(values.shards);
const MEMBERS = Number(values.members);
if (MODE !== "pages" && MODE !== "redeem" && MODE !== "all") {
  console.error("--mode pages, redeem or all");
  process.exit(2);
}
if (SHARDS !== undefined && !(Number.isInteger(SHARDS) && SHARDS >= 1 && SHARDS <= 16)) {
  console.error("--shards 1–16");
  process.exit(2);
}
if (!(Number.isInteger(MEMBERS) && MEMBERS >= 1 && MEMBERS <= 5_000)) {
  console.error("--members 1–5000");
  process.exit(2);
}
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

/** A load of its own requests (autocannon's setupRequest/onResponse) and whether every answer was the one
 *  expected (a refusal's 409 is, for the sold-out item). */
type Load = { requests: () => autocannon.Request[]; answers: () => { unexpected: number; sample: string } };

async function profileUnderLoad(
  cdp: Cdp,
  base: string,
  shot: Shot,
  sources: Map<string, (line: number) => string>,
  load?: Load,
): Promise<Breakdown> {
  // warm: the isolate's code compiled, caches filled
  await hit(base, shot, { connections, duration: 2, ...(load ? { requests: load.requests() } : {}) });
  await cdp.send("Profiler.start");
  const figure = await hit(base, shot, { connections, duration, ...(load ? { requests: load.requests() } : {}) });
  const { profile } = await cdp.send<{ profile: CpuProfile }>("Profiler.stop");
  const unexpected = load ? load.answers() : { unexpected: figure.non2xx, sample: "" };
  if (unexpected.unexpected + figure.errors + figure.timeouts)
    throw new Error(
      `${shot.path}: ${unexpected.unexpected} unexpected answers, ${figure.errors} errors, ${figure.timeouts} timeouts under load${unexpected.sample ? ` (first: ${unexpected.sample})` : ""}`,
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

/**
 * The redeem POST's two answers as loads: a success (an item with stock for every tap) and a sold-out refusal
 * (an item with none), each tap the real htmx form of one of MEMBERS logged-in members, round robin (under the
 * per-member rate limit), with a fresh key.
 */
async function redeemTargets(base: string): Promise<[string, Shot, Load][]> {
  const api = merchantApi(base, BENCH_SECRETS.MERCHANT_API_TOKEN);
  const run = Date.now().toString(36);
  const now = Date.now();
  // A sale window makes the item a flash sale, whose per-member limit defaults to 1 (sale-rules.ts,
  // effectivePerMemberLimit): set as high as the API allows, or every member's second tap of the round robin
  // is LIMIT_REACHED (the success load is ~10 s of taps over MEMBERS members).
  const item = async (name: string, stock: number) => {
    const { id } = await api.ok<{ id: number }>("POST", "/items", {
      sku: `PROF-${name}-${run}`.toUpperCase(),
      name: `剖析 ${name} ${run}`,
      type: "virtual",
      points: 1,
      stock,
      perMemberLimit: 10_000,
      saleStartsAt: new Date(now - 60_000).toISOString(),
      saleEndsAt: new Date(now + 3600_000).toISOString(),
      ...(SHARDS === undefined ? {} : { stockShards: SHARDS }),
    });
    const { stockShards } = await api.ok<{ stockShards: number }>("GET", `/items/${id}`);
    return { id, stockShards };
  };
  const plenty = await item("ok", 1_000_000);
  const none = await item("soldout", 0);
  const phones: Phone[] = [];
  const forms: { csrf: string; cookie: string }[] = [];
  const queue = Array.from({ length: MEMBERS }, (_, i) => i);
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        const uid = `prof-${run}-${i}`;
        await api.ok("PUT", `/members/${uid}`, { nickname: `剖析${i}` });
        await api.ok("POST", `/members/${uid}/points/earn`, {
          ref: `prof-${run}-${i}`,
          reason: "剖析充值",
          points: 100_000,
          source: "purchase",
        });
        const phone = new Phone(base, BENCH_SECRETS.AUTOLOGIN_SECRET, uid);
        const form = parseRedeemForm(await phone.login(`/items/${plenty.id}`));
        if (!form?.fields._csrf) throw new Error(`no redeem form for ${uid} on /items/${plenty.id}`);
        phones[i] = phone;
        forms[i] = { csrf: form.fields._csrf, cookie: phone.cookieHeader() };
      }
    }),
  );
  const loadOf = (itemId: number, want: "order" | "SOLD_OUT"): Load => {
    let next = 0;
    let unexpected = 0;
    let sample = "";
    return {
      requests: () => [
        {
          method: "POST",
          setupRequest: (req) => {
            const f = forms[next++ % forms.length]!;
            const body = new URLSearchParams({ key: crypto.randomUUID(), _csrf: f.csrf, qty: "1" }).toString();
            return {
              ...req,
              method: "POST",
              path: `/items/${itemId}/redeem`,
              headers: {
                Cookie: f.cookie,
                "Content-Type": "application/x-www-form-urlencoded",
                Origin: base,
                "HX-Request": "true",
              },
              body,
            };
          },
          onResponse: (status, body) => {
            const { orderId, code } = classifyRedeem(status, body);
            if ((want === "order" ? orderId : code === "SOLD_OUT") ? false : true) {
              unexpected++;
              if (!sample) sample = `${status} ${code ?? ""} ${body.slice(0, 200)}`;
            }
          },
        },
      ],
      answers: () => {
        const out = { unexpected, sample };
        unexpected = 0;
        sample = "";
        return out;
      },
    };
  };
  const shot = (itemId: number): Shot => ({ method: "POST", path: `/items/${itemId}/redeem` });
  return [
    [`redeem: success (${plenty.stockShards} shards)`, shot(plenty.id), loadOf(plenty.id, "order")],
    [`redeem: sold out (${none.stockShards} shards)`, shot(none.id), loadOf(none.id, "SOLD_OUT")],
  ];
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
  const targets: [string, Shot, Load?][] =
    MODE === "redeem"
      ? []
      : [
          ["guest: home /", page("/", false)],
          ["guest: item /items/1", page("/items/1", false)],
          ["member: home /", page("/", true)],
          ["member: item /items/1", page("/items/1", true)],
          ["member: 我的积分 /me/points", page("/me/points", true)],
          ["member: 我的订单 /me/orders", page("/me/orders", true)],
        ];
  if (MODE !== "pages") targets.push(...(await redeemTargets(base)));
  if (values.only !== undefined) {
    const only = values.only;
    targets.splice(0, targets.length, ...targets.filter(([name]) => name.includes(only)));
    if (!targets.length) throw new Error(`--only ${only}: no page of --mode ${MODE} is named so`);
  }
  const all = new Map<string, number>();
  let allMs = 0;
  const rows: [string, Breakdown][] = [["hello-world", hello]];
  for (const [name, shot, load] of targets) {
    const b = await profileUnderLoad(mallCdp, base, shot, mallSources, load);
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
