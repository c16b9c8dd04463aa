// Pure formatting helpers shared by the views (and usable by the Worker for messages).
import { currentLocale, type Locale, t } from "./i18n";
import { dateTimeFormat } from "./intl-cache";
import type { FlashSaleView } from "./components/flash-sale-strip";
import type { ItemCardView } from "./components/item-card";

/** 1000 fen -> "¥10.00" (integer maths, no float rounding). */
export function formatYuan(fen: number): string {
  const abs = Math.abs(Math.round(fen));
  const yuan = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
  return t("price.yuan", { yuan: fen < 0 ? `-${yuan}` : yuan });
}

/** "300 积分", or "300 积分 + ¥10.00" when part of the price is cash. */
export function formatPointsPrice(points: number, cashFen: number): string {
  return cashFen > 0 ? t("price.pointsCash", { points, cash: formatYuan(cashFen) }) : t("price.points", { points });
}

/**
 * Remaining milliseconds as "HH:MM:SS" (hours keep counting past 24: "71:59:59").
 * Rounds up to whole seconds so the clock shows 00:00:00 exactly when the moment arrives.
 */
export function formatCountdown(remainingMs: number): string {
  const total = Math.max(0, Math.ceil(remainingMs / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return [h, m, s].map((n) => String(n).padStart(2, "0")).join(":");
}

/** Stock badge text: "库存 23" / "仅剩 3 件" / "已兑完". */
export function formatStock(item: Pick<ItemCardView, "stock" | "stockState">): string {
  switch (item.stockState) {
    case "sold_out":
      return t("stock.soldOut");
    case "low":
      return t("stock.low", { stock: item.stock });
    default:
      return t("stock.inStock", { stock: item.stock });
  }
}

export type FlashCountdown =
  | { kind: "ended"; text: string }
  | {
      kind: "upcoming" | "live";
      /** "距开始" / "距结束" */
      label: string;
      /** epoch ms the clock counts down to */
      target: number;
      /** initial "HH:MM:SS" computed from the server's `now` */
      clock: string;
      /** what replaces label + clock when it reaches zero */
      doneText: string;
    };

/** The flash-sale clock as of `flash.now` (pure: no Date.now()). */
export function flashCountdown(flash: Pick<FlashSaleView, "state" | "startsAt" | "endsAt" | "now">): FlashCountdown {
  if (flash.state === "upcoming") {
    return {
      kind: "upcoming",
      label: t("flash.startsIn"),
      target: flash.startsAt,
      clock: formatCountdown(flash.startsAt - flash.now),
      doneText: t("flash.started"),
    };
  }
  if (flash.state === "live") {
    return {
      kind: "live",
      label: t("flash.endsIn"),
      target: flash.endsAt,
      clock: formatCountdown(flash.endsAt - flash.now),
      doneText: t("flash.ended"),
    };
  }
  return { kind: "ended", text: t("flash.ended") };
}

function parts(ms: number, timeZone: string): Record<string, string> {
  const fmt = dateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  return Object.fromEntries(fmt.formatToParts(ms).map((p) => [p.type, p.value]));
}

// isoDate and isoDateTime are pure functions of (instant, zone), and a page asks them for the same instants
// again and again (我的积分's ledger rows, on every view of it; formatToParts is the costly step): answers
// kept per isolate as plain strings in a bounded map, emptied when full.
const ISO_MEMO_MAX = 2048;
const isoMemo = new Map<string, string>();

function memoIso(key: string, compute: () => string): string {
  const known = isoMemo.get(key);
  if (known !== undefined) return known;
  const value = compute(); // (an unknown zone throws here, and nothing is kept)
  if (isoMemo.size >= ISO_MEMO_MAX) isoMemo.clear();
  isoMemo.set(key, value);
  return value;
}

/** "2026-11-23" in the given time zone, whatever the language: for files and fields machines read (CSV). */
export function isoDate(ms: number, timeZone: string): string {
  return memoIso(`d|${timeZone}|${ms}`, () => {
    const p = parts(ms, timeZone);
    return `${p.year}-${p.month}-${p.day}`;
  });
}

/** "2026-11-23 14:05" in the given time zone, whatever the language (CSV). */
export function isoDateTime(ms: number, timeZone: string): string {
  return memoIso(`t|${timeZone}|${ms}`, () => {
    const p = parts(ms, timeZone);
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
  });
}

// How people read a date in each language, through Intl: zh-CN keeps the mall's 2026-11-23 14:05; Taiwan and
// Hong Kong write 2026/11/23 14:05; English reads Nov 23, 2026, 2:05 PM.
const DATE_STYLE: Record<Exclude<Locale, "zh-CN">, [string, Intl.DateTimeFormatOptions]> = {
  "zh-Hant": ["zh-TW", { year: "numeric", month: "2-digit", day: "2-digit" }],
  en: ["en-US", { year: "numeric", month: "short", day: "numeric" }],
};
const TIME_STYLE: Record<Exclude<Locale, "zh-CN">, Intl.DateTimeFormatOptions> = {
  "zh-Hant": { hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
  en: { hour: "numeric", minute: "2-digit", hour12: true },
};

/** A day in the given time zone as the page's language writes it: "2026-11-23" / "2026/11/23" / "Nov 23, 2026". */
export function formatDate(ms: number, timeZone: string): string {
  const locale = currentLocale();
  if (locale === "zh-CN") return isoDate(ms, timeZone);
  const [tag, options] = DATE_STYLE[locale];
  return dateTimeFormat(tag, { ...options, timeZone }).format(ms);
}

/** A moment in the given time zone as the page's language writes it: "2026-11-23 14:05" / "2026/11/23 14:05" /
 *  "Nov 23, 2026, 2:05 PM". */
export function formatDateTime(ms: number, timeZone: string): string {
  const locale = currentLocale();
  if (locale === "zh-CN") return isoDateTime(ms, timeZone);
  const [tag, options] = DATE_STYLE[locale];
  return dateTimeFormat(tag, { ...options, ...TIME_STYLE[locale], timeZone }).format(ms);
}

/** Signed points for the ledger: "+10" / "-300". */
export function formatSignedPoints(amount: number): string {
  return amount > 0 ? `+${amount}` : String(amount);
}

/** The last local day points are usable: an expiry instant of 2028-01-01 00:00 shows as "2027-12-31". */
export function formatLastValidDay(expiresAt: number, timeZone: string): string {
  return formatDate(expiresAt - 1, timeZone);
}

/** The Intl tag a locale formats with. */
export function intlTag(locale: Locale = currentLocale()): string {
  return locale === "en" ? "en-US" : locale === "zh-Hant" ? "zh-TW" : "zh-CN";
}

/** A calendar month: "2026 年 11 月" / "2026年11月" / "November 2026". */
export function formatMonth(year: number, month: number): string {
  const locale = currentLocale();
  if (locale === "zh-CN") return `${year} 年 ${month} 月`;
  return dateTimeFormat(intlTag(locale), { year: "numeric", month: "long", timeZone: "UTC" }).format(
    Date.UTC(year, month - 1, 15),
  );
}

/** A day of a month: "11月23日" / "11月23日" / "November 23". */
export function formatMonthDay(month: number, day: number): string {
  const locale = currentLocale();
  if (locale === "zh-CN") return `${month}月${day}日`;
  return dateTimeFormat(intlTag(locale), { month: "long", day: "numeric", timeZone: "UTC" }).format(
    Date.UTC(2024, month - 1, day),
  );
}

// The names depend on the language only (the check-in calendar asks on every render of 我的积分).
const weekdays = new Map<string, readonly string[]>();

/** Monday-first narrow weekday names: 一 二 … 日 / 一 二 … 日 / M T W … S. */
export function weekdayNames(): readonly string[] {
  const tag = intlTag();
  let names = weekdays.get(tag);
  if (!names) {
    const f = dateTimeFormat(tag, { weekday: "narrow", timeZone: "UTC" });
    // 2024-01-01 was a Monday
    names = Object.freeze(Array.from({ length: 7 }, (_, i) => f.format(Date.UTC(2024, 0, 1 + i))));
    weekdays.set(tag, names);
  }
  return names;
}
