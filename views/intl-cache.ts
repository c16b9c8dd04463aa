// Intl formatters are costly to build (a profile of 我的积分 put 24% of its CPU in `new Intl.DateTimeFormat`)
// and immutable once built, so each (locale, options) pair is built once per isolate and reused.
// Options objects are keyed by their JSON, so callers may pass fresh literals.

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/** A shared `Intl.DateTimeFormat` for (locale, options); throws RangeError for an unknown time zone, like the constructor. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = dateTimeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    dateTimeFormats.set(key, f);
  }
  return f;
}

/** A shared `Intl.NumberFormat` for (locale, options). */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, f);
  }
  return f;
}
