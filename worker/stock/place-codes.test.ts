// Where a sharded coupon item's new codes go (place-codes.ts): to the shard lacking codes most.
import { describe, expect, it } from "vitest";
import { normalizeCodes, placeNew } from "./place-codes";

describe("placeNew", () => {
  it("fills each shard's lack of codes first, then spreads the spare ones from the first shard", () => {
    expect(placeNew([2, 1, 0], 8)).toEqual([0, 0, 1, 0, 1, 2, 0, 1]);
    expect(placeNew([0, 0, 0, 0], 6)).toEqual([0, 1, 2, 3, 0, 1]); // the remainder to the first shards
    expect(placeNew([-3, 2], 3)).toEqual([1, 1, 1]); // shard 0 has codes to spare
  });

  it("places as many codes as asked, each shard's count the lack it had at most while others lack more", () => {
    const need = [5, 0, 7, 3];
    const to = placeNew(need, 15);
    const per = need.map((_, k) => to.filter((s) => s === k).length);
    expect(per).toEqual([5, 0, 7, 3]);
  });
});

describe("normalizeCodes", () => {
  it("trims, drops blanks, counts repeats and invalid ones (over 64 characters, not strings)", () => {
    expect(normalizeCodes([" A1 ", "A1", "", "  ", "B2", "x".repeat(65), 7, null, "A1\t"])).toEqual({
      codes: ["A1", "B2"],
      repeats: 2,
      invalid: 3,
    });
  });
});
