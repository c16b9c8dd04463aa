import { readdirSync } from "node:fs";
const hand = "/tmp/locales-hant-hand",
  gen = process.cwd() + "/views/i18n/zh-Hant";
let n = 0;
for (const f of readdirSync(hand)) {
  if (f === "index.ts") continue;
  const a = Object.values(await import(`${hand}/${f}`))[0] as Record<string, string>;
  const b = Object.values(await import(`${gen}/${f}`))[0] as Record<string, string>;
  for (const k of Object.keys(a))
    if (a[k] !== b[k]) {
      n++;
      console.log(`${k}\n  hand: ${a[k]}\n  gen:  ${b[k]}`);
    }
}
console.log(n, "differences");
