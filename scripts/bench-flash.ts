// `npm run bench:flash [-- --members 500 --stock 50 --concurrency 200 --shards 4 --type coupon|virtual --url http://127.0.0.1:8787]`
// A flash sale driven over HTTP the way phones would: the merchant API creates a flash-sale item (sale window
// open now, one per member, enough coupon codes), registers N members and credits most of them enough
// points (some too few); each member logs in through a signed autologin link, keeping its session cookie,
// and loads the item page (the redeem form: action, hidden key, _csrf); some load it in a second tab too (a
// fresh key). Then autocannon posts every form (at most --concurrency connections), some twice with the
// same key (a double tap), some in both tabs (a second attempt with a new key: one of the two gets the
// unit, the other LIMIT_REACHED — or SOLD_OUT once the stock is gone, which is checked first). Answers are
// classified by data-order-id / data-error-code (htmx fragments, as a phone's browser gets them). Afterwards the
// invariants are checked through the API (docs/architecture.md §3) and the figures printed:
// successes, refusals by code, throughput with its ratio to a hello-world Worker on the same runtime
// (scripts/bench/harness.ts: measured just before and just after the rush, at the same concurrency), latency
// percentiles, and the sold-out refusal's median latency over a success's. Exit status 1 if an invariant is broken.
//
// --shards N sets the item's stock_shards through the API (stockShards); without it the mall picks what it does
// for a flash sale. Setup (members, points, logins) runs at most --setup-concurrency calls at once and retries
// an answer to retry (REF_IN_PROGRESS, 429, 503) with the same request and ref, backing off (bench/phone.ts).
//
// Without --url it runs its own throwaway mall (scripts/bench/stacks.ts). Only talks to 127.0.0.1/localhost;
// bounded by --members and --timeout.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type autocannon from "autocannon";
import { f2, helloAround, hit, ratioTo } from "./bench/harness";
import { classifyRedeem, merchantApi, parseRedeemForm, Phone, type RedeemForm } from "./bench/phone";
import { assertLocal, BENCH_SECRETS, startStacks } from "./bench/stacks";
import { parseDevVars } from "./dev-vars";
import { ROOT } from "./paths";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    token: { type: "string" },
    secret: { type: "string" },
    members: { type: "string", default: "500" },
    stock: { type: "string", default: "50" },
    concurrency: { type: "string", default: "200" },
    "setup-concurrency": { type: "string", default: "16" },
    shards: { type: "string" },
    type: { type: "string", default: "coupon" },
    points: { type: "string", default: "100" },
    "poor-share": { type: "string", default: "0.1" },
    "double-tap-share": { type: "string", default: "0.1" },
    "second-try-share": { type: "string", default: "0.1" },
    "hello-duration": { type: "string", default: "5" },
    timeout: { type: "string", default: "600" },
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
const SETUP_C = int("setup-concurrency", 1, 200);
/** The item's stock shards, or undefined: the mall's own default for a flash sale. */
const SHARDS = values.shards === undefined ? undefined : int("shards", 1, 16);
const shardsField = SHARDS === undefined ? {} : { stockShards: SHARDS };
const PRICE = int("points", 51, 1_000_000); // above the new-member bonus (50), so "poor" members are short
const TYPE =
  values.type === "virtual"
    ? "virtual"
    : values.type === "coupon"
      ? "coupon"
      : fail("--type must be coupon or virtual");
const POOR = share("poor-share");
const DOUBLE = share("double-tap-share");
const SECOND = share("second-try-share");
const HELLO_S = int("hello-duration", 1, 60);
const deadline = Date.now() + int("timeout", 10, 3600) * 1000;

// ── the instance ───────────────────────────────────────────────────────────────────────────────────────

function devVar(name: string): string | undefined {
  if (process.env[name]) return process.env[name];
  const file = join(ROOT, ".dev.vars");
  return existsSync(file) ? parseDevVars(readFileSync(file, "utf8"))[name] : undefined;
}

if (values.url) assertLocal(values.url);
if (!values.url) console.log("starting a throwaway mall and the hello-world Worker …");
const stacks = await startStacks({ mallUrl: values.url });
const base = stacks.mall.url;
const token = values.token ?? (values.url ? devVar("MERCHANT_API_TOKEN") : BENCH_SECRETS.MERCHANT_API_TOKEN);
const givenSecret = values.secret ?? (values.url ? devVar("AUTOLOGIN_SECRET") : BENCH_SECRETS.AUTOLOGIN_SECRET);
if (!token || !givenSecret) {
  await stacks.stop();
  fail(
    "No MERCHANT_API_TOKEN / AUTOLOGIN_SECRET for --url: set them, pass --token/--secret, or run `npm start` once (it writes .dev.vars).",
  );
}
const secret: string = givenSecret;
const { ok: apiOk } = merchantApi(base, token);

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

/** `at`: when the answer arrived (performance.now()), to split the figures by the phase of the rush. */
type Answer = { ms: number; status: number; orderId: string | null; code: string | null; at: number };
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
    ...shardsField,
    saleStartsAt: new Date(t - 60_000).toISOString(),
    saleEndsAt: new Date(t + 3600_000).toISOString(),
  });
  const out = { ok: [] as number[], soldOut: [] as number[] };
  for (let i = 0; i < 2 * PROBE; i++) {
    const uid = `probe-${runId}-${i}`;
    await apiOk("PUT", `/members/${uid}`, { nickname: `探针${i}` });
    await apiOk("POST", `/members/${uid}/points/earn`, {
      ref: `probe-${runId}-${i}`,
      reason: "压测充值",
      points: PRICE,
      source: "purchase",
    });
    const phone = new Phone(base, secret, uid);
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
  console.log(
    `bench:flash against ${base}: ${N} members (${poorCount} short of points), ${STOCK} units of a ${TYPE} item at ${PRICE} points, concurrency ${C}`,
  );

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
    ...shardsField,
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
      const codes = Array.from({ length: Math.min(5000, want - start) }, (_, k) =>
        `FL${runId}${String(start + k).padStart(6, "0")}`.toUpperCase(),
      );
      const ref = `bench-codes-${runId}-${start}`; // a retried import answers the first one (worker/api/idempotency.ts)
      const r = await apiOk<{ codesLeft: number }>("POST", `/items/${itemId}/codes`, { ref, codes });
      codesImported = r.codesLeft;
    }
  }
  const { stockShards } = await apiOk<{ stockShards: number }>("GET", `/items/${itemId}`);
  if (SHARDS !== undefined && stockShards !== SHARDS)
    throw new Error(`asked for ${SHARDS} stock shards, the item has ${stockShards}`);
  console.log(
    `item ${itemId} created with ${stockShards} stock shard${stockShards === 1 ? "" : "s"}${SHARDS === undefined ? " (the mall's default for a flash sale)" : ""}${TYPE === "coupon" ? `, ${codesImported} codes` : ""}`,
  );

  // 2. Members and their points: the rich get enough for two units (so the per-member limit, not the
  //    balance, is what stops a second attempt); the poor keep only the new-member bonus.
  const tSetup = performance.now();
  const startBalance = new Map<string, number>();
  await pool(N, SETUP_C, async (i) => {
    const uid = uids[i]!;
    const put = await apiOk<{ balance: number }>("PUT", `/members/${uid}`, { nickname: `秒杀${i}` });
    let balance = put.balance;
    if (!poorSet.has(i)) {
      const need = PRICE * 2 - balance;
      if (need > 0) {
        const e = await apiOk<{ balance: number }>("POST", `/members/${uid}/points/earn`, {
          ref: `flash-${runId}-${i}`,
          reason: "压测充值",
          points: need,
          source: "purchase",
        });
        balance = e.balance;
      }
    }
    startBalance.set(uid, balance);
  });
  const eligible = uids.filter((u) => startBalance.get(u)! >= PRICE).length;

  // 3. Every phone logs in and opens the item page (the form carries a fresh key and the CSRF token); some
  //    open it in a second tab too (another key).
  const phones = uids.map((uid) => new Phone(base, secret, uid));
  const forms: (RedeemForm | null)[] = await pool(N, SETUP_C, async (i) =>
    parseRedeemForm(await phones[i]!.login(itemPath, `秒杀${i}`)),
  );
  const noForm = forms.filter((f) => !f).length;
  if (noForm === N)
    throw new Error(`no redeem form on ${itemPath} (is the sale open, are the shopper pages deployed?)`);
  const sample = forms.find(Boolean)!;
  for (const name of ["key", "_csrf"])
    if (!(name in sample.fields)) throw new Error(`the redeem form has no ${name} field`);
  const secondForms: (RedeemForm | null)[] = await pool(N, SETUP_C, async (i) =>
    secondSet.has(i) && forms[i] ? parseRedeemForm(await phones[i]!.page(itemPath)) : null,
  );
  if (secondForms.some((f, i) => f && f.fields.key === forms[i]!.fields.key))
    throw new Error("a second page load rendered the same key: keys must be fresh per render");
  console.log(
    `setup: ${N} members with points, logged in and on the item page in ${((performance.now() - tSetup) / 1000).toFixed(1)} s${noForm ? ` (${noForm} pages without a form)` : ""}`,
  );

  // The cost of one tap without a queue in front of it: a separate small item, its own members, one tap at
  // a time — PROBE successes, then PROBE sold-out refusals. (Not counted in the sale's figures.)
  const probe = await probeCosts();

  // 4. The sale: every tap, autocannon posting them over at most --concurrency connections in member order
  //    (the first tap, a double tap with the same key, a tap in the second tab with its own key), each
  //    connection taking the next tap as soon as its previous answer is in. Hello-world is measured at the
  //    same concurrency just before and just after.
  type Tap = {
    uid: string;
    kind: "first" | "double" | "second";
    request: { path: string; headers: Record<string, string>; body: string };
    answer?: Answer;
  };
  const queue: Tap[] = [];
  for (let i = 0; i < N; i++) {
    const form = forms[i];
    if (!form) continue;
    const first = { uid: uids[i]!, kind: "first" as const, request: phones[i]!.redeemRequest(form) };
    queue.push(first);
    if (doubleSet.has(i)) queue.push({ ...first, kind: "double" });
    const second = secondForms[i];
    if (second) queue.push({ uid: uids[i]!, kind: "second", request: phones[i]!.redeemRequest(second) });
  }
  let next = 0;
  let answered: Tap | undefined;
  const rushRequests: autocannon.Request[] = [
    {
      method: "POST",
      setupRequest: (req, context) => {
        const t = queue[next++]!;
        (context as { tap?: Tap }).tap = t;
        return { ...req, method: "POST", path: t.request.path, headers: t.request.headers, body: t.request.body };
      },
      onResponse: (status, body, context) => {
        const t = (context as { tap: Tap }).tap;
        const { orderId, code } = classifyRedeem(status, body);
        if (code?.startsWith("HTTP_") && !samples.has(code)) samples.set(code, body.slice(0, 400));
        t.answer = { ms: NaN, status, orderId, code, at: performance.now() };
        answered = t; // the latency arrives in autocannon's response event, right after this
      },
    },
  ];
  const connections = Math.min(C, queue.length);
  const { result: rush, hello } = await helloAround(stacks.hello.url, connections, HELLO_S, () =>
    hit(
      base,
      { path: "/", method: "POST" },
      {
        connections,
        amount: queue.length,
        timeout: 60,
        requests: rushRequests,
        onLatency: (ms) => {
          if (answered?.answer) answered.answer.ms = ms;
          answered = undefined;
        },
      },
    ),
  );
  const taps = queue.filter((t): t is Tap & { answer: Answer } => !!t.answer);
  const seconds = rush.seconds;
  if (taps.length < queue.length)
    console.log(
      `  ${queue.length - taps.length} taps got no answer (${rush.errors} errors, ${rush.timeouts} timeouts)`,
    );

  // 5. Figures.
  const posted = taps;
  const ok = posted.filter((t) => t.answer.orderId);
  const refusals = new Map<string, number>();
  for (const t of posted) if (!t.answer.orderId) refusals.set(t.answer.code!, (refusals.get(t.answer.code!) ?? 0) + 1);
  const all = sortNum(posted.map((t) => t.answer.ms));
  const okMs = sortNum(ok.map((t) => t.answer.ms));
  const soldOutMs = sortNum(posted.filter((t) => t.answer.code === "SOLD_OUT").map((t) => t.answer.ms));
  const distinctOrders = new Set(ok.map((t) => t.answer.orderId!));

  const helloRate = hello.map((h) => h.reqPerSec.toFixed(0)).join("/");
  console.log(`\nstock shards: ${stockShards}${SHARDS === undefined ? " (default)" : ""}`);
  console.log(
    `redeem POSTs: ${posted.length} in ${seconds.toFixed(2)} s = ${(posted.length / seconds).toFixed(0)} req/s = ${f2(ratioTo(posted.length / seconds, hello))} × hello-world ` +
      `(${helloRate} req/s before/after, ${connections} connections)`,
  );
  console.log(`  successes:  ${ok.length} answers, ${distinctOrders.size} distinct orders`);
  console.log(
    `  refusals:   ${
      refusals.size
        ? [...refusals]
            .sort((a, b) => b[1] - a[1])
            .map(([c, n]) => `${c} ${n}`)
            .join(", ")
        : "none"
    }`,
  );
  console.log(
    `  latency all      p50 ${f1(pct(all, 50))}  p95 ${f1(pct(all, 95))}  p99 ${f1(pct(all, 99))}  max ${f1(all.at(-1) ?? NaN)} ms`,
  );
  console.log(`  latency success  p50 ${f1(pct(okMs, 50))}  p95 ${f1(pct(okMs, 95))}  p99 ${f1(pct(okMs, 99))} ms`);
  console.log(
    `  latency sold-out p50 ${f1(pct(soldOutMs, 50))}  p95 ${f1(pct(soldOutMs, 95))}  p99 ${f1(pct(soldOutMs, 99))} ms`,
  );
  const ratio = pct(soldOutMs, 50) / pct(okMs, 50);
  console.log(`  median sold-out refusal / median success = ${f2(ratio)}`);
  // The medians above are over the whole rush: every success is answered in its first wave, while the queue
  // is at its longest; the sold-out refusals span it all. Split by the last success's answer, for reading.
  const lastOk = Math.max(...ok.map((t) => t.answer.at));
  const soldOut = posted.filter((t) => t.answer.code === "SOLD_OUT");
  const during = sortNum(soldOut.filter((t) => t.answer.at <= lastOk).map((t) => t.answer.ms));
  const afterOk = sortNum(soldOut.filter((t) => t.answer.at > lastOk).map((t) => t.answer.ms));
  console.log(
    `  sold-out p50 while successes were still being answered ${f1(pct(during, 50))} ms (${during.length}), after the last success ${f1(pct(afterOk, 50))} ms (${afterOk.length})`,
  );
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
    return (
      [...m]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k} ${n}`)
        .join(", ") || "none"
    );
  };
  console.log(`  by tap:     first tap: ${byKind("first")}`);
  console.log(`              double tap (same key): ${byKind("double")}`);
  console.log(`              second tab (new key): ${byKind("second")}`);
  for (const [code, body] of samples) console.log(`  first ${code} body: ${body.replace(/\s+/g, " ").slice(0, 300)}`);
  if ([...samples.values()].some((b) => b.includes("restarted mid-request"))) {
    console.log(
      "  NOTE: wrangler dev reloaded the Worker during the rush (its 503s above): these figures are not comparable; run again",
    );
  }

  // 6. Invariants, through the API.
  console.log("\ninvariants:");
  const expected = Math.min(STOCK, eligible);
  // Orders reach the database from the redemption (or the objects' outboxes): wait for them to settle.
  let orders: any[] = [];
  for (let attempt = 0; attempt < 40; attempt++) {
    orders = [];
    let cursor: string | null = null;
    do {
      const page: { orders: any[]; nextCursor: string | null } = await apiOk(
        "GET",
        `/orders?itemId=${itemId}&limit=100${cursor ? `&cursor=${cursor}` : ""}`,
      );
      orders.push(...page.orders);
      cursor = page.nextCursor;
    } while (cursor);
    if (orders.length >= distinctOrders.size || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const live: { stock: { available: number; held: number; sold: number; codesLeft: number } } = await apiOk(
    "GET",
    `/items/${itemId}`,
  );
  const placed = orders.filter((o) => o.status !== "cancelled");
  check(placed.length === live.stock.sold, `orders for the item (${placed.length}) = units sold (${live.stock.sold})`);
  check(
    live.stock.sold === expected,
    `units sold (${live.stock.sold}) = min(stock ${STOCK}, eligible buyers ${eligible}) = ${expected}`,
  );
  check(
    live.stock.available >= 0 && live.stock.held >= 0,
    `live stock ≥ 0 (available ${live.stock.available}, held ${live.stock.held})`,
  );
  check(live.stock.available + live.stock.held + live.stock.sold === STOCK, `available + held + sold = ${STOCK}`);
  check(
    distinctOrders.size === placed.length && [...distinctOrders].every((id) => placed.some((o) => o.id === id)),
    `every success answer is an order in the list, and every order was answered (${distinctOrders.size} ↔ ${placed.length})`,
  );
  const perMember = new Map<string, number>();
  for (const o of placed) perMember.set(o.uid, (perMember.get(o.uid) ?? 0) + o.qty);
  check(
    [...perMember.values()].every((n) => n <= 1),
    `no member over the limit of 1 (max ${Math.max(0, ...perMember.values())})`,
  );
  const poorBuyers = placed.filter((o) => (startBalance.get(o.uid) ?? 0) < PRICE).length;
  check(poorBuyers === 0, `no member short of points has an order (${poorBuyers})`);
  const doubles = taps.filter((t) => t.kind === "double");
  const firstOf = new Map(taps.filter((t) => t.kind === "first").map((t) => [t.uid, t.answer]));
  const mismatched = doubles.filter((d) => {
    const f = firstOf.get(d.uid)!;
    return (f.orderId ?? f.code) !== (d.answer.orderId ?? d.answer.code);
  });
  check(
    mismatched.length === 0,
    `double taps (${doubles.length}) got the same answer as the first tap (${mismatched.length} differ)`,
  );
  const ordersAnswered = new Map<string, Set<string>>();
  for (const t of ok)
    ordersAnswered.set(t.uid, (ordersAnswered.get(t.uid) ?? new Set<string>()).add(t.answer.orderId!));
  const twoOrders = [...ordersAnswered.values()].filter((ids) => ids.size > 1).length;
  check(twoOrders === 0, `no member was answered two different orders, whichever tab (${twoOrders})`);
  if (TYPE === "coupon") {
    const codes = placed.flatMap((o) => o.couponCodes as string[]);
    check(
      codes.length === placed.length && new Set(codes).size === codes.length,
      `one distinct coupon code per order (${codes.length} codes, ${new Set(codes).size} distinct)`,
    );
    check(
      live.stock.codesLeft === codesImported - codes.length,
      `codes left (${live.stock.codesLeft}) = imported ${codesImported} − given ${codes.length}`,
    );
  }
  const spentBy = new Map<string, number>();
  for (const o of placed) spentBy.set(o.uid, (spentBy.get(o.uid) ?? 0) + o.points);
  const wrong: string[] = [];
  await pool(N, SETUP_C, async (i) => {
    const uid = uids[i]!;
    const m = await apiOk<{ balance: number }>("GET", `/members/${uid}`);
    const want = startBalance.get(uid)! - (spentBy.get(uid) ?? 0);
    if (m.balance !== want) wrong.push(`${uid}: ${m.balance} ≠ ${want}`);
  });
  check(
    wrong.length === 0,
    `every member's balance = starting points − their orders' points (${wrong.length} differ${wrong.length ? `: ${wrong.slice(0, 3).join("; ")}` : ""})`,
  );

  console.log(problems.length ? `\n${problems.length} invariant(s) broken` : "\nall invariants hold");
  if (problems.length) process.exitCode = 1;
} catch (err) {
  console.error(`bench:flash failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await stacks.stop();
}
