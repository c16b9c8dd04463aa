// The request's language (issue 11): the `lang` cookie the language switch sets, else the best of the
// browser's Accept-Language (q-values honoured) that we have, else the merchant's default (MALL_DEFAULT_LOCALE,
// zh-CN). The rest of the request runs inside withLocale(), so t() — pages, fragments, the error table, the
// zod messages, the API's `message` — answers in it; c.var.locale has it too. Answers vary by it, so every
// response says `Vary: Accept-Language, Cookie` (a cache keyed without them would serve one language to all;
// docs/architecture.md §"Locales").
import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { DEFAULT_LOCALE, isLocale, type Locale, withLocale } from "../../views/i18n";
import type { AppEnv } from "../app-env";

export const LOCALE_COOKIE = "lang";

/** A language tag as one of ours: zh-TW/HK/MO and any zh-Hant → zh-Hant; other zh → zh-CN; en-* → en. */
export function localeOfTag(tag: string): Locale | null {
  const t = tag.trim().toLowerCase();
  if (!t || t === "*") return null;
  const [lang, ...rest] = t.split("-");
  if (lang === "en") return "en";
  if (lang !== "zh") return null;
  if (rest.includes("hant") || rest.some((s) => s === "tw" || s === "hk" || s === "mo")) return "zh-Hant";
  return "zh-CN";
}

/** The best locale an Accept-Language header asks for (highest q first, then the order given), or null. */
export function localeOfAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranges = header
    .split(",")
    .slice(0, 32) // a header is a few ranges; a huge one is not worth parsing whole
    .map((part, index) => {
      const [tag = "", ...params] = part.split(";");
      let q = 1;
      for (const p of params) {
        const m = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p);
        if (m) q = Number(m[1]);
      }
      return { tag, q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const r of ranges) {
    const locale = localeOfTag(r.tag);
    if (locale) return locale;
  }
  return null;
}

/** The locale for a request: cookie, then Accept-Language, then the merchant's default. */
export function pickLocale(
  cookie: string | undefined,
  acceptLanguage: string | null,
  merchantDefault?: string,
): Locale {
  if (isLocale(cookie)) return cookie;
  return localeOfAcceptLanguage(acceptLanguage) ?? (isLocale(merchantDefault) ? merchantDefault : DEFAULT_LOCALE);
}

/** Whether `back` is a path of this site the switch may return to ("/…", never "//host" or "/\\host"). */
export function isBackPath(back: string): boolean {
  return back.length <= 1000 && /^\/(?![/\\])[^\s\\]*$/.test(back);
}

/** The page the language switch returns to: this page for a GET, else the same-origin page it was sent from. */
function backPathOf(req: Request): string {
  const url = new URL(req.url);
  let back = `${url.pathname}${url.search}`;
  if (req.method !== "GET" && req.method !== "HEAD") {
    let referer: URL | null = null;
    try {
      referer = new URL(req.headers.get("Referer") ?? "");
    } catch {}
    back = referer && referer.origin === url.origin ? `${referer.pathname}${referer.search}` : "/";
  }
  return isBackPath(back) && !back.startsWith("/lang") ? back : "/";
}

export function locale(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const chosen = pickLocale(
      getCookie(c, LOCALE_COOKIE),
      c.req.header("Accept-Language") ?? null,
      c.env.MALL_DEFAULT_LOCALE,
    );
    c.set("locale", chosen);
    await withLocale(chosen, next, () => backPathOf(c.req.raw)); // parsed only if a page asks for it
    // Media (images) are the same in every language and stay cacheable as they are.
    if (c.req.path.startsWith("/media/")) return;
    const vary = c.res.headers.get("Vary");
    const have = new Set((vary ?? "").split(",").map((v) => v.trim().toLowerCase()));
    const add = ["Accept-Language", "Cookie"].filter((v) => !have.has(v.toLowerCase()));
    if (add.length > 0) c.res.headers.set("Vary", [vary, ...add].filter(Boolean).join(", "));
  };
}
