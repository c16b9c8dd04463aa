// The purchase → points conversion (the integer guards are the kernel's: worker/objects/guards.ts).

const SCALE = 1_000_000n;
const scaled = (x: number) => BigInt(Math.round(x * 1_000_000));

/**
 * floor(amountFen / 100 × pointsPerYuan × multiplier), computed exactly: the two rates are taken to 6
 * decimals as integers, so 1.15 × 100 fen gives 1, not 0.99999… → 0, and no float error can round down.
 */
export function pointsForPurchase(amountFen: number, pointsPerYuan: number, multiplier: number): number {
  const p = (BigInt(amountFen) * scaled(pointsPerYuan) * scaled(multiplier)) / (100n * SCALE * SCALE);
  return p > BigInt(Number.MAX_SAFE_INTEGER) ? Number.POSITIVE_INFINITY : Number(p);
}

/** floor(points × multiplier), exactly (the multiplier taken to 6 decimals, as above). */
export function multiplyPoints(points: number, multiplier: number): number {
  if (multiplier === 1) return points;
  const p = (BigInt(points) * scaled(multiplier)) / SCALE;
  return p > BigInt(Number.MAX_SAFE_INTEGER) ? Number.POSITIVE_INFINITY : Number(p);
}
