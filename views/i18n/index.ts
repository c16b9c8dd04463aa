import { zhCN } from "./zh-CN";

/** Every message key of the catalogue. */
export type MessageKey = keyof typeof zhCN;

/** Shape another locale must satisfy: `export const en = { ... } satisfies Messages;` */
export type Messages = { readonly [K in MessageKey]: string };

export type Locale = "zh-CN";

const catalogues: Record<Locale, Messages> = { "zh-CN": zhCN };

export const DEFAULT_LOCALE: Locale = "zh-CN";

/** Placeholder names of a message literal: "{a} and {b}" -> "a" | "b". */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;

/** Params required by a key (typed from the zh-CN source text). */
export type MessageParams<K extends MessageKey> = Record<Placeholders<(typeof zhCN)[K]>, string | number>;

type ParamArgs<K extends MessageKey> = [Placeholders<(typeof zhCN)[K]>] extends [never]
  ? []
  : [params: MessageParams<K>];

export function interpolate(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** Message in a given locale. */
export function translate<K extends MessageKey>(locale: Locale, key: K, ...args: ParamArgs<K>): string {
  const template = catalogues[locale][key] ?? zhCN[key];
  return interpolate(template, args[0] as Record<string, string | number> | undefined);
}

/** Message in the default locale (zh-CN): t("stock.low", { stock: 3 }) -> "仅剩 3 件". */
export function t<K extends MessageKey>(key: K, ...args: ParamArgs<K>): string {
  return translate(DEFAULT_LOCALE, key, ...args);
}
