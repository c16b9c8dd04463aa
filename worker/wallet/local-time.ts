// Merchant-local calendar arithmetic on epoch milliseconds, for an IANA time zone, with Intl only.
// "Local date" is YYYY-MM-DD on the merchant's wall clock. Starts of local days, months and years are the
// first instant whose wall-clock time is at or after local midnight: where a DST change skips midnight (e.g.
// America/Sao_Paulo on 2018-11-04, 00:00 → 01:00) that is the instant of the jump; where midnight happens
// twice it is the earlier one.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export type LocalParts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

// formatToParts is the costly step (a wallet's summary asks for the same few instants and day starts many
// times over), and both functions below are pure, so their answers are kept per isolate: plain values in
// bounded maps, emptied when full.
const MEMO_MAX = 1024;

function memo<T>(map: Map<string, T>, key: string, compute: () => T): T {
  const known = map.get(key);
  if (known !== undefined) return known;
  const value = compute();
  if (map.size >= MEMO_MAX) map.clear();
  map.set(key, value);
  return value;
}

const partsMemo = new Map<string, Readonly<LocalParts>>();

function computeParts(instant: number, timeZone: string): LocalParts {
  const out: LocalParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) {
    if (p.type in out) out[p.type as keyof LocalParts] = Number(p.value);
  }
  if (out.hour === 24) out.hour = 0; // some engines still print midnight as 24 with h23
  return out;
}

/** The wall-clock fields of `instant` in `timeZone` (seconds resolution). */
export function localParts(instant: number, timeZone: string): LocalParts {
  const second = Math.floor(instant / 1000);
  return { ...memo(partsMemo, `${timeZone}|${second}`, () => computeParts(second * 1000, timeZone)) };
}

/** UTC offset in milliseconds (local wall clock − UTC) that applies at `instant`. */
export function offsetAt(instant: number, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

export function formatDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export function parseDate(date: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** Merchant-local date (YYYY-MM-DD) of an instant. */
export function localDate(instant: number, timeZone: string): string {
  const p = localParts(instant, timeZone);
  return formatDate(p.year, p.month, p.day);
}

/** Merchant-local month (YYYY-MM) of an instant; compares chronologically as a string. */
export function localMonth(instant: number, timeZone: string): string {
  return localDate(instant, timeZone).slice(0, 7);
}

/** Calendar arithmetic on a YYYY-MM-DD date (no time zone involved). */
export function addDays(date: string, days: number): string {
  const { year, month, day } = parseDate(date);
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * The first instant at which the wall clock in `timeZone` reads the given local time or later. Fields may
 * overflow (month 13 = January of the next year), as with Date.UTC.
 */
export function instantOfLocal(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
): number {
  return memo(instantMemo, `${timeZone}|${year}|${month}|${day}|${hour}|${minute}`, () =>
    computeInstant(timeZone, year, month, day, hour, minute),
  );
}

const instantMemo = new Map<string, number>();

function computeInstant(timeZone: string, year: number, month: number, day: number, hour: number, minute: number) {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // Any real offset lies within a day of the wall time; sampling the offsets a day either side and at the wall
  // time itself covers both sides of a transition near it.
  const offsets = new Set([
    offsetAt(wall - DAY_MS, timeZone),
    offsetAt(wall, timeZone),
    offsetAt(wall + DAY_MS, timeZone),
  ]);
  const candidates = [...offsets].map((o) => wall - o);
  const exact = candidates.filter((t) => offsetAt(t, timeZone) === wall - t);
  if (exact.length > 0) return Math.min(...exact);
  // The wall time falls in a gap (clocks jumped over it): the answer is the instant of the jump, the first
  // instant whose wall clock is past `wall`. Search between the candidates.
  let lo = Math.min(...candidates);
  let hi = Math.max(...candidates);
  const past = (t: number) => t + offsetAt(t, timeZone) > wall;
  if (!past(hi)) return hi; // not a simple gap (should not happen); best effort
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (past(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** First instant of a local date. */
export function startOfLocalDay(date: string, timeZone: string): number {
  const { year, month, day } = parseDate(date);
  return instantOfLocal(timeZone, year, month, day);
}

/** First instant of the local day after the one containing `instant`. */
export function startOfNextLocalDay(instant: number, timeZone: string): number {
  return startOfLocalDay(addDays(localDate(instant, timeZone), 1), timeZone);
}

/** First instant of the local month after the one containing `instant`. */
export function startOfNextLocalMonth(instant: number, timeZone: string): number {
  const p = localParts(instant, timeZone);
  return instantOfLocal(timeZone, p.year, p.month + 1, 1);
}

/** First instant of a local year (January 1, 00:00 local). */
export function startOfLocalYear(year: number, timeZone: string): number {
  return instantOfLocal(timeZone, year, 1, 1);
}

/** Throws a RangeError for a time zone Intl does not know. */
export function assertTimeZone(timeZone: string): void {
  formatter(timeZone);
}
