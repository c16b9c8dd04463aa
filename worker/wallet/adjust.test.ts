// adjust(): the console's manual correction — positive adds a lot expiring per the policy (no cap, no
// multiplier, not earned for tiers), negative takes earliest-expiring lots first and never goes below zero,
// idempotent on its ref, REF_CONFLICT across operations, and the outbox carries it to Turso.
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { balanceProjection, ledgerProjection } from "../../db/schema";
import { at, capsAll, DAY, expectHealthy, newWallet, rules } from "./test-support";

// 2093-06-15 10:00 in Shanghai (far from the real clock: see test-support).
const T = at("2093-06-15T02:00:00Z");
const endOf2094 = at("2094-12-31T16:00:00Z"); // end_of_year K=1: 2095-01-01 00:00 Shanghai

describe("adjust", () => {
  it("positive: an adjusted entry and a lot expiring per the policy, past the daily cap, not multiplied, not earned for tiers", async () => {
    const { uid, stub } = newWallet("adj");
    const r = rules({ dailyCaps: capsAll(10) });
    const first = await stub.adjust({ uid, ref: "a1", reason: "补发活动积分", points: 500, now: T, rules: r });
    expect(first).toEqual({
      ok: true,
      before: 0,
      balance: 500,
      points: 500,
      entryId: `${uid}:1`,
      expiresAt: endOf2094,
    });
    const [e] = (await stub.ledger({ limit: 5 })).entries;
    expect(e).toMatchObject({
      kind: "adjusted",
      amount: 500,
      balanceAfter: 500,
      reason: "补发活动积分",
      source: "adjust",
      ref: "a1",
      createdAt: T,
      expiresAt: endOf2094,
    });
    const s = await stub.summary({ uid, now: T, rules: r });
    expect(s.expiring).toEqual([{ points: 500, expiresAt: endOf2094 }]);
    expect(s.earnedLast12Months).toBe(0);
    expect(s.tier.key).toBe("standard");
    // the never policy: a lot that never expires
    const never = await stub.adjust({
      uid,
      ref: "a2",
      reason: "永久",
      points: 3,
      now: T,
      rules: rules({ expiry: { kind: "never" } }),
    });
    expect(never).toMatchObject({ ok: true, before: 500, balance: 503, expiresAt: null });
    await expectHealthy(stub, T);
  });

  it("negative: takes earliest-expiring lots first; below zero is INSUFFICIENT_POINTS and writes nothing", async () => {
    const { uid, stub } = newWallet("adj");
    const r = rules();
    await stub.earn({
      uid,
      ref: "late",
      reason: "later lot",
      source: "purchase",
      points: 100,
      now: T + 400 * DAY,
      rules: r,
    });
    await stub.earn({ uid, ref: "early", reason: "early lot", source: "purchase", points: 40, now: T, rules: r });
    const now = T + 400 * DAY;
    // early (2093) expires at the end of 2094, before `late` (2094 → end of 2095) — it goes first
    const take = await stub.adjust({ uid, ref: "m1", reason: "扣回误发", points: -60, now, rules: r });
    expect(take).toMatchObject({ ok: true, before: 140, balance: 80, points: -60, expiresAt: null });
    const s = await stub.summary({ uid, now, rules: r });
    expect(s.expiring).toEqual([{ points: 80, expiresAt: at("2095-12-31T16:00:00Z") }]);
    const refused = await stub.adjust({ uid, ref: "m2", reason: "too much", points: -81, now, rules: r });
    expect(refused).toMatchObject({ ok: false, code: "INSUFFICIENT_POINTS" });
    const a = await expectHealthy(stub, now);
    expect([a.balance, a.entries]).toEqual([80, 3]);
    // the refused ref was not recorded: it works with an amount that fits
    expect(await stub.adjust({ uid, ref: "m2", reason: "all", points: -80, now, rules: r })).toMatchObject({
      ok: true,
      balance: 0,
    });
    expect((await expectHealthy(stub, now)).balance).toBe(0);
  });

  it("refuses zero, fractions and non-numbers with INVALID_AMOUNT", async () => {
    const { uid, stub } = newWallet("adj");
    for (const [i, points] of [0, 1.5, -0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53].entries()) {
      expect(
        await stub.adjust({ uid, ref: `bad-${i}`, reason: "x", points, now: T, rules: rules() }),
        String(points),
      ).toMatchObject({ ok: false, code: "INVALID_AMOUNT" });
    }
    expect((await stub.audit(T)).entries).toBe(0);
  });

  it("the same ref answers the first result and writes nothing; a ref of another operation is REF_CONFLICT", async () => {
    const { uid, stub } = newWallet("adj");
    const r = rules();
    const first = await stub.adjust({ uid, ref: "once", reason: "一次", points: 20, now: T, rules: r });
    const again = await Promise.all(
      [1, 2, 3].map(() => stub.adjust({ uid, ref: "once", reason: "一次", points: 20, now: T + 1000, rules: r })),
    );
    for (const a of again) expect(a).toEqual(first);
    expect(await stub.adjust({ uid, ref: "once", reason: "不同", points: -5, now: T, rules: r })).toEqual(first);
    await stub.earn({ uid, ref: "e1", reason: "e", source: "purchase", points: 5, now: T, rules: r });
    expect(await stub.adjust({ uid, ref: "e1", reason: "x", points: 1, now: T, rules: r })).toMatchObject({
      ok: false,
      code: "REF_CONFLICT",
    });
    expect(await stub.deduct({ uid, ref: "once", reason: "x", points: 1, now: T, rules: r })).toMatchObject({
      ok: false,
      code: "REF_CONFLICT",
    });
    expect(
      await stub.adjust({ uid, ref: "checkin:2093-06-15", reason: "x", points: 1, now: T, rules: r }),
    ).toMatchObject({ ok: false, code: "REF_CONFLICT" });
    const a = await expectHealthy(stub, T);
    expect([a.balance, a.entries]).toEqual([25, 2]);
  });

  it("reaches Turso through the outbox", async () => {
    const { uid, stub } = newWallet("adj");
    const r = rules();
    await stub.adjust({ uid, ref: "p1", reason: "补偿", points: 30, now: T, rules: r });
    await stub.adjust({ uid, ref: "p2", reason: "扣减", points: -12, now: T, rules: r });
    expect((await stub.drainOutbox()).ok).toBe(true);
    const db = getDb(env.TURSO_DATABASE_URL);
    const rows = await db
      .select()
      .from(ledgerProjection)
      .where(and(eq(ledgerProjection.uid, uid)))
      .orderBy(ledgerProjection.seq);
    expect(rows.map((x) => [x.kind, x.amount, x.balanceAfter, x.reason, x.source, x.ref])).toEqual([
      ["adjusted", 30, 30, "补偿", "adjust", "p1"],
      ["adjusted", -12, 18, "扣减", "adjust", "p2"],
    ]);
    const [bal] = await db.select().from(balanceProjection).where(eq(balanceProjection.uid, uid));
    expect(bal).toMatchObject({ balance: 18, version: 2 });
    expect((await expectHealthy(stub, T)).projectedSeq).toBe(2);
  });
});
