import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime } from "./format";
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
});
