// The rules document's parser: per-source daily caps, and documents stored before them (one shared
// `nonPurchase` cap) migrated to something sensible.
import { describe, expect, it } from "vitest";
import { DEFAULT_DAILY_CAPS, parseRules } from "./rules";

describe("rules: daily caps per source", () => {
  it("defaults: the member-driven sources 100 each, the trusted ones (code, other) uncapped", () => {
    expect(parseRules({}).dailyCaps).toEqual({ checkin: 100, task: 100, referral: 100, code: null, other: null });
    expect(parseRules({}).dailyCaps).toEqual(DEFAULT_DAILY_CAPS);
  });

  it("a stored nonPurchase cap caps each member-driven source and leaves the trusted ones uncapped", () => {
    expect(parseRules({ dailyCaps: { nonPurchase: 40 } }).dailyCaps).toEqual({
      checkin: 40,
      task: 40,
      referral: 40,
      code: null,
      other: null,
    });
    expect(parseRules({ dailyCaps: { nonPurchase: null } }).dailyCaps).toEqual({
      checkin: null,
      task: null,
      referral: null,
      code: null,
      other: null,
    });
    // per-source keys beside it win
    expect(parseRules({ dailyCaps: { nonPurchase: 40, other: 7 } }).dailyCaps.other).toBe(7);
  });

  it("a partial per-source document keeps the defaults for the rest; bad caps are refused", () => {
    expect(parseRules({ dailyCaps: { other: 500 } }).dailyCaps).toEqual({ ...DEFAULT_DAILY_CAPS, other: 500 });
    expect(() => parseRules({ dailyCaps: { task: -1 } })).toThrow();
    expect(() => parseRules({ dailyCaps: { task: 1.5 } })).toThrow();
  });
});
