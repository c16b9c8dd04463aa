// The edge's side of "objects return codes, not text": a refusal's detail (and, in ./ledger-text.ts, a
// ledger reason) rendered in the request's locale from the catalogue. The object files (worker/objects,
// worker/wallet, worker/stock) never import views/i18n; the keys they name are checked against the
// catalogue here at compile time.
import { DEFAULT_LOCALE, type Locale, type MessageKey, translate } from "../views/i18n";
import type { Refusal, TextParams } from "./objects/refusal";
import type { StockDetail } from "./stock/types";
import type { WalletDetail } from "./wallet/types";

// A detail key the catalogue does not have fails the typecheck here.
type ObjectTextKey = WalletDetail | StockDetail;
const everyKeyInCatalogue: ObjectTextKey extends MessageKey ? true : never = true;
void everyKeyInCatalogue;

const render = translate as (locale: Locale, key: MessageKey, params?: Record<string, string | number>) => string;

/** A catalogue text with an object's parameters (lists joined the locale's way). */
export function objectText(
  key: ObjectTextKey | MessageKey,
  params?: TextParams,
  locale: Locale = DEFAULT_LOCALE,
): string {
  if (!params) return render(locale, key as MessageKey);
  const sep = render(locale, "common.listSeparator");
  const flat: Record<string, string | number> = {};
  for (const [name, v] of Object.entries(params)) flat[name] = Array.isArray(v) ? v.join(sep) : (v as string | number);
  return render(locale, key as MessageKey, flat);
}

/** What exactly an object refused, as the member or merchant reads it. */
export function refusalText(f: Refusal<string, ObjectTextKey>, locale: Locale = DEFAULT_LOCALE): string {
  return objectText(f.detail, f.params, locale);
}
