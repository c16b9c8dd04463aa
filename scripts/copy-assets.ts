// Copies htmx from the installed htmx.org package into public/ (we serve it from our own origin, never a
// CDN). Runs on `npm install` (postinstall), `npm start`, `npm test`, the benchmarks and `npm run deploy`.
// It writes only when the file differs: every `wrangler dev` of the worktree watches public/ and reloads its
// Worker on a write, and a reload mid-request answers 503 (or replays a GET) in whatever runs against it.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

export function copyAssets(root = ROOT): void {
  const require = createRequire(join(root, "package.json"));
  const htmxDir = dirname(require.resolve("htmx.org/package.json"));
  const from = join(htmxDir, "dist/htmx.min.js");
  const to = join(root, "public/js/htmx.min.js");
  if (existsSync(to) && readFileSync(to).equals(readFileSync(from))) return;
  mkdirSync(join(root, "public/js"), { recursive: true });
  copyFileSync(from, to);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) copyAssets();
