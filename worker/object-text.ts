// The edge's side of "objects return codes, not text": a refusal's detail and a ledger reason rendered in
// the request's locale (default: the ambient one, worker/middleware/locale.ts) from the catalogue. The object files (worker/objects, worker/wallet, worker/stock)
// never import views/i18n; object-text-keys.ts checks at compile time that every key they name is in the
// catalogue. No Worker types here, so scripts (reconcile) render the same way.
import { currentLocale, type Locale, type MessageKey, translate } from "../views/i18n";

/** An object's parameters (the shape of worker/objects/refusal.ts TextParams). */
type Params = Record<string, string | number | readonly string[]>;

const render = translate as (locale: Locale, key: string, params?: Record<string, string | number>) => string;

/** A catalogue text with an object's parameters (lists joined the locale's way). */
export function objectText(key: string, params?: Params | null, locale: Locale = currentLocale()): string {
  if (!params) return render(locale, key);
  const sep = render(locale, "common.listSeparator" satisfies MessageKey);
  const flat: Record<string, string | number> = {};
  for (const [name, v] of Object.entries(params)) flat[name] = Array.isArray(v) ? v.join(sep) : (v as string | number);
  return render(locale, key, flat);
}

/** What exactly an object refused, as the member or merchant reads it. */
export function refusalText(f: { detail: string; params?: Params }, locale: Locale = currentLocale()): string {
  return objectText(f.detail, f.params, locale);
}

/** A ledger entry's reason: the wallet's own (a key) rendered, or the caller's text (and every entry written
 *  before reasons were keys) as stored. */
export function ledgerReasonText(
  e: { reason: string; reasonKey: string | null; reasonParams: Params | null },
  locale: Locale = currentLocale(),
): string {
  return e.reasonKey ? objectText(e.reasonKey, e.reasonParams, locale) : e.reason;
}
