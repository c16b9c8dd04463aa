// deduct() and reverse(): merchant deductions, taking back an earning (its own lot first), shortfalls when
// the points are already spent, idempotency, and never reversing more than was earned.
import { describe, expect, it } from "vitest";
import { DAY, at, expectHealthy, newWallet, rules } from "./test-support";

const T = at("2094-04-01T04:00:00Z");

function wallet() {
  const w = newWallet();
  const r = rules();
  return {
    ...w,
    r,
    earn: (ref: string, points: number, now = T, rr = r) =>
      w.stub.earn({ uid: w.uid, ref, reason: ref, source: "purchase", points, now, rules: rr }),
    deduct: (ref: string, points: number, now = T) =>
      w.stub.deduct({ uid: w.uid, ref, reason: "扣减", points, now, rules: r }),
    reverse: (ref: string, earnRef: string, now = T) =>
      w.stub.reverse({ uid: w.uid, ref, earnRef, reason: "撤销", now, rules: r }),
  };
}

describe("deduct", () => {
  it("takes points as an adjusted entry (source deduct); more than the balance is INSUFFICIENT_POINTS and writes nothing", async () => {
    const w = wallet();
    await w.earn("e", 100);
    expect(await w.deduct("too-much", 101)).toMatchObject({ ok: false, code: "INSUFFICIENT_POINTS" });
    expect((await w.stub.audit(T)).entries).toBe(1);
    const d = await w.deduct("d", 60);
    expect(d).toEqual({ ok: true, balance: 40, deducted: 60, entryId: `${w.uid}:2` });
    expect(await w.deduct("d", 60)).toEqual(d);
    expect((await w.stub.ledger({ limit: 1 })).entries[0]).toMatchObject({
      kind: "adjusted",
      amount: -60,
      source: "deduct",
      ref: "d",
      reason: "扣减",
      balanceAfter: 40,
    });
    expect(await w.deduct("all", 40)).toMatchObject({ ok: true, balance: 0 });
    expect(await w.deduct("more", 1)).toMatchObject({ ok: false, code: "INSUFFICIENT_POINTS" });
    await expectHealthy(w.stub, T);
  });

  it("concurrent deductions never overdraw", async () => {
    const w = wallet();
    await w.earn("e", 100);
    const answers = await Promise.all(Array.from({ length: 25 }, (_, i) => w.deduct(`d${i}`, 7)));
    expect(answers.filter((a) => a.ok)).toHaveLength(14); // 14 × 7 = 98
    expect((await expectHealthy(w.stub, T)).balance).toBe(2);
  });
});

describe("reverse", () => {
  it("takes the earning back from its own lot first, without shortfall", async () => {
    const w = wallet();
    await w.earn("long", 100); // expires 2096-01-01
    await w.earn("short", 50, T, rules({ expiry: { kind: "days", days: 5 } })); // expires first
    const r = await w.reverse("rv", "long");
    expect(r).toEqual({ ok: true, reversed: 100, shortfall: 0, balance: 50, entryId: `${w.uid}:3` });
    // The short-lived lot was not touched.
    expect((await w.stub.summary({ uid: w.uid, now: T, rules: w.r })).expiring).toEqual([
      { points: 50, expiresAt: T + 5 * DAY },
    ]);
    expect((await w.stub.ledger({ limit: 1 })).entries[0]).toMatchObject({
      kind: "adjusted",
      amount: -100,
      source: "reverse",
      ref: "rv",
    });
    await expectHealthy(w.stub, T);
  });

  it("with a shortfall when the points were spent; the same ref answers the same; later reversals never over-reverse", async () => {
    const w = wallet();
    await w.earn("e1", 100);
    await w.earn("e2", 50, T, rules({ expiry: { kind: "days", days: 5 } }));
    await w.deduct("spend", 120); // e2's lot (50) then 70 of e1's
    const first = await w.reverse("rv1", "e1");
    expect(first).toEqual({ ok: true, reversed: 30, shortfall: 70, balance: 0, entryId: `${w.uid}:4` });
    expect(await w.reverse("rv1", "e1", T + DAY)).toEqual(first);
    expect((await w.stub.audit(T)).entries).toBe(4);
    // New points arrive; a second reversal of e1 can take only the 70 not yet taken back.
    await w.earn("e3", 200);
    expect(await w.reverse("rv2", "e1")).toEqual({
      ok: true,
      reversed: 70,
      shortfall: 0,
      balance: 130,
      entryId: `${w.uid}:6`,
    });
    expect(await w.reverse("rv3", "e1")).toEqual({ ok: true, reversed: 0, shortfall: 0, balance: 130, entryId: null });
    expect((await w.stub.audit(T)).entries).toBe(6);
    await expectHealthy(w.stub, T);
  });

  it("nothing to take: no entry, entryId null, the whole earning is the shortfall", async () => {
    const w = wallet();
    await w.earn("e", 10);
    await w.deduct("d", 10);
    expect(await w.reverse("rv", "e")).toEqual({ ok: true, reversed: 0, shortfall: 10, balance: 0, entryId: null });
    expect((await w.stub.audit(T)).entries).toBe(2);
  });

  it("concurrent reversals of one earning take back at most what it earned", async () => {
    const w = wallet();
    await w.earn("e", 100);
    await w.earn("other", 500);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => w.reverse(`rv${i}`, "e")));
    const total = answers.reduce((n, a) => n + (a.ok ? a.reversed : 0), 0);
    expect(total).toBe(100);
    expect(answers.filter((a) => a.ok && a.reversed > 0)).toHaveLength(1);
    expect((await expectHealthy(w.stub, T)).balance).toBe(500);
  });

  it("EARN_NOT_FOUND for an unknown ref or a ref that was not an earning; check-in earnings can be reversed", async () => {
    const w = wallet();
    await w.earn("e", 10);
    await w.deduct("d", 1);
    expect(await w.reverse("rv1", "nope")).toMatchObject({ ok: false, code: "EARN_NOT_FOUND" });
    expect(await w.reverse("rv2", "d")).toMatchObject({ ok: false, code: "EARN_NOT_FOUND" });
    expect((await w.stub.audit(T)).entries).toBe(2);
    const c = await w.stub.checkin({ uid: w.uid, now: T, rules: w.r });
    expect(c).toMatchObject({ ok: true, points: 5, date: "2094-04-01" });
    expect(await w.reverse("rv3", "checkin:2094-04-01")).toMatchObject({
      ok: true,
      reversed: 5,
      shortfall: 0,
      balance: 9,
    });
  });
});
