import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, isoDate, isoDateTime, weekdayNames } from "./format";
import { withLocale } from "./i18n";
import { dateTimeFormat, numberFormat } from "./intl-cache";

describe("intl-cache", () => {
  it("builds one formatter per (locale, options) and reuses it for equal fresh option objects", () => {
    const a = dateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric" });
    const b = dateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric" });
    expect(b).toBe(a);
    expect(dateTimeFormat("en-CA", { timeZone: "UTC", year: "numeric" })).not.toBe(a);
    expect(dateTimeFormat("en-US", { timeZone: "Asia/Shanghai", year: "numeric" })).not.toBe(a);
    expect(numberFormat("en-US")).toBe(numberFormat("en-US"));
    expect(numberFormat("en-US").format(1234567)).toBe("1,234,567");
  });

  it("keeps each zone's own answer when several zones are used in turn", () => {
    const ms = Date.UTC(2026, 10, 23, 20, 5); // 2026-11-23 20:05 UTC
    expect(formatDateTime(ms, "Asia/Shanghai")).toBe("2026-11-24 04:05");
    expect(formatDateTime(ms, "UTC")).toBe("2026-11-23 20:05");
    expect(formatDate(ms, "America/Los_Angeles")).toBe("2026-11-23");
    expect(formatDateTime(ms, "Asia/Shanghai")).toBe("2026-11-24 04:05");
  });

  it("still refuses an unknown time zone, and caches nothing for it", () => {
    expect(() => dateTimeFormat("en-US", { timeZone: "Not/AZone" })).toThrow(RangeError);
    expect(() => dateTimeFormat("en-US", { timeZone: "Not/AZone" })).toThrow(RangeError);
  });

  it("answers isoDate/isoDateTime from its memo exactly as computed: per zone, per instant, a DST change, an unknown zone", () => {
    const fresh = (ms: number, timeZone: string) => {
      const p = Object.fromEntries(
        new Intl.DateTimeFormat("en-CA", {
          timeZone,
          year: "numeric",
          month: "2-digit",
          day: "2-digit",
          hour: "2-digit",
          minute: "2-digit",
          hourCycle: "h23",
        })
          .formatToParts(ms)
          .map((x) => [x.type, x.value]),
      );
      return [`${p.year}-${p.month}-${p.day}`, `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`];
    };
    // New York's 2026-11-01 01:59:59.999 EDT, then 01:00 EST one millisecond later
    const fallBack = Date.UTC(2026, 10, 1, 6, 0) - 1;
    const instants = [0, Date.UTC(2026, 10, 23, 15, 59, 59, 999), Date.UTC(2026, 10, 23, 16), fallBack, fallBack + 1];
    for (let round = 0; round < 2; round++)
      for (const ms of instants)
        for (const zone of ["Asia/Shanghai", "UTC", "America/New_York"]) {
          const [day, time] = fresh(ms, zone);
          expect(isoDate(ms, zone), `${zone} ${ms}`).toBe(day);
          expect(isoDateTime(ms, zone), `${zone} ${ms}`).toBe(time);
        }
    expect(isoDateTime(fallBack, "America/New_York")).toBe("2026-11-01 01:59");
    expect(isoDateTime(fallBack + 1, "America/New_York")).toBe("2026-11-01 01:00");
    expect(() => isoDateTime(0, "Not/AZone")).toThrow(RangeError);
    expect(() => isoDateTime(0, "Not/AZone")).toThrow(RangeError);
  });

  it("keeps each language's weekday names, Monday first, whichever language asked first", () => {
    for (let i = 0; i < 2; i++) {
      expect(withLocale("en", () => weekdayNames())).toEqual(["M", "T", "W", "T", "F", "S", "S"]);
      expect(withLocale("zh-CN", () => weekdayNames())).toEqual(["一", "二", "三", "四", "五", "六", "日"]);
      expect(withLocale("zh-Hant", () => weekdayNames())).toEqual(["一", "二", "三", "四", "五", "六", "日"]);
    }
  });
});
