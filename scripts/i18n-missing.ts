// `npm run i18n:missing`: what each locale lacks next to zh-CN, per feature file — the keys to add to
// views/i18n/en/<file> after adding them to zh-CN. zh-Hant is generated: `npm run i18n:hant` writes it (the texts
// it would make are printed here; fix a wrong term in views/i18n/hant-overrides.ts). Exit 1 when anything is missing.
import { describeProblems } from "../views/i18n/catalogue-check";
import { catalogueProblems } from "../views/i18n/catalogue-files";
import { hantMessage } from "../views/i18n/hant-convert";

const problems = await catalogueProblems();
if (problems.length === 0) {
  console.log("Every locale has every key of zh-CN, with the same placeholders.");
  process.exit(0);
}
console.log(describeProblems(problems));

const hant = problems.filter((p) => p.locale === "zh-Hant" && p.kind === "missing");
if (hant.length > 0) {
  console.log(
    "\nzh-Hant is generated: run `npm run i18n:hant`. It would write (check the wording; fix terms in views/i18n/hant-overrides.ts):",
  );
  for (const p of hant)
    console.log(`  ${JSON.stringify(p.key)}: ${JSON.stringify(hantMessage(p.key, p.source ?? ""))},`);
}
const en = problems.filter((p) => p.locale === "en" && p.kind === "missing");
if (en.length > 0) console.log(`\nen: ${en.length} key(s) to translate into English (real English, not a copy).`);
process.exit(1);
