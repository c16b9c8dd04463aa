// The catalogue's feature files as Node sees them on disk, for the every-key test and `npm run i18n:missing`.
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type CatalogueProblem, compareFeature } from "./catalogue-check";
import { DEFAULT_LOCALE, LOCALES } from "./locale-context";

export const I18N_DIR = dirname(fileURLToPath(import.meta.url));

/** The feature files of a locale's folder (index.ts merges them and is not one). */
export function featureFiles(locale: string): string[] {
  try {
    return readdirSync(join(I18N_DIR, locale))
      .filter((f) => f.endsWith(".ts") && f !== "index.ts" && !f.includes(".test."))
      .sort();
  } catch {
    return [];
  }
}

/** The one object a feature file exports (each exports exactly one `<feature>Messages`). */
async function texts(locale: string, file: string): Promise<Record<string, string> | null> {
  if (!featureFiles(locale).includes(file)) return null;
  const mod = (await import(join(I18N_DIR, locale, file))) as Record<string, unknown>;
  const values = Object.values(mod).filter((v): v is Record<string, string> => typeof v === "object" && v !== null);
  if (values.length !== 1) throw new Error(`views/i18n/${locale}/${file} must export exactly one catalogue object`);
  return values[0]!;
}

/** Every difference of every other locale from zh-CN, file by file. */
export async function catalogueProblems(): Promise<CatalogueProblem[]> {
  const out: CatalogueProblem[] = [];
  for (const locale of LOCALES) {
    if (locale === DEFAULT_LOCALE) continue;
    for (const file of featureFiles(DEFAULT_LOCALE)) {
      const source = (await texts(DEFAULT_LOCALE, file))!;
      out.push(...compareFeature(locale, file, source, await texts(locale, file)));
    }
    for (const file of featureFiles(locale))
      if (!featureFiles(DEFAULT_LOCALE).includes(file))
        out.push({ locale, file, key: "*", kind: "extra", text: "(a file zh-CN does not have)" });
  }
  return out;
}
