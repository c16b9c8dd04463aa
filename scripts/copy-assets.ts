// Copies htmx from the installed htmx.org package into public/ (we serve it from our own origin, never a
// CDN). Runs on `npm install` (postinstall), `npm start`, `npm test` and `npm run deploy`.
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

export function copyAssets(root = ROOT): void {
  const require = createRequire(join(root, "package.json"));
  const htmxDir = dirname(require.resolve("htmx.org/package.json"));
  mkdirSync(join(root, "public/js"), { recursive: true });
  copyFileSync(join(htmxDir, "dist/htmx.min.js"), join(root, "public/js/htmx.min.js"));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) copyAssets();
