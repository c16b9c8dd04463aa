// When a lot expires under each policy, on the merchant's local calendar.
import { describe, expect, it } from "vitest";
import { expiresAtFor } from "./expiry-policy";
import { DAY, SHANGHAI, at } from "./test-support";

const sh = (expiry: Parameters<typeof expiresAtFor>[1]["expiry"], timeZone = SHANGHAI) => ({ expiry, timeZone });

describe("expiresAtFor", () => {
  it("never and days", () => {
    expect(expiresAtFor(at("2027-05-01T10:00:00Z"), sh({ kind: "never" }))).toBeNull();
    expect(expiresAtFor(at("2027-05-01T10:00:00Z"), sh({ kind: "days", days: 30 }))).toBe(at("2027-05-31T10:00:00Z"));
    expect(expiresAtFor(at("2027-05-01T10:00:00Z"), sh({ kind: "days", days: 1 }))).toBe(
      at("2027-05-01T10:00:00Z") + DAY,
    );
  });

  it("end_of_month: the first instant of the next local month", () => {
    // Jan 31 23:59 in Shanghai → Feb 1 00:00 local, one minute later.
    expect(expiresAtFor(at("2027-01-31T15:59:00Z"), sh({ kind: "end_of_month" }))).toBe(
      at("2027-02-01T00:00:00+08:00"),
    );
    // 16:00Z on Jan 31 is already Feb 1 locally → the end of February.
    expect(expiresAtFor(at("2027-01-31T16:00:00Z"), sh({ kind: "end_of_month" }))).toBe(
      at("2027-03-01T00:00:00+08:00"),
    );
    expect(expiresAtFor(at("2027-12-10T00:00:00Z"), sh({ kind: "end_of_month" }))).toBe(
      at("2028-01-01T00:00:00+08:00"),
    );
    // New York, across the DST change: March 1 local is still EST.
    expect(expiresAtFor(at("2027-02-20T12:00:00Z"), sh({ kind: "end_of_month" }, "America/New_York"))).toBe(
      at("2027-03-01T00:00:00-05:00"),
    );
  });

  it("end_of_year K: earned in local year Y → the first instant of local year Y + K + 1", () => {
    // The brief's edge: 2026-12-31 23:30 in Shanghai, K = 1 → 2028-01-01 00:00 +08:00 (the end of 2027).
    expect(expiresAtFor(at("2026-12-31T15:30:00Z"), sh({ kind: "end_of_year", years: 1 }))).toBe(
      at("2028-01-01T00:00:00+08:00"),
    );
    // 30 minutes later it is 2027 locally → one more year.
    expect(expiresAtFor(at("2026-12-31T16:30:00Z"), sh({ kind: "end_of_year", years: 1 }))).toBe(
      at("2029-01-01T00:00:00+08:00"),
    );
    expect(expiresAtFor(at("2027-06-01T00:00:00Z"), sh({ kind: "end_of_year", years: 0 }))).toBe(
      at("2028-01-01T00:00:00+08:00"),
    );
    expect(expiresAtFor(at("2027-06-01T00:00:00Z"), sh({ kind: "end_of_year", years: 3 }))).toBe(
      at("2031-01-01T00:00:00+08:00"),
    );
    // The same instant in New York is still 2026-12-31 10:30 → 2028-01-01 00:00 -05:00.
    expect(expiresAtFor(at("2026-12-31T15:30:00Z"), sh({ kind: "end_of_year", years: 1 }, "America/New_York"))).toBe(
      at("2028-01-01T00:00:00-05:00"),
    );
  });
});
