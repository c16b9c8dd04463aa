// `npm run bench:flash [-- --members 500 --stock 50 --concurrency 200 --type coupon|virtual --url http://127.0.0.1:8787]`
// A flash sale driven over HTTP the way phones would: the merchant API creates a flash-sale item (sale window
// open now, one per member, enough coupon codes), registers N members and credits most of them enough
// points (some too few); each member logs in through a signed autologin link, keeping its session cookie,
// and loads the item page (the redeem form: action, hidden key, _csrf); some load it in a second tab too (a
// fresh key). Then every member posts the form at once (at most --concurrency in flight), some twice with
// the same key (a double tap), some in both tabs (a second attempt with a new key: one of the two gets the
// unit, the other LIMIT_REACHED — or SOLD_OUT once the stock is gone, which is checked first). Answers are
// classified by data-order-id / data-error-code (htmx fragments, as a phone's browser gets them). Afterwards the
// invariants are checked through the API (DESIGN.md §3) and the figures printed: successes, refusals by
// code, throughput, latency percentiles, and how much cheaper a sold-out refusal is than a success.
// Exit status 1 if an invariant is broken.
//
// Finds the instance like bench:wallet (--url, else .data/instance.json if it answers, else its own
// throwaway stack). Only talks to 127.0.0.1/localhost; bounded by --members and --timeout.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { signAutologinLink } from "../worker/identity/autologin-sign";
import { parseDevVars } from "./dev-vars";
import { isUp, merchantToken, readInstance } from "./local-instance";
import { ROOT } from "./paths";
import { startStack } from "./stack";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    token: { type: "string" },
    secret: { type: "string" },
    members: { type: "string", default: "500" },
    stock: { type: "string", default: "50" },
    concurrency: { type: "string", default: "200" },
    type: { type: "string", default: "coupon" },
    points: { type: "string", default: "100" },
    "poor-share": { type: "string", default: "0.1" },
    "double-tap-share": { type: "string", default: "0.1" },
    "second-try-share": { type: "string", default: "0.1" },
    timeout: { type: "string", default: "600" },
    "serve-stack": { type: "string" },
  },
});

function int(name: keyof typeof values, min: number, max: number): number {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < min || n > max) fail(`--${name} must be an integer ${min}–${max}`);
  return n;
}
function share(name: keyof typeof values): number {
  const n = Number(values[name]);
  if (!Number.isFinite(n) || n < 0 || n > 1) fail(`--${name} must be a number 0–1`);
  return n;
}
function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const N = int("members", 1, 20_000);
const STOCK = int("stock", 0, 100_000);
const C = int("concurrency", 1, 2_000);
const PRICE = int("points", 51, 1_000_000); // above the new-member bonus (50), so "poor" members are short
const TYPE = values.type === "virtual" ? "virtual" : values.type === "coupon" ? "coupon" : fail("--type must be coupon or virtual");
const POOR = share("poor-share");
const DOUBLE = share("double-tap-share");
const SECOND = share("second-try-share");
const deadline = Date.now() + int("timeout", 10, 3600) * 1000;

// ── the instance ───────────────────────────────────────────────────────────────────────────────────────

function devVar(name: string): string | undefined {
  if (process.env[name]) return process.env[name];
  const file = join(ROOT, ".dev.vars");
  return existsSync(file) ? parseDevVars(readFileSync(file, "utf8"))[name] : undefined;
}

// A throwaway stack runs in a child process of this script (`--serve-stack DIR`): startStack keeps the
// libSQL server in its own process, and it must not share an event loop with the phones being measured.
const OWN_SECRETS = {
  AUTOLOGIN_SECRET: "bench-autologin-secret",
  SESSION_SECRET: "bench-session-secret",
  MERCHANT_API_TOKEN: "bench-merchant-token",
  ADMIN_EMAIL: "b@example.com",
  ADMIN_PASSWORD: "bench-admin-password",
};
if (values["serve-stack"]) {
  const d = values["serve-stack"];
  const own = await startStack({ port: 0, dbFile: join(d, "data/mall.db"), persistTo: join(d, "state"), envFile: join(d, "bench.env"), vars: OWN_SECRETS });
  process.stdout.write(`${JSON.stringify({ url: own.url })}\n`);
  // Until the parent says stop (or goes away: its end of stdin closes).
  await new Promise<void>((resolve) => {
    process.stdin.on("end", resolve).on("close", resolve).resume();
    process.once("SIGTERM", resolve).once("SIGINT", resolve);
  });
  await own.stop();
  process.exit(0);
}

async function startOwnStack(d: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, "--serve-stack", d], { stdio: ["pipe", "pipe", "inherit"] });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("the throwaway stack did not start in 120 s")), 120_000);
    child.stdout!.on("data", (chunk) => {
      out += String(chunk);
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the throwaway stack exited (${code})`));
    });
  });
  return {
    url,
    async stop() {
      child.stdin!.end();
      const timer = setTimeout(() => child.kill("SIGTERM"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

let stack: { url: string; stop(): Promise<void> } | undefined;
let dir: string | undefined;
let base = values.url;
let token = values.token;
let secret = values.secret;
if (!base) {
  const running = readInstance().url;
  if (running && (await isUp(running))) base = running;
}
if (base) {
  token ??= merchantToken();
  secret ??= devVar("AUTOLOGIN_SECRET");
} else {
  console.log("no running instance: starting a throwaway stack …");
  dir = mkdtempSync(join(tmpdir(), "bench-flash-"));
  writeFileSync(join(dir, "bench.env"), "");
  token = OWN_SECRETS.MERCHANT_API_TOKEN;
  secret = OWN_SECRETS.AUTOLOGIN_SECRET;
  stack = await startOwnStack(dir);
  base = stack.url;
}
base = base.replace(/\/$/, "");
const host = new URL(base).hostname;
if (host !== "127.0.0.1" && host !== "localhost") {
  await stack?.stop();
  fail(`bench:flash only drives a local instance (127.0.0.1), not ${host}`);
}
if (!token) fail("No MERCHANT_API_TOKEN: set it, pass --token, or run `npm start` once (it writes .dev.vars).");
if (!secret) fail("No AUTOLOGIN_SECRET: set it, pass --secret, or run `npm start` once (it writes .dev.vars).");

// ── HTTP ───────────────────────────────────────────────────────────────────────────────────────────────

const REQUEST_TIMEOUT_MS = 60_000;

async function api<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json };
}

/** An API call that must succeed. Every mutation the bench makes is idempotent (PUT, or a ref), so a 503
 *  from `wrangler dev` reloading the Worker mid-request (source files edited) is retried. */
async function apiOk<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  let r = await api<T>(method, path, body);
  for (let attempt = 1; r.status === 503 && attempt <= 5; attempt++) {
    await new Promise((res) => setTimeout(res, 500 * attempt));
    r = await api<T>(method, path, body);
  }
  if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`);
  return r.json;
}

/** Runs fn over 0..count-1 with at most `limit` in flight, until done or the deadline. */
async function pool<T>(count: number, limit: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      if (Date.now() > deadline) throw new Error(`stopped at the --timeout of ${values.timeout} s`);
      const i = next++;
      out[i] = await fn(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return out;
}

/** A semaphore shared by every redeem POST of the run (the --concurrency bound). */
function semaphore(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

// ── a phone ────────────────────────────────────────────────────────────────────────────────────────────

type RedeemForm = { action: string; fields: Record<string, string> };

const decode = (s: string) =>
  s.replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    out[m[1]!.toLowerCase()] = decode(m[2] ?? m[3] ?? m[4] ?? "");
  }
  return out;
}

/** The redeem form of the item page (worker/redeem/README.md: the shopper's redeem form). */
export function parseRedeemForm(html: string): RedeemForm | null {
  const open = /<form\b[^>]*\bid="redeem-form"[^>]*>/.exec(html);
  if (!open) return null;
  const end = html.indexOf("</form>", open.index);
  const inner = html.slice(open.index + open[0].length, end < 0 ? undefined : end);
  const form = attrs(open[0].slice(5, -1));
  const fields: Record<string, string> = {};
  for (const m of inner.matchAll(/<input\b[^>]*>/g)) {
    const a = attrs(m[0].slice(6, -1));
    if (!a.name || "disabled" in a) continue;
    if ((a.type === "radio" || a.type === "checkbox") && !("checked" in a)) continue;
    fields[a.name] = a.value ?? "";
  }
  return { action: form["hx-post"] ?? form.action ?? "", fields };
}

class Phone {
  cookies = new Map<string, string>();
  constructor(readonly uid: string) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair!.indexOf("=");
      if (eq > 0) this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  }

  async get(path: string, extra: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(new URL(path, base), {
      headers: { Cookie: this.cookieHeader(), Accept: "text/html", "User-Agent": "bench-flash (iPhone; Mobile)", ...extra },
      redirect: "manual",
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    this.keep(res);
    return res;
  }

  /** Autologin (a signed link, as the merchant's menu would send), following the redirect to the item page. */
  async login(itemPath: string): Promise<string> {
    const link = await signAutologinLink(base!, secret!, { uid: this.uid, redirect: itemPath, nickname: `秒杀${this.uid.slice(-4)}` });
    const res = await this.get(link);
    await res.arrayBuffer();
    if (res.status !== 302 && res.status !== 303) throw new Error(`autologin ${this.uid} → ${res.status}`);
    return this.page(res.headers.get("Location") ?? itemPath);
  }

  async page(path: string): Promise<string> {
    const res = await this.get(path);
    const html = await res.text();
    if (res.status !== 200) throw new Error(`GET ${path} → ${res.status}`);
    return html;
  }

  /** Posts the redeem form as htmx does (HX-Request, same origin): the result fragment's order or code. */
  async redeem(form: RedeemForm): Promise<Answer> {
    const t0 = performance.now();
    try {
      const res = await fetch(new URL(form.action, base), {
        method: "POST",
        headers: {
          Cookie: this.cookieHeader(),
          "Content-Type": "application/x-www-form-urlencoded",
          Origin: base!,
          "HX-Request": "true",
          "User-Agent": "bench-flash (iPhone; Mobile)",
        },
        body: new URLSearchParams(form.fields).toString(),
        redirect: "manual",
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const html = await res.text();
      const ms = performance.now() - t0;
      const orderId = /data-order-id="([^"]+)"/.exec(html)?.[1];
      if (orderId && res.status === 200) return { ms, status: res.status, orderId: decode(orderId), code: null };
      const code = /data-error-code="([^"]+)"/.exec(html)?.[1] ?? `HTTP_${res.status}`;
      if (!samples.has(code) && code.startsWith("HTTP_")) samples.set(code, html.slice(0, 400));
      return { ms, status: res.status, orderId: null, code };
    } catch (err) {
      return { ms: performance.now() - t0, status: 0, orderId: null, code: (err as Error).name === "TimeoutError" ? "TIMEOUT" : "NETWORK" };
    }
  }
}

type Answer = { ms: number; status: number; orderId: string | null; code: string | null };
const samples = new Map<string, string>();

// ── figures ────────────────────────────────────────────────────────────────────────────────────────────

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const sortNum = (xs: number[]) => [...xs].sort((a, b) => a - b);
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");

// ── the run ────────────────────────────────────────────────────────────────────────────────────────────

const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const uids = Array.from({ length: N }, (_, i) => `flash-${runId}-${String(i).padStart(5, "0")}`);
const poorCount = Math.round(N * POOR);
/** `count` of the indices in `pool`, spread evenly over it. */
const spread = (pool: number[], count: number) =>
  new Set(pool.filter((_, k) => Math.floor(((k + 1) * count) / pool.length) > Math.floor((k * count) / pool.length)));
const everyone = uids.map((_, i) => i);
/** Members who keep only the new-member bonus (too few points). */
const poorSet = spread(everyone, poorCount);
/** Members who tap twice with the same key. */
const doubleSet = spread(
  everyone.filter((i) => i % 2 === 0 && !poorSet.has(i)),
  Math.round(N * DOUBLE),
);
/** Members with the page open twice (a second tab: another key) who tap in both. */
const secondSet = spread(
  everyone.filter((i) => !poorSet.has(i)),
  Math.round(N * SECOND),
);

const PROBE = 10;

async function probeCosts(): Promise<{ ok: number[]; soldOut: number[] }> {
  const t = Date.now();
  const { id } = await apiOk<{ id: number }>("POST", "/items", {
    sku: `PROBE-${runId}`.toUpperCase(),
    name: `压测探针 ${runId}`,
    type: "virtual",
    points: PRICE,
    stock: PROBE,
    perMemberLimit: 1,
    saleStartsAt: new Date(t - 60_000).toISOString(),
    saleEndsAt: new Date(t + 3600_000).toISOString(),
  });
  const out = { ok: [] as number[], soldOut: [] as number[] };
  for (let i = 0; i < 2 * PROBE; i++) {
    const uid = `probe-${runId}-${i}`;
    await apiOk("PUT", `/members/${uid}`, { nickname: `探针${i}` });
    await apiOk("POST", `/members/${uid}/points/earn`, { ref: `probe-${runId}-${i}`, reason: "压测充值", points: PRICE, source: "purchase" });
    const phone = new Phone(uid);
    const form = parseRedeemForm(await phone.login(`/items/${id}`));
    if (!form) continue;
    const a = await phone.redeem(form);
    if (a.orderId) out.ok.push(a.ms);
    else if (a.code === "SOLD_OUT") out.soldOut.push(a.ms);
  }
  return out;
}

const problems: string[] = [];
const check = (ok: boolean, what: string) => {
  console.log(`  ${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) problems.push(what);
};

try {
  console.log(`bench:flash against ${base}: ${N} members (${poorCount} short of points), ${STOCK} units of a ${TYPE} item at ${PRICE} points, concurrency ${C}`);

  // 1. The flash-sale item (window open now, one per member) and its codes.
  const now = Date.now();
  const created = await apiOk<{ id: number }>("POST", "/items", {
    sku: `FLASH-${runId}`.toUpperCase(),
    name: `压测秒杀 ${runId}`,
    type: TYPE,
    points: PRICE,
    originalPoints: PRICE * 5,
    stock: STOCK,
    perMemberLimit: 1,
    saleStartsAt: new Date(now - 60_000).toISOString(),
    saleEndsAt: new Date(now + 3 * 3600_000).toISOString(),
    description: "bench:flash 压测商品",
  });
  const itemId = created.id;
  const itemPath = `/items/${itemId}`;
  let codesImported = 0;
  if (TYPE === "coupon") {
    const want = STOCK + Math.max(10, Math.ceil(STOCK * 0.1));
    for (let start = 0; start < want; start += 5000) {
      const codes = Array.from({ length: Math.min(5000, want - start) }, (_, k) => `FL${runId}${String(start + k).padStart(6, "0")}`.toUpperCase());
      const r = await apiOk<{ codesLeft: number }>("POST", `/items/${itemId}/codes`, { codes });
      codesImported = r.codesLeft; // (a retried import counts its codes as duplicates)
    }
  }
  console.log(`item ${itemId} created${TYPE === "coupon" ? ` with ${codesImported} codes` : ""}`);

  // 2. Members and their points: the rich get enough for two units (so the per-member limit, not the
  //    balance, is what stops a second attempt); the poor keep only the new-member bonus.
  const tSetup = performance.now();
  const startBalance = new Map<string, number>();
  await pool(N, Math.min(C, 50), async (i) => {
    const uid = uids[i]!;
    const put = await apiOk<{ balance: number }>("PUT", `/members/${uid}`, { nickname: `秒杀${i}` });
    let balance = put.balance;
    if (!poorSet.has(i)) {
      const need = PRICE * 2 - balance;
      if (need > 0) {
        const e = await apiOk<{ balance: number }>("POST", `/members/${uid}/points/earn`, { ref: `flash-${runId}-${i}`, reason: "压测充值", points: need, source: "purchase" });
        balance = e.balance;
      }
    }
    startBalance.set(uid, balance);
  });
  const eligible = uids.filter((u) => startBalance.get(u)! >= PRICE).length;

  // 3. Every phone logs in and opens the item page (the form carries a fresh key and the CSRF token); some
  //    open it in a second tab too (another key).
  const phones = uids.map((uid) => new Phone(uid));
  const forms: (RedeemForm | null)[] = await pool(N, Math.min(C, 50), async (i) => parseRedeemForm(await phones[i]!.login(itemPath)));
  const noForm = forms.filter((f) => !f).length;
  if (noForm === N) throw new Error(`no redeem form on ${itemPath} (is the sale open, are the shopper pages deployed?)`);
  const sample = forms.find(Boolean)!;
  for (const name of ["key", "_csrf"]) if (!(name in sample.fields)) throw new Error(`the redeem form has no ${name} field`);
  const secondForms: (RedeemForm | null)[] = await pool(N, Math.min(C, 50), async (i) =>
    secondSet.has(i) && forms[i] ? parseRedeemForm(await phones[i]!.page(itemPath)) : null,
  );
  if (secondForms.some((f, i) => f && f.fields.key === forms[i]!.fields.key)) throw new Error("a second page load rendered the same key: keys must be fresh per render");
  console.log(`setup: ${N} members with points, logged in and on the item page in ${((performance.now() - tSetup) / 1000).toFixed(1)} s${noForm ? ` (${noForm} pages without a form)` : ""}`);

  // The cost of one tap without a queue in front of it: a separate small item, its own members, one tap at
  // a time — PROBE successes, then PROBE sold-out refusals. (Not counted in the sale's figures.)
  const probe = await probeCosts();

  // 4. The sale: every tap at once, at most --concurrency in flight (started in member order): the first
  //    tap, a double tap with the same key, a tap in the second tab with its own key.
  const limit = semaphore(C);
  type Tap = { uid: string; kind: "first" | "double" | "second"; answer: Answer };
  const taps: Tap[] = [];
  const jobs: Promise<void>[] = [];
  const tap = (i: number, kind: Tap["kind"], form: RedeemForm) =>
    jobs.push(limit(() => phones[i]!.redeem(form)).then((answer) => void taps.push({ uid: uids[i]!, kind, answer })));
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const form = forms[i];
    if (!form) continue;
    tap(i, "first", form);
    if (doubleSet.has(i)) tap(i, "double", form);
    const second = secondForms[i];
    if (second) tap(i, "second", second);
  }
  await Promise.all(jobs);
  const seconds = (performance.now() - t0) / 1000;

  // 5. Figures.
  const posted = taps;
  const ok = posted.filter((t) => t.answer.orderId);
  const refusals = new Map<string, number>();
  for (const t of posted) if (!t.answer.orderId) refusals.set(t.answer.code!, (refusals.get(t.answer.code!) ?? 0) + 1);
  const all = sortNum(posted.map((t) => t.answer.ms));
  const okMs = sortNum(ok.map((t) => t.answer.ms));
  const soldOutMs = sortNum(posted.filter((t) => t.answer.code === "SOLD_OUT").map((t) => t.answer.ms));
  const distinctOrders = new Set(ok.map((t) => t.answer.orderId!));

  console.log(`\nredeem POSTs: ${posted.length} in ${seconds.toFixed(2)} s = ${(posted.length / seconds).toFixed(0)} req/s`);
  console.log(`  successes:  ${ok.length} answers, ${distinctOrders.size} distinct orders`);
  console.log(`  refusals:   ${refusals.size ? [...refusals].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(", ") : "none"}`);
  console.log(`  latency all      p50 ${f1(pct(all, 50))}  p95 ${f1(pct(all, 95))}  p99 ${f1(pct(all, 99))}  max ${f1(all.at(-1) ?? NaN)} ms`);
  console.log(`  latency success  p50 ${f1(pct(okMs, 50))}  p95 ${f1(pct(okMs, 95))}  p99 ${f1(pct(okMs, 99))} ms`);
  console.log(`  latency sold-out p50 ${f1(pct(soldOutMs, 50))}  p95 ${f1(pct(soldOutMs, 95))}  p99 ${f1(pct(soldOutMs, 99))} ms`);
  const ratio = pct(soldOutMs, 50) / pct(okMs, 50);
  console.log(`  median sold-out refusal / median success = ${Number.isFinite(ratio) ? ratio.toFixed(2) : "–"}`);
  const [pOk, pSold] = [sortNum(probe.ok), sortNum(probe.soldOut)];
  console.log(
    `  unloaded, one tap at a time (probe item, before the sale): success p50 ${f1(pct(pOk, 50))} ms (${pOk.length}), ` +
      `sold-out p50 ${f1(pct(pSold, 50))} ms (${pSold.length}), ratio ${(pct(pSold, 50) / pct(pOk, 50)).toFixed(2)}`,
  );
  const byKind = (kind: Tap["kind"]) => {
    const m = new Map<string, number>();
    for (const t of posted.filter((x) => x.kind === kind)) {
      const k = t.answer.orderId ? "order" : t.answer.code!;
      m.set(k, (m.get(k) ?? 0) + 1);
    }
    return [...m].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(", ") || "none";
  };
  console.log(`  by tap:     first tap: ${byKind("first")}`);
  console.log(`              double tap (same key): ${byKind("double")}`);
  console.log(`              second tab (new key): ${byKind("second")}`);
  for (const [code, body] of samples) console.log(`  first ${code} body: ${body.replace(/\s+/g, " ").slice(0, 300)}`);

  // 6. Invariants, through the API.
  console.log("\ninvariants:");
  const expected = Math.min(STOCK, eligible);
  // Orders reach the database from the redemption (or the objects' outboxes): wait for them to settle.
  let orders: any[] = [];
  for (let attempt = 0; attempt < 40; attempt++) {
    orders = [];
    let cursor: string | null = null;
    do {
      const page: { orders: any[]; nextCursor: string | null } = await apiOk("GET", `/orders?itemId=${itemId}&limit=100${cursor ? `&cursor=${cursor}` : ""}`);
      orders.push(...page.orders);
      cursor = page.nextCursor;
    } while (cursor);
    if (orders.length >= distinctOrders.size || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const live: { stock: { available: number; held: number; sold: number; codesLeft: number } } = await apiOk("GET", `/items/${itemId}`);
  const placed = orders.filter((o) => o.status !== "cancelled");
  check(placed.length === live.stock.sold, `orders for the item (${placed.length}) = units sold (${live.stock.sold})`);
  check(live.stock.sold === expected, `units sold (${live.stock.sold}) = min(stock ${STOCK}, eligible buyers ${eligible}) = ${expected}`);
  check(live.stock.available >= 0 && live.stock.held >= 0, `live stock ≥ 0 (available ${live.stock.available}, held ${live.stock.held})`);
  check(live.stock.available + live.stock.held + live.stock.sold === STOCK, `available + held + sold = ${STOCK}`);
  check(
    distinctOrders.size === placed.length && [...distinctOrders].every((id) => placed.some((o) => o.id === id)),
    `every success answer is an order in the list, and every order was answered (${distinctOrders.size} ↔ ${placed.length})`,
  );
  const perMember = new Map<string, number>();
  for (const o of placed) perMember.set(o.uid, (perMember.get(o.uid) ?? 0) + o.qty);
  check([...perMember.values()].every((n) => n <= 1), `no member over the limit of 1 (max ${Math.max(0, ...perMember.values())})`);
  const poorBuyers = placed.filter((o) => (startBalance.get(o.uid) ?? 0) < PRICE).length;
  check(poorBuyers === 0, `no member short of points has an order (${poorBuyers})`);
  const doubles = taps.filter((t) => t.kind === "double");
  const firstOf = new Map(taps.filter((t) => t.kind === "first").map((t) => [t.uid, t.answer]));
  const mismatched = doubles.filter((d) => {
    const f = firstOf.get(d.uid)!;
    return (f.orderId ?? f.code) !== (d.answer.orderId ?? d.answer.code);
  });
  check(mismatched.length === 0, `double taps (${doubles.length}) got the same answer as the first tap (${mismatched.length} differ)`);
  const ordersAnswered = new Map<string, Set<string>>();
  for (const t of ok) ordersAnswered.set(t.uid, (ordersAnswered.get(t.uid) ?? new Set<string>()).add(t.answer.orderId!));
  const twoOrders = [...ordersAnswered.values()].filter((ids) => ids.size > 1).length;
  check(twoOrders === 0, `no member was answered two different orders, whichever tab (${twoOrders})`);
  if (TYPE === "coupon") {
    const codes = placed.flatMap((o) => o.couponCodes as string[]);
    check(codes.length === placed.length && new Set(codes).size === codes.length, `one distinct coupon code per order (${codes.length} codes, ${new Set(codes).size} distinct)`);
    check(live.stock.codesLeft === codesImported - codes.length, `codes left (${live.stock.codesLeft}) = imported ${codesImported} − given ${codes.length}`);
  }
  const spentBy = new Map<string, number>();
  for (const o of placed) spentBy.set(o.uid, (spentBy.get(o.uid) ?? 0) + o.points);
  const wrong: string[] = [];
  await pool(N, Math.min(C, 50), async (i) => {
    const uid = uids[i]!;
    const m = await apiOk<{ balance: number }>("GET", `/members/${uid}`);
    const want = startBalance.get(uid)! - (spentBy.get(uid) ?? 0);
    if (m.balance !== want) wrong.push(`${uid}: ${m.balance} ≠ ${want}`);
  });
  check(wrong.length === 0, `every member's balance = starting points − their orders' points (${wrong.length} differ${wrong.length ? `: ${wrong.slice(0, 3).join("; ")}` : ""})`);

  console.log(problems.length ? `\n${problems.length} invariant(s) broken` : "\nall invariants hold");
  if (problems.length) process.exitCode = 1;
} catch (err) {
  console.error(`bench:flash failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await stack?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
