// Every locale has every key of zh-CN (the source) with the same placeholders, file by file; English is
// English (no Chinese left in it but the address example) and 繁體 has no simplified characters. A failure
// names the keys; `npm run i18n:missing` prints them with the zh-CN text and a zh-Hant draft.
import * as OpenCC from "opencc-js";
import { describe, expect, it } from "vitest";
import { catalogues, LOCALES } from ".";
import { compareFeature, describeProblems, placeholdersOf } from "./catalogue-check";
import { catalogueProblems, featureFiles } from "./catalogue-files";
import { zhCN } from "./zh-CN";

describe("the catalogues", () => {
  it("every locale has every zh-CN key, in the same feature file, with the same placeholders", async () => {
    const problems = await catalogueProblems();
    const report = describeProblems(problems);
    expect(
      problems.length,
      `${problems.length} catalogue difference(s); add the keys to every locale (run \`npm run i18n:missing\`):\n${report}`,
    ).toBe(0);
  });

  it("every locale's folder has the zh-CN feature files and merges them all into its catalogue", () => {
    for (const locale of LOCALES) {
      expect(featureFiles(locale), locale).toEqual(featureFiles("zh-CN"));
      expect(Object.keys(catalogues[locale]).sort(), locale).toEqual(Object.keys(zhCN).sort());
    }
  });

  it("the check names what is missing, extra, or has other placeholders", () => {
    const source = { "a.one": "一 {n} 个", "a.two": "二", "a.three": "{x} 与 {y}" };
    const problems = compareFeature("en", "a.ts", source, {
      "a.one": "one {count}",
      "a.three": "{y} and {x}",
      "a.x": "x",
    });
    expect(problems.map((p) => `${p.kind} ${p.key}`)).toEqual(["placeholders a.one", "missing a.two", "extra a.x"]);
    const report = describeProblems(problems);
    expect(report).toContain("views/i18n/en/a.ts:");
    expect(report).toContain('missing "a.two" (zh-CN: "二")');
    expect(compareFeature("zh-Hant", "b.ts", source, null)[0]?.kind).toBe("file missing");
    expect(placeholdersOf("{b} {a} {a}")).toEqual(["a", "b"]);
  });

  it("English is written in English: no Chinese characters left (but the Chinese address example)", () => {
    const allowed = new Set(["address.regionPh"]);
    const chinese = Object.entries(catalogues.en).filter(([k, v]) => !allowed.has(k) && /\p{Script=Han}/u.test(v));
    expect(chinese).toEqual([]);
  });

  it("繁體 has no simplified characters (OpenCC, character by character) and is not a copy of zh-CN", () => {
    const toTraditional = OpenCC.Converter({ from: "cn", to: "tw" });
    // Characters OpenCC changes though Traditional writes them too: 只 (只影響), 台 (平台), 游 (游標).
    const alsoTraditional = new Set(["只", "台", "游"]);
    const simplifiedIn = (v: string) => {
      const converted = [...toTraditional(v)];
      return [...v].filter((ch, i) => converted[i] !== ch && !alsoTraditional.has(ch));
    };
    const simplified = Object.entries(catalogues["zh-Hant"])
      .map(([k, v]) => [k, simplifiedIn(v).join("")])
      .filter(([, chars]) => chars !== "");
    expect(simplified).toEqual([]);
    const same = Object.entries(catalogues["zh-Hant"]).filter(
      ([k, v]) => /\p{Script=Han}/u.test(v) && v === zhCN[k as keyof typeof zhCN],
    );
    // Words spelled the same in both scripts (全部, 商品…) are fine; most texts differ.
    expect(same.length).toBeLessThan(Object.keys(zhCN).length / 10);
  });
});
