// earn(): idempotency and ref conflicts, purchase conversion with rounding and tier multipliers, amount
// guards, and the daily caps per source (refused whole, purchases exempt, per local day).
import { describe, expect, it } from "vitest";
import type { EarnSource, WalletRules } from "./types";
import { at, caps, capsAll, expectHealthy, newWallet, rules } from "./test-support";
import { refusalText } from "../object-text";

// 2091-03-10 10:00 in Shanghai (far from the real clock: see test-support).
const T = at("2091-03-10T02:00:00Z");

function earnInput(
  uid: string,
  ref: string,
  amount: { points?: number; amountFen?: number },
  now = T,
  r: WalletRules = rules(),
  source: EarnSource = "task",
) {
  return { uid, ref, reason: `test ${ref}`, source, ...amount, now, rules: r };
}

describe("earn: idempotency", () => {
  it("the same ref again answers the first result and writes nothing (also when the input differs)", async () => {
    const { uid, stub } = newWallet();
    const first = await stub.earn(earnInput(uid, "order-1", { points: 30 }));
    expect(first).toEqual({ ok: true, balance: 30, earned: 30, entryId: `${uid}:1` });
    await stub.earn(earnInput(uid, "order-2", { points: 5 }));
    expect(await stub.earn(earnInput(uid, "order-1", { points: 30 }, T + 60_000))).toEqual(first);
    expect(await stub.earn(earnInput(uid, "order-1", { points: 999 }))).toEqual(first);
    const { entries } = await stub.ledger({ limit: 10 });
    expect(entries.map((e) => [e.ref, e.amount, e.balanceAfter])).toEqual([
      ["order-2", 5, 35],
      ["order-1", 30, 30],
    ]);
    expect((await expectHealthy(stub, T)).balance).toBe(35);
  });

  it("concurrent calls with one ref: every answer is the same, one entry", async () => {
    const { uid, stub } = newWallet();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => stub.earn(earnInput(uid, "dup", { points: 7 }))),
    );
    for (const a of answers) expect(a).toEqual({ ok: true, balance: 7, earned: 7, entryId: `${uid}:1` });
    expect((await expectHealthy(stub, T)).entries).toBe(1);
  });

  it("a ref used by another operation is REF_CONFLICT; the wallet's own refs are reserved", async () => {
    const { uid, stub } = newWallet();
    await stub.earn(earnInput(uid, "x-1", { points: 50 }));
    const r = rules();
    const d = await stub.deduct({ uid, ref: "x-1", reason: "d", points: 1, now: T, rules: r });
    expect(d).toMatchObject({ ok: false, code: "REF_CONFLICT" });
    const rv = await stub.reverse({ uid, ref: "x-1", earnRef: "x-1", reason: "r", now: T, rules: r });
    expect(rv).toMatchObject({ ok: false, code: "REF_CONFLICT" });
    await stub.deduct({ uid, ref: "d-1", reason: "d", points: 1, now: T, rules: r });
    expect(await stub.earn(earnInput(uid, "d-1", { points: 1 }))).toMatchObject({ ok: false, code: "REF_CONFLICT" });
    for (const ref of ["checkin:2091-03-10", "signup_bonus", "expiry:1"]) {
      expect(await stub.earn(earnInput(uid, ref, { points: 1 })), ref).toMatchObject({
        ok: false,
        code: "REF_CONFLICT",
      });
    }
    expect(await stub.earn(earnInput(uid, "", { points: 1 }))).toMatchObject({ ok: false, code: "REF_CONFLICT" });
    const a = await expectHealthy(stub, T);
    expect([a.balance, a.entries]).toEqual([49, 2]);
  });
});

describe("earn: purchases converted from fen", () => {
  it("rounds down, exactly (no float error), with pointsPerYuan", async () => {
    const { uid, stub } = newWallet();
    const cases: [number, number, number][] = [
      // amountFen, pointsPerYuan, expected points
      [1999, 1, 19],
      [199, 1, 1],
      [10_000, 0.29, 29], // 100 × 0.29 = 28.999999999999996 in floats
      [100, 1.15, 1],
      [1000, 1.15, 11],
      [12_345, 2, 246],
      [300, 0.1, 0], // below 1 point: refused
      [99, 1, 0],
    ];
    for (const [i, [fen, ppy, expected]] of cases.entries()) {
      const r = await stub.earn(
        earnInput(uid, `p-${i}`, { amountFen: fen }, T, rules({ pointsPerYuan: ppy }), "purchase"),
      );
      if (expected === 0) expect(r, `${fen} fen × ${ppy}`).toMatchObject({ ok: false, code: "INVALID_AMOUNT" });
      else expect(r, `${fen} fen × ${ppy}`).toMatchObject({ ok: true, earned: expected });
    }
    await expectHealthy(stub, T);
  });

  it("applies the tier multiplier (gold ×1.2 from 2,000, diamond ×1.5 from 10,000) to purchases only", async () => {
    const { uid, stub } = newWallet();
    const r = rules();
    const buy = (ref: string, amountFen: number) => stub.earn(earnInput(uid, ref, { amountFen }, T, r, "purchase"));
    expect(await buy("b1", 199_900)).toMatchObject({ ok: true, earned: 1999 }); // standard ×1
    expect(await buy("b2", 1999)).toMatchObject({ ok: true, earned: 19 }); // 2018 earned → gold from now on
    expect((await stub.summary({ uid, now: T, rules: r })).tier.key).toBe("gold");
    expect(await buy("b3", 1999)).toMatchObject({ ok: true, earned: 23 }); // 19.99 × 1.2 = 23.988
    expect(await buy("b4", 10_000)).toMatchObject({ ok: true, earned: 120 });
    // Points given as points are not multiplied.
    expect(await stub.earn(earnInput(uid, "given", { points: 100 }, T, r, "purchase"))).toMatchObject({ earned: 100 });
    expect(await buy("b5", 800_000)).toMatchObject({ ok: true, earned: 9600 }); // gold ×1.2; now 11,862 → diamond
    expect((await stub.summary({ uid, now: T, rules: r })).tier.key).toBe("diamond");
    expect(await buy("b6", 1999)).toMatchObject({ ok: true, earned: 29 }); // 19.99 × 1.5 = 29.985
    expect(await stub.earn(earnInput(uid, "t1", { points: 10 }, T, r, "task"))).toMatchObject({ earned: 10 });
    await expectHealthy(stub, T);
  });
});

describe("earn: amounts are safe positive integers", () => {
  it("refuses bad amounts with INVALID_AMOUNT and writes nothing", async () => {
    const { uid, stub } = newWallet();
    const bad: { points?: number; amountFen?: number }[] = [
      { points: 0 },
      { points: -5 },
      { points: 1.5 },
      { points: Number.NaN },
      { points: Number.POSITIVE_INFINITY },
      { points: 2 ** 53 },
      { amountFen: 0 },
      { amountFen: -100 },
      { amountFen: 10.5 },
      { points: 1, amountFen: 100 },
      {},
    ];
    for (const [i, amount] of bad.entries()) {
      const r = await stub.earn(earnInput(uid, `bad-${i}`, amount, T, rules(), "purchase"));
      expect(r, JSON.stringify(amount)).toMatchObject({ ok: false, code: "INVALID_AMOUNT" });
    }
    expect(await stub.deduct({ uid, ref: "d0", reason: "d", points: 0, now: T, rules: rules() })).toMatchObject({
      code: "INVALID_AMOUNT",
    });
    expect((await stub.audit(T)).entries).toBe(0);
    // A refused ref was not recorded: it works with a good amount.
    expect(await stub.earn(earnInput(uid, "bad-0", { points: 3 }))).toMatchObject({ ok: true, earned: 3 });
  });

  it("refuses a balance that would pass Number.MAX_SAFE_INTEGER (even with earning limits that would allow it)", async () => {
    const { uid, stub } = newWallet();
    const r = rules({
      dailyCaps: capsAll(null),
      earnLimits: { perEarning: Number.MAX_SAFE_INTEGER, perMemberDay: Number.MAX_SAFE_INTEGER },
    });
    expect(await stub.earn(earnInput(uid, "big", { points: Number.MAX_SAFE_INTEGER - 10 }, T, r))).toMatchObject({
      ok: true,
    });
    expect(await stub.earn(earnInput(uid, "more", { points: 11 }, T, r))).toMatchObject({
      ok: false,
      code: "INVALID_AMOUNT",
    });
    expect(await stub.earn(earnInput(uid, "fits", { points: 10 }, T, r))).toMatchObject({
      ok: true,
      balance: Number.MAX_SAFE_INTEGER,
    });
  });
});

describe("earn: daily caps per source", () => {
  // 2091-03-10 in Shanghai runs from 2091-03-09T16:00Z to 2091-03-10T16:00Z.
  const lateDay1 = at("2091-03-10T15:59:00Z");
  const earlyDay2 = at("2091-03-10T16:01:00Z");

  it("each source has its own cap: refused whole, says what is left, other sources and purchases unaffected", async () => {
    const { uid, stub } = newWallet();
    const r = rules(); // task / referral / checkin 100 each; code and other uncapped
    expect(await stub.ensureMember({ uid, now: T, rules: r })).toEqual({
      ok: true,
      balance: 50,
      bonusGranted: true,
      created: true,
    }); // exempt
    expect(await stub.earn(earnInput(uid, "task-1", { points: 60 }, T, r, "task"))).toMatchObject({
      ok: true,
      earned: 60,
    });
    const refused = await stub.earn(earnInput(uid, "task-2", { points: 50 }, T, r, "task"));
    expect(refused).toMatchObject({ ok: false, code: "DAILY_CAP_REACHED" });
    expect(refused.ok ? "" : refusalText(refused)).toContain("还可获得 40 积分");
    // the task cap says nothing about referrals: their own 100
    expect(await stub.earn(earnInput(uid, "ref-1", { points: 100 }, T, r, "referral"))).toMatchObject({
      ok: true,
      earned: 100,
    });
    expect(await stub.earn(earnInput(uid, "purchase-1", { points: 500 }, T, r, "purchase"))).toMatchObject({
      ok: true,
      earned: 500,
    });
    expect(await stub.earn(earnInput(uid, "task-3", { points: 40 }, lateDay1, r, "task"))).toMatchObject({
      ok: true,
      earned: 40,
    });
    const full = await stub.earn(earnInput(uid, "task-4", { points: 1 }, lateDay1, r, "task"));
    expect(full).toMatchObject({ ok: false, code: "DAILY_CAP_REACHED" });
    expect(full.ok ? "" : refusalText(full)).toContain("还可获得 0 积分");
    // The next local day starts at 16:00Z: the same refused ref now succeeds.
    expect(await stub.earn(earnInput(uid, "task-2", { points: 50 }, earlyDay2, r, "task"))).toMatchObject({
      ok: true,
      earned: 50,
    });
    const a = await expectHealthy(stub, earlyDay2);
    expect(a.balance).toBe(50 + 60 + 100 + 500 + 40 + 50);
  });

  it("the merchant's API bonus (source other) of 500 is accepted by default, refused once the merchant caps it", async () => {
    const { uid, stub } = newWallet();
    expect(await stub.earn(earnInput(uid, "bonus-1", { points: 500 }, T, rules(), "other"))).toMatchObject({
      ok: true,
      earned: 500,
    });
    expect(await stub.earn(earnInput(uid, "code-1", { points: 800 }, T, rules(), "code"))).toMatchObject({
      ok: true,
      earned: 800,
    });
    const capped = rules({ dailyCaps: caps({ other: 600 }) });
    const over = await stub.earn(earnInput(uid, "bonus-2", { points: 500 }, T, capped, "other"));
    expect(over).toMatchObject({ ok: false, code: "DAILY_CAP_REACHED", params: { cap: 600, left: 100 } });
    expect(await stub.earn(earnInput(uid, "bonus-3", { points: 100 }, T, capped, "other"))).toMatchObject({
      ok: true,
    });
    expect((await expectHealthy(stub, T)).balance).toBe(1400);
  });

  it("no cap when null; cap 0 refuses every earning of that source; a source beyond the list is refused", async () => {
    const { uid, stub } = newWallet();
    expect(
      await stub.earn(earnInput(uid, "a", { points: 100_000 }, T, rules({ dailyCaps: capsAll(null) }))),
    ).toMatchObject({ ok: true });
    expect(await stub.earn(earnInput(uid, "b", { points: 1 }, T, rules({ dailyCaps: capsAll(0) })))).toMatchObject({
      code: "DAILY_CAP_REACHED",
    });
    expect(
      await stub.earn(earnInput(uid, "c", { points: 1 }, T, rules({ dailyCaps: capsAll(0) }), "purchase")),
    ).toMatchObject({ ok: true });
    expect(await stub.earn(earnInput(uid, "d", { points: 1 }, T, rules(), "gift" as EarnSource))).toMatchObject({
      code: "INVALID_AMOUNT",
    });
  });
});
