// `npm run bench:pages [-- --url http://127.0.0.1:8787]`: the shopper pages' byte budgets (DESIGN.md §6),
// measured over HTTP: gzip size of each page's HTML and of everything non-image a first load fetches
// (stylesheets and scripts linked from the page), plus median server time over 50 requests.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { startStack, type Stack } from "./stack";

const { values } = parseArgs({ options: { url: { type: "string" } } });
let stack: Stack | undefined;
let dir: string | undefined;
let base = values.url;
if (!base) {
  dir = mkdtempSync(join(tmpdir(), "bench-pages-"));
  writeFileSync(join(dir, "bench.env"), "");
  const secrets = { AUTOLOGIN_SECRET: "b", SESSION_SECRET: "b", MERCHANT_API_TOKEN: "b", ADMIN_EMAIL: "b@example.com", ADMIN_PASSWORD: "b" };
  stack = await startStack({ port: 0, dbFile: join(dir, "data/mall.db"), persistTo: join(dir, "state"), envFile: join(dir, "bench.env"), vars: secrets });
  base = stack.url;
}

const gz = (buf: Uint8Array) => gzipSync(buf, { level: 9 }).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function measure(path: string) {
  const res = await fetch(base + path);
  const html = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder().decode(html);
  const assets = [...text.matchAll(/<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"/g)].map((m) => m[1]!);
  let assetGzip = 0;
  for (const a of assets) assetGzip += gz(new Uint8Array(await (await fetch(new URL(a, base))).arrayBuffer()));
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    await (await fetch(base + path)).arrayBuffer();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { path, status: res.status, html: html.length, htmlGzip: gz(html), assets: assets.length, firstLoadGzip: gz(html) + assetGzip, p50: times[25]! };
}

try {
  console.log(`shopper pages at ${base}  (budgets: HTML ≤ 14 KB gzip, first load non-image ≤ 45 KB gzip)`);
  console.log("path                      status  html      html.gz   assets  first-load.gz  p50 ms");
  for (const path of ["/", "/?category=goods", "/items/1", "/items/9"]) {
    const r = await measure(path);
    console.log(
      `${r.path.padEnd(26)}${String(r.status).padEnd(8)}${kb(r.html).padEnd(10)}${kb(r.htmlGzip).padEnd(10)}${String(r.assets).padEnd(8)}${kb(r.firstLoadGzip).padEnd(15)}${r.p50.toFixed(1)}`,
    );
  }
} finally {
  await stack?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
