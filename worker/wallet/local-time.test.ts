// Merchant-local calendar arithmetic, in workerd's own Intl (the runtime the wallet uses).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  instantOfLocal,
  localDate,
  localMonth,
  localParts,
  offsetAt,
  startOfLocalDay,
  startOfLocalYear,
  startOfNextLocalDay,
  startOfNextLocalMonth,
} from "./local-time";
import { at } from "./test-support";

const SH = "Asia/Shanghai";
const NY = "America/New_York";

describe("local dates", () => {
  it("splits Shanghai days at 16:00Z (23:59 and 00:01 local are different days)", () => {
    expect(localDate(at("2027-03-10T15:59:00Z"), SH)).toBe("2027-03-10");
    expect(localDate(at("2027-03-10T16:00:00Z"), SH)).toBe("2027-03-11");
    expect(localDate(at("2027-03-10T16:01:00Z"), SH)).toBe("2027-03-11");
    expect(localDate(at("2027-03-10T16:00:00Z") - 1, SH)).toBe("2027-03-10");
    expect(localMonth(at("2027-01-31T16:00:00Z"), SH)).toBe("2027-02");
    expect(localParts(at("2027-03-10T16:01:02Z"), SH)).toEqual({
      year: 2027,
      month: 3,
      day: 11,
      hour: 0,
      minute: 1,
      second: 2,
    });
  });

  it("handles half- and quarter-hour offsets", () => {
    expect(localDate(at("2027-06-01T18:29:59Z"), "Asia/Kolkata")).toBe("2027-06-01");
    expect(localDate(at("2027-06-01T18:30:00Z"), "Asia/Kolkata")).toBe("2027-06-02");
    expect(offsetAt(at("2027-06-01T00:00:00Z"), "Asia/Kathmandu")).toBe((5 * 60 + 45) * 60_000);
    expect(startOfLocalDay("2027-06-02", "Asia/Kathmandu")).toBe(at("2027-06-01T18:15:00Z"));
  });

  it("adds calendar days across months, years and leap days", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2027-12-31", 1)).toBe("2028-01-01");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
    expect(addDays("2027-03-01", 30)).toBe("2027-03-31");
  });
});

describe("starts of local days, months and years as UTC instants", () => {
  it("Shanghai (+08:00, no DST)", () => {
    expect(startOfLocalDay("2027-03-11", SH)).toBe(at("2027-03-10T16:00:00Z"));
    expect(startOfNextLocalDay(at("2027-03-10T15:59:00Z"), SH)).toBe(at("2027-03-10T16:00:00Z"));
    expect(startOfNextLocalDay(at("2027-03-10T16:01:00Z"), SH)).toBe(at("2027-03-11T16:00:00Z"));
    // 2027-01-31T16:30Z is Feb 1 00:30 local, so the next month is March.
    expect(startOfNextLocalMonth(at("2027-01-31T16:30:00Z"), SH)).toBe(at("2027-02-28T16:00:00Z"));
    expect(startOfNextLocalMonth(at("2027-01-31T15:30:00Z"), SH)).toBe(at("2027-01-31T16:00:00Z"));
    expect(startOfNextLocalMonth(at("2027-12-15T00:00:00Z"), SH)).toBe(at("2027-12-31T16:00:00Z"));
    expect(startOfLocalYear(2028, SH)).toBe(at("2028-01-01T00:00:00+08:00"));
  });

  it("New York across DST: 23- and 25-hour days, skipped and repeated wall times", () => {
    expect(startOfLocalDay("2026-03-08", NY)).toBe(at("2026-03-08T05:00:00Z")); // EST
    expect(startOfLocalDay("2026-03-09", NY)).toBe(at("2026-03-09T04:00:00Z")); // EDT: a 23-hour day before
    expect(startOfLocalDay("2026-11-02", NY) - startOfLocalDay("2026-11-01", NY)).toBe(25 * 3_600_000);
    // 02:30 does not exist on 2026-03-08: the first instant at or after it is 03:00 EDT.
    expect(instantOfLocal(NY, 2026, 3, 8, 2, 30)).toBe(at("2026-03-08T07:00:00Z"));
    // 01:30 happens twice on 2026-11-01: the earlier (EDT) one.
    expect(instantOfLocal(NY, 2026, 11, 1, 1, 30)).toBe(at("2026-11-01T05:30:00Z"));
    expect(startOfNextLocalMonth(at("2026-10-31T12:00:00Z"), NY)).toBe(at("2026-11-01T04:00:00Z"));
  });

  it("a DST jump at midnight: the day starts at the jump (São Paulo, 2018-11-04 00:00 → 01:00)", () => {
    expect(startOfLocalDay("2018-11-04", "America/Sao_Paulo")).toBe(at("2018-11-04T03:00:00Z"));
    expect(localParts(at("2018-11-04T03:00:00Z"), "America/Sao_Paulo").hour).toBe(1);
    expect(localDate(at("2018-11-04T03:00:00Z") - 1, "America/Sao_Paulo")).toBe("2018-11-03");
    // And the end of DST at midnight (2019-02-17 00:00 → 2019-02-16 23:00): Feb 16 has 25 hours.
    expect(startOfLocalDay("2019-02-17", "America/Sao_Paulo")).toBe(at("2019-02-17T03:00:00Z"));
    expect(
      startOfLocalDay("2019-02-17", "America/Sao_Paulo") - startOfLocalDay("2019-02-16", "America/Sao_Paulo"),
    ).toBe(25 * 3_600_000);
  });

  it("property: every instant lies in [start of its local day, start of the next), in many zones", () => {
    const zones = [
      SH,
      NY,
      "Europe/London",
      "Europe/Berlin",
      "Asia/Kolkata",
      "Australia/Lord_Howe",
      "Pacific/Chatham",
      "America/Sao_Paulo",
      "Pacific/Apia",
      "UTC",
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: at("2000-01-01T00:00:00Z"), max: at("2100-01-01T00:00:00Z") }),
        fc.constantFrom(...zones),
        (t, tz) => {
          const d = localDate(t, tz);
          const start = startOfLocalDay(d, tz);
          const next = startOfNextLocalDay(t, tz);
          expect(start).toBeLessThanOrEqual(t);
          expect(next).toBeGreaterThan(t);
          expect(localDate(start, tz)).toBe(d);
          expect(localDate(next, tz)).toBe(addDays(d, 1));
          expect(localDate(next - 1, tz)).toBe(d);
          const month = startOfNextLocalMonth(t, tz);
          expect(localParts(month, tz).day).toBe(1);
          expect(localMonth(month - 1, tz)).toBe(localMonth(t, tz));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("kept answers (per isolate)", () => {
  it("answer again what Intl answers, and a caller changing its copy changes nothing", () => {
    const zones = ["Asia/Shanghai", "America/Sao_Paulo", "Europe/London", "Australia/Lord_Howe"];
    fc.assert(
      fc.property(
        fc.integer({ min: -2_000_000_000_000, max: 4_000_000_000_000 }),
        fc.constantFrom(...zones),
        (instant, zone) => {
          const f = new Intl.DateTimeFormat("en-US", {
            timeZone: zone,
            hourCycle: "h23",
            year: "numeric",
            month: "numeric",
            day: "numeric",
            hour: "numeric",
            minute: "numeric",
            second: "numeric",
          });
          const want: Record<string, number> = {};
          for (const p of f.formatToParts(new Date(instant))) if (p.type !== "literal") want[p.type] = Number(p.value);
          if (want.hour === 24) want.hour = 0;
          const first = localParts(instant, zone);
          expect(first).toEqual(want);
          first.year = 1;
          expect(localParts(instant, zone)).toEqual(want);
          const day = localDate(instant, zone);
          expect(instantOfLocal(zone, want.year!, want.month!, want.day!)).toBe(startOfLocalDay(day, zone));
        },
      ),
      { numRuns: 300 },
    );
  });
});
