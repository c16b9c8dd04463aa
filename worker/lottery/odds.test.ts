// The odds the page publishes are the odds the object draws with: 100,000 picks inside the object (its own
// picker over its own stock, outside the request path), tested with Pearson's chi-square against the
// published table — before and after a prize sells out (the rest share its weight).
import { describe, expect, it } from "vitest";
import { memberWith, mallRules } from "../redeem/test-support";
import { uniformBelow } from "./pick";
import { drawInput, newLottery } from "./test-support";

/** Critical values of chi-square at p = 0.0001 by degrees of freedom (a correct picker fails 1 run in 10,000). */
const CRITICAL: Record<number, number> = { 1: 15.14, 2: 18.42, 3: 21.11, 4: 23.51 };

function chiSquare(counts: Record<string, number>, odds: Map<string, number>, n: number) {
  let chi = 0;
  let cells = 0;
  for (const [id, p] of odds) {
    if (p === 0) {
      expect(counts[id] ?? 0, `prize ${id} has no odds and was drawn`).toBe(0);
      continue;
    }
    const expected = n * p;
    chi += ((counts[id] ?? 0) - expected) ** 2 / expected;
    cells++;
  }
  return { chi, df: cells - 1 };
}

describe("published odds", () => {
  it("100,000 draws in the object fit the published odds (chi-square, p = 0.0001), also after a sell-out", async () => {
    const { v, stub } = newLottery({
      dailyLimit: 100_000,
      costPoints: 0,
      prizes: [
        { name: "头奖", kind: "points", points: 1, itemId: null, weight: 1, stock: 1 },
        { name: "二等奖", kind: "points", points: 1, itemId: null, weight: 7, stock: null },
        { name: "三等奖", kind: "points", points: 1, itemId: null, weight: 30, stock: null },
        { name: "四等奖", kind: "points", points: 1, itemId: null, weight: 62, stock: null },
        { name: "谢谢参与", kind: "none", points: null, itemId: null, weight: 900, stock: null },
      ],
    });
    const N = 100_000;
    const published = await stub.status(v);
    const odds = new Map(published.prizes.map((p) => [p.id, p.odds]));
    expect([...odds.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(odds.get(published.prizes[0]!.id)).toBeCloseTo(1 / 1000, 12);
    const counts = await stub.sample(N);
    const before = chiSquare(counts, odds, N);
    expect(before.df).toBe(4);
    expect(before.chi).toBeLessThan(CRITICAL[4]!);

    // Draw until the one 头奖 is gone (cost 0: free for the test), then the table and the picks change together.
    const rules = await mallRules();
    const uid = await memberWith(0, "odds");
    let won = false;
    // At 1/1000 a draw, 20,000 draws miss it with probability 2·10⁻⁹.
    for (let i = 0; i < 20_000 && !won; i++) {
      const r = await stub.draw(drawInput(v, uid, rules));
      won = r.ok && r.draw.prize?.name === "头奖";
    }
    expect(won).toBe(true);
    const after = await stub.status(v);
    const odds2 = new Map(after.prizes.map((p) => [p.id, p.odds]));
    expect(odds2.get(after.prizes[0]!.id)).toBe(0);
    expect(odds2.get(after.prizes[4]!.id)).toBeCloseTo(900 / 999, 12);
    const counts2 = await stub.sample(N);
    const afterChi = chiSquare(counts2, odds2, N);
    expect(afterChi.df).toBe(3);
    expect(afterChi.chi).toBeLessThan(CRITICAL[3]!);
  }, 300_000);

  it("uniformBelow has no modulo bias: a range that does not divide 2^32 is still uniform", () => {
    // n = 3 · 2^30: with a plain modulo, values below 2^30 would come up twice as often as the rest.
    const n = 3 * 2 ** 30;
    const third = 2 ** 30;
    const counts = [0, 0, 0];
    const N = 60_000;
    for (let i = 0; i < N; i++) counts[Math.floor(uniformBelow(n) / third)]!++;
    const chi = counts.reduce((s, c) => s + (c - N / 3) ** 2 / (N / 3), 0);
    expect(chi).toBeLessThan(CRITICAL[2]!);
  });
});
