// makeupCheckin() (补签): a missed day of this month made up for a cost, N times a month, restoring the streak
// (the made-up day continues the day before's, the run after it counts on, the next check-in continues);
// refusals (not this month, not missed, today, future, over N, insufficient points, over the check-in cap,
// off) write nothing; a double tap charges and pays once.
import { describe, expect, it } from "vitest";
import { at, caps, DAY, expectHealthy, newWallet, rules } from "./test-support";
import type { WalletRules } from "./types";

/** Noon in Shanghai on 2091-05-01 + n days. */
const noon = (n: number) => at("2091-05-01T04:00:00Z") + n * DAY;
const date = (n: number) => `2091-05-${String(n + 1).padStart(2, "0")}`;

async function walletWith(days: number[], r: WalletRules, seed = 25) {
  const w = newWallet("mk");
  await w.stub.earn({ uid: w.uid, ref: "seed", reason: "s", source: "other", points: seed, now: noon(0), rules: r });
  for (const d of days) {
    const c = await w.stub.checkin({ uid: w.uid, now: noon(d), rules: r });
    if (!c.ok) throw new Error(c.code);
  }
  return w;
}

describe("makeupCheckin", () => {
  it("makes up missed days for the cost, restores the streak through the following run, and the next check-in continues", async () => {
    const r = rules({ makeup: { cost: 20, perMonth: 2 } });
    // 05-01, 05-02, (05-03 missed), 05-04, 05-05, (05-06 missed), 05-07; today is 05-08
    const { uid, stub } = await walletWith([0, 1, 3, 4, 6], r);
    const today = noon(7);
    expect((await stub.summary({ uid, now: today, rules: r })).checkin).toMatchObject({ streak: 1, nextReward: 8 });
    expect((await stub.summary({ uid, now: today, rules: r })).balance).toBe(25 + 5 + 8 + 5 + 8 + 5);

    const m1 = await stub.makeupCheckin({ uid, date: date(2), now: today, rules: r });
    // 05-03 continues 05-02 (day 2) as day 3 = 10 points; 05-04, 05-05 become days 4, 5
    expect(m1).toEqual({
      ok: true,
      date: "2091-05-03",
      points: 10,
      cost: 20,
      streakDay: 3,
      streak: 1,
      left: 1,
      balance: 46,
    });
    const m2 = await stub.makeupCheckin({ uid, date: date(5), now: today, rules: r });
    // 05-06 is day 6 (18 points); 05-07 becomes day 7: the streak as of today is 7
    expect(m2).toEqual({
      ok: true,
      date: "2091-05-06",
      points: 18,
      cost: 20,
      streakDay: 6,
      streak: 7,
      left: 0,
      balance: 44,
    });

    const s = await stub.summary({ uid, now: today, rules: r });
    expect(s.checkin).toMatchObject({
      streak: 7,
      nextReward: 5, // day 8 = the table's first day again
      monthDates: [date(0), date(1), date(2), date(3), date(4), date(5), date(6)],
      madeUpDates: [date(2), date(5)],
      makeup: { cost: 20, perMonth: 2, left: 0 },
    });
    expect(await stub.checkin({ uid, now: today, rules: r })).toMatchObject({ ok: true, streakDay: 8, points: 5 });

    const { entries } = await stub.ledger({ limit: 4 });
    expect(entries.map((e) => [e.kind, e.source, e.ref, e.amount, e.reasonKey])).toEqual([
      ["earned", "checkin", "checkin:2091-05-08", 5, "wallet.reason.checkin"],
      ["earned", "checkin", "makeup:2091-05-06", 18, "wallet.reason.makeup"],
      ["spent", "makeup", "makeup:2091-05-06:cost", -20, "wallet.reason.makeupCost"],
      ["earned", "checkin", "makeup:2091-05-03", 10, "wallet.reason.makeup"],
    ]);
    await expectHealthy(stub, today);
  });

  it("refuses another month, a day checked in, today, the future and a third make-up, writing nothing", async () => {
    const r = rules({ makeup: { cost: 0, perMonth: 1 } });
    const { uid, stub } = await walletWith([0, 2, 4], r);
    const today = noon(5); // 05-06
    const before = await stub.audit(today);
    const tries: [string, string][] = [
      ["2091-04-30", "MAKEUP_NOT_THIS_MONTH"],
      [date(2), "MAKEUP_NOT_MISSED"],
      [date(5), "MAKEUP_NOT_MISSED"],
      [date(6), "MAKEUP_FUTURE"],
      ["2091-06-01", "MAKEUP_FUTURE"],
    ];
    for (const [d, code] of tries) {
      expect(await stub.makeupCheckin({ uid, date: d, now: today, rules: r }), d).toMatchObject({ ok: false, code });
    }
    expect((await stub.audit(today)).entries).toBe(before.entries);
    // a free make-up (cost 0): no spent entry; then the month's one is used
    expect(await stub.makeupCheckin({ uid, date: date(1), now: today, rules: r })).toMatchObject({
      ok: true,
      cost: 0,
      points: 8,
      streakDay: 2,
      left: 0,
    });
    expect((await stub.audit(today)).entries).toBe(before.entries + 1);
    expect(await stub.makeupCheckin({ uid, date: date(3), now: today, rules: r })).toMatchObject({
      ok: false,
      code: "MAKEUP_LIMIT_REACHED",
    });
    // next month the allowance is back, but only for that month's days
    const june3 = noon(33);
    expect(await stub.makeupCheckin({ uid, date: date(3), now: june3, rules: r })).toMatchObject({
      code: "MAKEUP_NOT_THIS_MONTH",
    });
    expect(await stub.makeupCheckin({ uid, date: "2091-06-01", now: june3, rules: r })).toMatchObject({ ok: true });
    // off: perMonth 0
    const off = rules({ makeup: { cost: 0, perMonth: 0 } });
    expect(await stub.makeupCheckin({ uid, date: "2091-06-02", now: june3, rules: off })).toMatchObject({
      code: "MAKEUP_UNAVAILABLE",
    });
    await expectHealthy(stub, june3);
  });

  it("insufficient points and a full check-in cap refuse it whole: nothing charged, the day still missed", async () => {
    const r = rules({ makeup: { cost: 20, perMonth: 3 } });
    const poor = await walletWith([0, 2], r, 0); // balance 10
    const today = noon(3);
    const refused = await poor.stub.makeupCheckin({ uid: poor.uid, date: date(1), now: today, rules: r });
    expect(refused).toMatchObject({ ok: false, code: "INSUFFICIENT_POINTS", params: { balance: 10, points: 20 } });
    expect((await poor.stub.summary({ uid: poor.uid, now: today, rules: r })).balance).toBe(10);

    const capped = rules({ makeup: { cost: 20, perMonth: 3 }, dailyCaps: caps({ checkin: 12 }) });
    const rich = await walletWith([0, 2, 3], capped, 100); // today (05-04) checked in: 8 of the cap of 12
    const over = await rich.stub.makeupCheckin({ uid: rich.uid, date: date(1), now: today, rules: capped }); // 8 more
    expect(over).toMatchObject({ ok: false, code: "DAILY_CAP_REACHED" });
    const s = await rich.stub.summary({ uid: rich.uid, now: today, rules: capped });
    expect([s.balance, s.checkin.madeUpDates, s.checkin.makeup.left]).toEqual([100 + 5 + 5 + 8, [], 3]);
    await expectHealthy(rich.stub, today);
  });

  it("a double tap (concurrent, then again later) charges and pays once and answers the first result", async () => {
    const r = rules();
    const { uid, stub } = await walletWith([0, 2], r, 100);
    const today = noon(3);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => stub.makeupCheckin({ uid, date: date(1), now: today, rules: r })),
    );
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({ ok: true, cost: 20, points: 8 });
    // later, after the allowance changed: still the first answer, nothing new
    const later = await stub.makeupCheckin({
      uid,
      date: date(1),
      now: today + 3_600_000,
      rules: rules({ makeup: { cost: 50, perMonth: 1 } }),
    });
    expect(later).toEqual(answers[0]);
    const a = await expectHealthy(stub, today);
    expect(a.balance).toBe(100 + 5 + 5 - 20 + 8);
    // a caller may not use the make-up's refs
    expect(
      await stub.earn({ uid, ref: "makeup:2091-05-03", reason: "x", source: "other", points: 1, now: today, rules: r }),
    ).toMatchObject({ ok: false, code: "REF_CONFLICT" });
  });
});
