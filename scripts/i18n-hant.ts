// `npm run i18n:hant`: writes views/i18n/zh-Hant/ from views/i18n/zh-CN/ (OpenCC cn → twp, then
// views/i18n/hant-overrides.ts), removes files zh-CN no longer has, and formats the folder with biome.
// Run it after changing any zh-CN text; commit the result (hant.node.test.ts fails when it is stale).
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { I18N_DIR } from "../views/i18n/catalogue-files";
import { hantFolder } from "../views/i18n/hant-files";

const dir = join(I18N_DIR, "zh-Hant");
const files = await hantFolder();
const before = new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), "utf8")]));
for (const f of before.keys()) if (f.endsWith(".ts") && !files.has(f)) rmSync(join(dir, f));
for (const [f, text] of files) writeFileSync(join(dir, f), text);
execFileSync("npx", ["biome", "format", "--write", dir], { stdio: "ignore" });
const changed = [...files.keys()].filter((f) => before.get(f) !== readFileSync(join(dir, f), "utf8"));
const removed = [...before.keys()].filter((f) => f.endsWith(".ts") && !files.has(f));
console.log(
  `views/i18n/zh-Hant: ${files.size} files, ${changed.length} changed${changed.length ? ` (${changed.join(", ")})` : ""}` +
    (removed.length ? `, ${removed.length} removed (${removed.join(", ")})` : ""),
);
