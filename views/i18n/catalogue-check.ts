// What a locale lacks next to zh-CN, the source: per feature file, the keys missing or extra and the keys whose
// placeholders differ ({name} in one, not in the other). Used by catalogue.node.test.ts (which fails naming
// them) and `npm run i18n:missing` (which prints them with the zh-CN text to translate).
import type { Locale } from "./locale-context";

export type CatalogueProblem = {
  locale: Locale;
  /** the feature file, e.g. "shop.ts" */
  file: string;
  key: string;
  kind: "missing" | "extra" | "placeholders" | "file missing";
  /** the zh-CN text (what to translate) */
  source?: string;
  /** the locale's text, when it has one */
  text?: string;
};

type Texts = Readonly<Record<string, string>>;

/** The placeholder names of a text, sorted and unique: "{b} {a} {a}" → ["a", "b"]. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}

/** The differences of one feature file of `locale` from its zh-CN twin (`other` null: the file is missing). */
export function compareFeature(locale: Locale, file: string, source: Texts, other: Texts | null): CatalogueProblem[] {
  if (!other) return [{ locale, file, key: "*", kind: "file missing" }];
  const out: CatalogueProblem[] = [];
  for (const [key, text] of Object.entries(source)) {
    const mine = other[key];
    if (mine === undefined) out.push({ locale, file, key, kind: "missing", source: text });
    else if (placeholdersOf(mine).join() !== placeholdersOf(text).join())
      out.push({ locale, file, key, kind: "placeholders", source: text, text: mine });
  }
  for (const key of Object.keys(other))
    if (!Object.hasOwn(source, key)) out.push({ locale, file, key, kind: "extra", text: other[key] });
  return out;
}

/** The problems as a report, grouped by locale and file. */
export function describeProblems(problems: CatalogueProblem[]): string {
  const groups = new Map<string, CatalogueProblem[]>();
  for (const p of problems) {
    const g = `views/i18n/${p.locale}/${p.file}`;
    groups.set(g, [...(groups.get(g) ?? []), p]);
  }
  const lines: string[] = [];
  for (const [file, ps] of groups) {
    lines.push(`${file}:`);
    for (const p of ps) {
      if (p.kind === "file missing") lines.push("  the whole file is missing (copy the zh-CN file and translate it)");
      else if (p.kind === "missing")
        lines.push(`  missing ${JSON.stringify(p.key)} (zh-CN: ${JSON.stringify(p.source)})`);
      else if (p.kind === "extra")
        lines.push(`  extra ${JSON.stringify(p.key)}: not in zh-CN (renamed or removed there?)`);
      else
        lines.push(
          `  placeholders of ${JSON.stringify(p.key)} differ: zh-CN ${JSON.stringify(p.source)}, here ${JSON.stringify(p.text)}`,
        );
    }
  }
  return lines.join("\n");
}
