// `npm run i18n:missing`: what each locale lacks next to zh-CN, per feature file — the keys to add to
// views/i18n/en/<file> and views/i18n/zh-Hant/<file> after adding them to zh-CN. For zh-Hant it also prints a
// draft converted with OpenCC (Simplified → Traditional, Taiwan phrases): review it before pasting (the
// vocabulary the seed article uses: 積分、兌換、會員、登入、預設). Exit 1 when anything is missing.
import * as OpenCC from "opencc-js";
import { describeProblems } from "../views/i18n/catalogue-check";
import { catalogueProblems } from "../views/i18n/catalogue-files";

const problems = await catalogueProblems();
if (problems.length === 0) {
  console.log("Every locale has every key of zh-CN, with the same placeholders.");
  process.exit(0);
}
console.log(describeProblems(problems));

const toHant = OpenCC.Converter({ from: "cn", to: "twp" });
const hant = problems.filter((p) => p.locale === "zh-Hant" && p.kind === "missing");
if (hant.length > 0) {
  console.log("\nzh-Hant drafts (OpenCC cn → twp; review the wording, then paste into the file named above):");
  for (const p of hant) console.log(`  ${JSON.stringify(p.key)}: ${JSON.stringify(toHant(p.source ?? ""))},`);
}
const en = problems.filter((p) => p.locale === "en" && p.kind === "missing");
if (en.length > 0) console.log(`\nen: ${en.length} key(s) to translate into English (real English, not a copy).`);
process.exit(1);
