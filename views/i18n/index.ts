// The message catalogues and t(). zh-CN is the source (views/i18n/zh-CN/, one file per feature); every other
// locale has the same files with the same keys and placeholders (views/i18n/<locale>/, checked by tsc through
// `satisfies Catalogue<…>` and by catalogue.node.test.ts; `npm run i18n:missing` lists what a locale lacks).
// t() answers in the request's locale (locale-context.ts). A text built at import time would freeze the
// locale of whoever imported first, so module-level values take lazy(key) and resolve it when shown.
import { numberFormat } from "../intl-cache";
import { en } from "./en";
import { currentLocale, DEFAULT_LOCALE, type Locale } from "./locale-context";
import { zhCN } from "./zh-CN";
import { zhHant } from "./zh-Hant";

export {
  currentBackPath,
  currentLocale,
  DEFAULT_LOCALE,
  isLocale,
  type Locale,
  LOCALES,
  withLocale,
} from "./locale-context";

/** Every message key of the catalogue. */
export type MessageKey = keyof typeof zhCN;

/** Shape another locale's merged catalogue must satisfy. */
export type Messages = { readonly [K in MessageKey]: string };

export const catalogues: Record<Locale, Messages> = { "zh-CN": zhCN, "zh-Hant": zhHant, en };

/** Each locale's own name, as the language switch shows it (in that language, whatever the page's). */
export const LOCALE_NAMES: Record<Locale, string> = { "zh-CN": "简体中文", "zh-Hant": "繁體中文", en: "English" };

/** Placeholder names of a message literal: "{a} and {b}" -> "a" | "b". */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;

/** Params required by a key (typed from the zh-CN source text). */
export type MessageParams<K extends MessageKey> = Record<Placeholders<(typeof zhCN)[K]>, string | number>;

type ParamArgs<K extends MessageKey> = [Placeholders<(typeof zhCN)[K]>] extends [never]
  ? []
  : [params: MessageParams<K>];

// Numbers that are identifiers or calendar parts, never grouped ("order 12345", "2026").
const NOT_A_QUANTITY = /(^id$|Id$|^ref$|^sku$|No$|^no$|year|month|^page$|^code$|^port$)/;

/** A number parameter the locale's way: English groups thousands (1,200 points); the Chinese catalogues keep
 *  the digits as they are (1200 积分), as the mall always showed them. */
function formatParam(locale: Locale, name: string, value: string | number): string {
  if (typeof value !== "number" || locale !== "en" || NOT_A_QUANTITY.test(name) || !Number.isFinite(value))
    return String(value);
  return numberFormat("en", { maximumFractionDigits: 2 }).format(value);
}

export function interpolate(
  template: string,
  params?: Record<string, string | number>,
  locale: Locale = DEFAULT_LOCALE,
): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? formatParam(locale, name, params[name] as string | number) : whole,
  );
}

/** Message in a given locale. */
export function translate<K extends MessageKey>(locale: Locale, key: K, ...args: ParamArgs<K>): string {
  const template = catalogues[locale]?.[key] ?? zhCN[key];
  return interpolate(template, args[0] as Record<string, string | number> | undefined, locale);
}

/** Message in the request's locale (zh-CN outside a request): t("stock.low", { stock: 3 }) -> "仅剩 3 件". */
export function t<K extends MessageKey>(key: K, ...args: ParamArgs<K>): string {
  return translate(currentLocale(), key, ...args);
}

/** A message resolved each time it is shown, in the locale of that moment: for values built at import time
 *  (zod schemas' `{ error: lazy(key) }`, tables of labels). */
export function lazy<K extends MessageKey>(key: K, ...args: ParamArgs<K>): () => string {
  return () => t(key, ...args);
}
