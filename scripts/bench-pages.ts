// `npm run bench:pages [-- --connections 32 --duration 10 --warmup 3 --url http://127.0.0.1:8787 --secret S --token T]`
// The shopper pages against a hello-world Worker on the same runtime (scripts/bench/harness.ts):
//  1. byte budgets (docs/architecture.md §6), over HTTP: gzip size of each page's HTML and of
//     everything non-image a first load fetches (stylesheets and scripts linked from the page);
//  2. throughput with autocannon, alternating with hello-world: the guest home and an item page, then a
//     logged-in member's home, an item page (/items/1), 我的积分 (/me/points) and 我的订单 (/me/orders) with their session cookie (a
//     member with a history: purchases and a redeemed coupon). Each figure is printed with its ratio to the
//     hello-world runs either side of it, and the raw req/s beside.
// Without --url it benches its own mall (a throwaway stack on a temp dir, as the tests run it). Exit 1 if any
// request failed (a page that answers errors is not a figure).
import { gzipSync } from "node:zlib";
import { parseArgs } from "node:util";
import { printRows, sideBySide, type Target } from "./bench/harness";
import { memberWithHistory } from "./bench/phone";
import { assertLocal, BENCH_SECRETS, startStacks } from "./bench/stacks";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    secret: { type: "string" },
    token: { type: "string" },
    connections: { type: "string", default: "32" },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
  },
});
const connections = Number(values.connections);
const duration = Number(values.duration);
const warmup = Number(values.warmup);
if (!(connections >= 1 && connections <= 1000 && duration >= 1 && duration <= 120 && warmup >= 0 && warmup <= 60)) {
  console.error("--connections 1–1000, --duration 1–120 s, --warmup 0–60 s");
  process.exit(2);
}
if (values.url) assertLocal(values.url);

const stacks = await startStacks({ mallUrl: values.url });
const base = stacks.mall.url;
const secret = values.secret ?? (values.url ? process.env.AUTOLOGIN_SECRET : BENCH_SECRETS.AUTOLOGIN_SECRET);
const token = values.token ?? (values.url ? process.env.MERCHANT_API_TOKEN : BENCH_SECRETS.MERCHANT_API_TOKEN);

const gz = (buf: Uint8Array) => gzipSync(buf, { level: 9 }).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function bytes(path: string, cookie?: string) {
  const res = await fetch(base + path, { headers: cookie ? { Cookie: cookie } : {} });
  const html = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder().decode(html);
  const assets = [...text.matchAll(/<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"/g)].map(
    (m) => m[1]!,
  );
  let assetGzip = 0;
  for (const a of assets) assetGzip += gz(new Uint8Array(await (await fetch(new URL(a, base))).arrayBuffer()));
  return {
    path,
    status: res.status,
    html: html.length,
    htmlGzip: gz(html),
    assets: assets.length,
    firstLoadGzip: gz(html) + assetGzip,
  };
}

try {
  if (!secret || !token)
    throw new Error(
      "with --url, pass --secret (AUTOLOGIN_SECRET) and --token (MERCHANT_API_TOKEN), or set them in the environment",
    );
  console.log(`bench:pages: mall ${base}, hello-world ${stacks.hello.url}`);
  const member = await memberWithHistory(base, secret, token, `bench-pages-${Date.now().toString(36)}`);
  const cookie = member.cookieHeader();

  console.log("\nbytes (budgets: HTML ≤ 14 KB gzip, first load non-image ≤ 45 KB gzip)");
  console.log("path                      status  html      html.gz   assets  first-load.gz");
  for (const [path, c] of [
    ["/", undefined],
    ["/?category=goods", undefined],
    ["/items/1", undefined],
    ["/items/9", undefined],
    ["/me/points", cookie],
    ["/me/orders", cookie],
  ] as const) {
    const r = await bytes(path, c);
    console.log(
      `${(c ? `${path} (member)` : path).padEnd(26)}${String(r.status).padEnd(8)}${kb(r.html).padEnd(10)}${kb(r.htmlGzip).padEnd(10)}${String(r.assets).padEnd(8)}${kb(r.firstLoadGzip)}`,
    );
  }

  const page = (name: string, path: string, withCookie: boolean): Target => ({
    name,
    base,
    shot: {
      path,
      headers: {
        Accept: "text/html",
        "User-Agent": "bench (iPhone; Mobile)",
        ...(withCookie ? { Cookie: cookie } : {}),
      },
    },
  });
  // Each member page must really be the member's (not a guest answer) before it is measured.
  for (const path of ["/", "/items/1", "/me/points", "/me/orders"]) {
    const html = await member.page(path);
    if (!html.includes(`id="balance-badge"`))
      throw new Error(`${path} with the session cookie does not show the member's balance`);
  }
  const rows = await sideBySide(
    stacks.hello.url,
    [
      page("guest: home /", "/", false),
      page("guest: item /items/1", "/items/1", false),
      page("member: home /", "/", true),
      page("member: item /items/1", "/items/1", true),
      page("member: 我的积分 /me/points", "/me/points", true),
      page("member: 我的订单 /me/orders", "/me/orders", true),
    ],
    { connections, duration, warmup },
  );
  const bad = printRows(rows, { connections, duration });
  if (bad) {
    console.error(`\n${bad} target(s) had failed requests`);
    process.exitCode = 1;
  }
} catch (err) {
  console.error(`bench:pages failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await stacks.stop();
}
