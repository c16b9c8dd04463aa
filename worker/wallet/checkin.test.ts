// checkin(): one reward per merchant-local day (Asia/Shanghai), streaks across local midnights, the 7-day
// table cycling, missed days resetting, and the daily cap.
import { describe, expect, it } from "vitest";
import { addDays } from "./local-time";
import { DAY, at, caps, expectHealthy, newWallet, rules } from "./test-support";
import { refusalText } from "../object-text";

// Shanghai is UTC+8: local midnight is 16:00Z the day before.
const may1_2359 = at("2091-05-01T15:59:00Z");
const may2_0001 = at("2091-05-01T16:01:00Z");
/** Noon in Shanghai on 2091-05-01 + n days. */
const noon = (n: number) => at("2091-05-01T04:00:00Z") + n * DAY;

describe("checkin", () => {
  it("23:59 and 00:01 local are different days: a 2-day streak; a second call the same day is ALREADY_CHECKED_IN", async () => {
    const { uid, stub } = newWallet();
    const r = rules();
    expect(await stub.checkin({ uid, now: may1_2359, rules: r })).toEqual({
      ok: true,
      points: 5,
      streakDay: 1,
      tomorrowPoints: 8,
      date: "2091-05-01",
      balance: 5,
    });
    expect(await stub.checkin({ uid, now: may2_0001, rules: r })).toEqual({
      ok: true,
      points: 8,
      streakDay: 2,
      tomorrowPoints: 10,
      date: "2091-05-02",
      balance: 13,
    });
    const again = await stub.checkin({ uid, now: at("2091-05-02T15:59:59Z"), rules: r }); // still May 2 locally
    expect(again).toMatchObject({ ok: false, code: "ALREADY_CHECKED_IN" });
    expect(again.ok ? "" : refusalText(again)).toContain("2091-05-02");
    expect(again.ok ? "" : refusalText(again)).toContain("连续第 2 天，获得 8 积分");
    const { entries } = await stub.ledger({ limit: 10 });
    expect(entries.map((e) => [e.ref, e.amount, e.source, e.kind])).toEqual([
      ["checkin:2091-05-02", 8, "checkin", "earned"],
      ["checkin:2091-05-01", 5, "checkin", "earned"],
    ]);
    await expectHealthy(stub, may2_0001);
  });

  it("the 7-day table cycles (day 8 = 5) and a missed day resets the streak to day 1", async () => {
    const { uid, stub } = newWallet();
    const r = rules({ dailyCaps: caps({ checkin: 100 }) });
    const got: [number, number, number][] = [];
    for (let d = 0; d < 9; d++) {
      const c = await stub.checkin({ uid, now: noon(d), rules: r });
      if (!c.ok) throw new Error(refusalText(c));
      got.push([c.streakDay, c.points, c.tomorrowPoints]);
    }
    expect(got).toEqual([
      [1, 5, 8],
      [2, 8, 10],
      [3, 10, 12],
      [4, 12, 15],
      [5, 15, 18],
      [6, 18, 20],
      [7, 20, 5],
      [8, 5, 8],
      [9, 8, 10],
    ]);
    // Skip day 9 (index): day 10 starts over.
    expect(await stub.checkin({ uid, now: noon(10), rules: r })).toMatchObject({ ok: true, streakDay: 1, points: 5 });
    expect(await stub.checkin({ uid, now: noon(11), rules: r })).toMatchObject({ ok: true, streakDay: 2, points: 8 });
    const a = await expectHealthy(stub, noon(11));
    expect(a.balance).toBe(5 + 8 + 10 + 12 + 15 + 18 + 20 + 5 + 8 + 5 + 8);
  });

  it("a custom table of 3 cycles after day 3; a 0-point day is recorded without an entry", async () => {
    const { uid, stub } = newWallet();
    const r = rules({ checkinTable: [1, 0, 3] });
    const days = [];
    for (let d = 0; d < 5; d++) days.push(await stub.checkin({ uid, now: noon(d), rules: r }));
    expect(days.map((c) => (c.ok ? [c.streakDay, c.points, c.balance] : c.code))).toEqual([
      [1, 1, 1],
      [2, 0, 1],
      [3, 3, 4],
      [4, 1, 5],
      [5, 0, 5],
    ]);
    expect((await stub.audit(noon(5))).entries).toBe(3);
    expect((await stub.summary({ uid, now: noon(4), rules: r })).checkin).toMatchObject({
      checkedInToday: true,
      streak: 5,
    });
  });

  it("one reward per local day even with 15 concurrent check-ins", async () => {
    const { uid, stub } = newWallet();
    const r = rules();
    const answers = await Promise.all(
      Array.from({ length: 15 }, (_, i) => stub.checkin({ uid, now: noon(0) + i * 1000, rules: r })),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok && a.code === "ALREADY_CHECKED_IN")).toHaveLength(14);
    const a = await expectHealthy(stub, noon(0));
    expect([a.balance, a.entries]).toEqual([5, 1]);
  });

  it("counts against the daily cap: a refused check-in records nothing and the streak does not count it", async () => {
    const { uid, stub } = newWallet();
    const r = rules({ dailyCaps: caps({ checkin: 7, task: 10 }) });
    expect(await stub.checkin({ uid, now: noon(0), rules: r })).toMatchObject({ ok: true, points: 5 });
    // another source's earnings do not count against check-in's cap (the task's own cap is full)
    expect(
      await stub.earn({ uid, ref: "task", reason: "t", source: "task", points: 10, now: noon(1), rules: r }),
    ).toMatchObject({ ok: true });
    const refused = await stub.checkin({ uid, now: noon(1), rules: r }); // day 2 would be 8, over the cap of 7
    expect(refused).toMatchObject({ ok: false, code: "DAILY_CAP_REACHED" });
    expect(refused.ok ? "" : refusalText(refused)).toContain("还可获得 7 积分");
    expect((await stub.summary({ uid, now: noon(1), rules: r })).checkin).toMatchObject({
      checkedInToday: false,
      streak: 1,
      nextReward: 8,
    });
    expect(await stub.checkin({ uid, now: noon(2), rules: r })).toMatchObject({ ok: true, streakDay: 1, points: 5 });
    await expectHealthy(stub, noon(2));
  });

  it("summary shows today's state, the streak while it holds, and the month's dates", async () => {
    const { uid, stub } = newWallet();
    const r = rules();
    // 2091-04-30, 05-01, 05-02 in a row.
    for (const d of [-1, 0, 1]) expect(await stub.checkin({ uid, now: noon(d), rules: r })).toMatchObject({ ok: true });
    const s2 = await stub.summary({ uid, now: noon(1), rules: r });
    expect(s2.checkin).toEqual({
      today: "2091-05-02",
      checkedInToday: true,
      streak: 3,
      nextReward: 12,
      monthDates: ["2091-05-01", "2091-05-02"],
      madeUpDates: [],
      makeup: { cost: 20, perMonth: 2, left: 2 },
    });
    const s3 = await stub.summary({ uid, now: noon(2), rules: r });
    expect(s3.checkin).toEqual({
      today: "2091-05-03",
      checkedInToday: false,
      streak: 3,
      nextReward: 12,
      monthDates: ["2091-05-01", "2091-05-02"],
      madeUpDates: [],
      makeup: { cost: 20, perMonth: 2, left: 2 },
    });
    const s4 = await stub.summary({ uid, now: noon(3), rules: r });
    expect(s4.checkin).toMatchObject({
      today: addDays("2091-05-03", 1),
      checkedInToday: false,
      streak: 0,
      nextReward: 5,
    });
    const april = await stub.summary({ uid, now: noon(-1), rules: r });
    expect(april.checkin.monthDates).toEqual(["2091-04-30"]);
  });
});
