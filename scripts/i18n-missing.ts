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

const opencc = OpenCC.Converter({ from: "cn", to: "twp" });
// Where OpenCC's phrases are wrong for this mall, or Taiwan says it otherwise (the catalogue's own choices).
const FIXES: [RegExp, string][] = [
  [/補籤/g, "補簽"], // 补签 is a check-in (簽到), not a lottery stick (籤)
  [/許可權/g, "權限"],
  [/引數/g, "參數"],
  [/隻(影響|能|有|要|是|顯示)/g, "只$1"],
  [/(銀行卡|帳號|賬號)已登出/g, "$1已註銷"],
  [/賬/g, "帳"],
  [/當前/g, "目前"],
  [/發貨/g, "出貨"],
  [/運單號/g, "物流單號"],
  [/介面權杖|介面令牌/g, "API 權杖"],
  [/介面發放/g, "API 發放"],
  [/令牌/g, "權杖"],
  [/郵箱/g, "電子郵件"],
  [/門店/g, "門市"],
  [/收貨地址/g, "收件地址"],
  [/收貨人/g, "收件人"],
  [/記錄/g, "紀錄"],
  [/創建/g, "建立"],
  [/運營/g, "營運人員"],
];
const toHant = (text: string) => FIXES.reduce((s, [from, to]) => s.replace(from, to), opencc(text));
const hant = problems.filter((p) => p.locale === "zh-Hant" && p.kind === "missing");
if (hant.length > 0) {
  console.log("\nzh-Hant drafts (OpenCC cn → twp; review the wording, then paste into the file named above):");
  for (const p of hant) console.log(`  ${JSON.stringify(p.key)}: ${JSON.stringify(toHant(p.source ?? ""))},`);
}
const en = problems.filter((p) => p.locale === "en" && p.kind === "missing");
if (en.length > 0) console.log(`\nen: ${en.length} key(s) to translate into English (real English, not a copy).`);
process.exit(1);
