// The request's locale, ambient: the locale middleware (worker/middleware/locale.ts) runs each request inside
// withLocale(), and t() reads currentLocale(). Outside a request (a Durable Object, the cron, a script, a
// module's top level) it is the default, zh-CN. Workers provide AsyncLocalStorage with the `nodejs_als`
// compatibility flag (wrangler.toml); Node has it natively (the views' node tests).
import { AsyncLocalStorage } from "node:async_hooks";

export const LOCALES = ["zh-CN", "zh-Hant", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

/** What a request makes ambient: its locale, and the page the language switch returns to. */
export type LocaleContext = { locale: Locale; back: string };

const storage = new AsyncLocalStorage<LocaleContext>();

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The locale of the request being handled; zh-CN outside one. */
export function currentLocale(): Locale {
  return storage.getStore()?.locale ?? DEFAULT_LOCALE;
}

/** The path (and query) of the page being shown, for the language switch's link back; "/" outside a request. */
export function currentBackPath(): string {
  return storage.getStore()?.back ?? "/";
}

/** Runs `fn` (and everything it awaits) with `locale` as the ambient locale; `back` may be computed lazily. */
export function withLocale<T>(locale: Locale, fn: () => T, back: string | (() => string) = "/"): T {
  if (typeof back === "string") return storage.run({ locale, back }, fn);
  // Worked out when first asked (only pages with the language switch do; a cached page never does).
  let known: string | undefined;
  return storage.run(
    {
      locale,
      get back() {
        known ??= back();
        return known;
      },
    },
    fn,
  );
}
