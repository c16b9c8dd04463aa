import { describe, expect, it } from "vitest";
import { describeDifference, diffMember, seqOfEntryId, type Entry } from "./reconcile-diff";

const e = (seq: number, over: Partial<Entry> = {}): Entry => ({
  seq,
  kind: "earned",
  amount: 10,
  balanceAfter: 10 * seq,
  reason: "r",
  source: "purchase",
  ref: `ref-${seq}`,
  createdAt: 1_700_000_000_000 + seq,
  ...over,
});

describe("reconcile diff", () => {
  it("finds nothing when the projection equals the wallet", () => {
    const entries = [e(1), e(2), e(3)];
    expect(diffMember("u", { balance: 30, entries }, { balance: 30, entries: [...entries].reverse() })).toEqual([]);
  });

  it("reports a balance mismatch, missing, extra and different entries, one line each", () => {
    const diffs = diffMember(
      "u:1",
      { balance: 30, entries: [e(1), e(2), e(3)] },
      { balance: 20, entries: [e(1), e(2, { amount: 11, reason: "x" }), e(4)] },
    );
    expect(diffs.map((d) => d.what)).toEqual(["balance", "different", "missing", "extra"]);
    const lines = diffs.map(describeDifference);
    expect(lines[0]).toBe("u:1  balance: wallet 30, projection 20");
    expect(lines[1]).toContain('#2 differs: amount wallet 10 ≠ projection 11, reason wallet "r" ≠ projection "x"');
    expect(lines[2]).toContain("#3 missing from ledger_projection");
    expect(lines[3]).toContain("#4 extra in ledger_projection");
    expect(diffMember("u", { balance: 5, entries: [e(1)] }, { balance: null, entries: [e(1)] })[0]).toMatchObject({
      what: "balance",
      projection: null,
    });
    // A wallet that never wrote anything has nothing to project.
    expect(diffMember("u", { balance: 0, entries: [] }, { balance: null, entries: [] })).toEqual([]);
  });

  it("reads the seq from an entry id whose uid contains colons", () => {
    expect(seqOfEntryId("wx:o-123:17")).toBe(17);
    expect(() => seqOfEntryId("nope")).toThrow();
  });
});
