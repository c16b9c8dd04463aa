// Tiers from points earned in the last 12 months: up at 2,000 (gold) and 10,000 (diamond), down when
// earnings age out (recalcTier, the first call of a later month, and the alarm on the real clock), reversals
// no longer counting, and the multiplier following the tier.
import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { balanceProjection } from "../../db/schema";
import { DAY, at, expectHealthy, newWallet, rules } from "./test-support";

const T0 = at("2091-01-15T04:00:00Z");

describe("tiers", () => {
  it("rise at the thresholds, with progress to the next tier", async () => {
    const { uid, stub } = newWallet();
    const r = rules();
    const earn = (ref: string, points: number) =>
      stub.earn({ uid, ref, reason: ref, source: "purchase", points, now: T0, rules: r });
    await earn("a", 1999);
    let s = await stub.summary({ uid, now: T0, rules: r });
    expect(s.tier).toEqual({ key: "standard", name: "普通", multiplier: 1, threshold: 0 });
    expect(s.nextTier).toEqual({ key: "gold", name: "黄金", multiplier: 1.2, threshold: 2000, remaining: 1 });
    expect(s.earnedLast12Months).toBe(1999);
    await earn("b", 1);
    s = await stub.summary({ uid, now: T0, rules: r });
    expect(s.tier.key).toBe("gold");
    expect(s.nextTier).toMatchObject({ key: "diamond", remaining: 8000 });
    await earn("c", 7999);
    expect((await stub.summary({ uid, now: T0, rules: r })).tier.key).toBe("gold");
    await earn("d", 1);
    s = await stub.summary({ uid, now: T0, rules: r });
    expect(s.tier).toMatchObject({ key: "diamond", multiplier: 1.5 });
    expect(s.nextTier).toBeNull();
    // Spending does not lower the tier: it counts points earned, not held.
    await stub.deduct({ uid, ref: "spend", reason: "x", points: 9000, now: T0, rules: r });
    expect((await stub.summary({ uid, now: T0, rules: r })).tier.key).toBe("diamond");
  });

  it("fall after 12 months via recalcTier, and the multiplier follows", async () => {
    const { uid, stub } = newWallet();
    const r = rules({ expiry: { kind: "never" } });
    await stub.earn({ uid, ref: "old", reason: "old", source: "purchase", points: 1500, now: T0, rules: r });
    await stub.earn({
      uid,
      ref: "mid",
      reason: "mid",
      source: "purchase",
      points: 1000,
      now: T0 + 200 * DAY,
      rules: r,
    });
    expect((await stub.summary({ uid, now: T0 + 200 * DAY, rules: r })).tier.key).toBe("gold");
    expect(await stub.recalcTier(T0 + 364 * DAY)).toMatchObject({
      tier: { key: "gold" },
      earnedLast12Months: 2500,
      changed: false,
    });
    // The window is (now − 365 days, now]: at exactly 365 days the first earning is out.
    expect(await stub.recalcTier(T0 + 365 * DAY)).toMatchObject({
      tier: { key: "standard" },
      earnedLast12Months: 1000,
      changed: true,
    });
    const buy = await stub.earn({
      uid,
      ref: "buy",
      reason: "buy",
      source: "purchase",
      amountFen: 10_000,
      now: T0 + 366 * DAY,
      rules: r,
    });
    expect(buy).toMatchObject({ ok: true, earned: 100 }); // ×1 again
    expect((await stub.summary({ uid, now: T0 + 366 * DAY, rules: r })).earnedLast12Months).toBe(1100);
    await expectHealthy(stub, T0 + 366 * DAY);
  });

  it("fall on the first call of a later local month, without recalcTier", async () => {
    const { uid, stub } = newWallet();
    const r = rules({ expiry: { kind: "never" } });
    await stub.earn({ uid, ref: "e", reason: "e", source: "purchase", points: 2500, now: T0, rules: r });
    // 2092-01-10 (a later month: recalculated) — the earning of 2091-01-15 is still inside the window.
    expect((await stub.summary({ uid, now: at("2092-01-10T04:00:00Z"), rules: r })).tier.key).toBe("gold");
    // 2092-02-01 local: a new month, the earning is out of the window.
    const s = await stub.summary({ uid, now: at("2092-02-01T04:00:00Z"), rules: r });
    expect(s.tier.key).toBe("standard");
    expect(s.earnedLast12Months).toBe(0);
    expect(s.balance).toBe(2500);
  });

  it("reversed points no longer count toward the tier", async () => {
    const { uid, stub } = newWallet();
    const r = rules();
    await stub.earn({ uid, ref: "e1", reason: "e1", source: "purchase", points: 2100, now: T0, rules: r });
    expect((await stub.summary({ uid, now: T0, rules: r })).tier.key).toBe("gold");
    await stub.reverse({ uid, ref: "rv1", earnRef: "e1", reason: "退货", now: T0, rules: r });
    const s = await stub.summary({ uid, now: T0, rules: r });
    expect([s.tier.key, s.earnedLast12Months, s.balance]).toEqual(["standard", 0, 0]);
  });

  it("uses the merchant's tiers in any order", async () => {
    const { uid, stub } = newWallet();
    const r = rules({
      tiers: [
        { key: "vip", name: "VIP", threshold: 500, multiplier: 2 },
        { key: "basic", name: "基础", threshold: 0, multiplier: 1 },
      ],
    });
    await stub.earn({ uid, ref: "e", reason: "e", source: "purchase", points: 500, now: T0, rules: r });
    expect(
      await stub.earn({ uid, ref: "b", reason: "b", source: "purchase", amountFen: 1050, now: T0, rules: r }),
    ).toMatchObject({ earned: 21 });
    expect((await stub.summary({ uid, now: T0, rules: r })).tier.key).toBe("vip");
  });

  it("the alarm (real clock) recalculates monthly: a tier earned over a year ago falls and Turso learns it", async () => {
    const { uid, stub } = newWallet();
    const r = rules({ expiry: { kind: "never" } });
    const longAgo = Date.now() - 400 * DAY;
    await stub.earn({ uid, ref: "e", reason: "e", source: "purchase", points: 3000, now: longAgo, rules: r });
    expect((await stub.summary({ uid, now: longAgo, rules: r })).tier.key).toBe("gold");
    await runDurableObjectAlarm(stub); // may already have run on its own; either way it has run now
    // Read without moving the wallet's clock: the stored tier is what the alarm left.
    const s = await stub.summary({ uid, now: longAgo, rules: r });
    expect([s.tier.key, s.earnedLast12Months]).toEqual(["standard", 0]);
    await stub.drainOutbox();
    const [row] = await getDb(env.TURSO_DATABASE_URL)
      .select()
      .from(balanceProjection)
      .where(eq(balanceProjection.uid, uid));
    expect(row).toMatchObject({ balance: 3000, tier: "standard", earnedLast12Months: 0, version: 1 });
  });
});
