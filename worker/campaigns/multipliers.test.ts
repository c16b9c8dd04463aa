// 积分翻倍日 and 生日双倍积分 applied by the wallet at earn time: campaign windows and weekdays at their edges
// (just before / after local midnight in the merchant's zone), the largest campaign wins, multipliers combine
// with the tier's, and birthdays by day or month (29 Feb in a common year on 28 Feb).
import { describe, expect, it } from "vitest";
import type { Campaign } from "../settings/rules";
import { at, DAY, expectHealthy, newWallet, rules } from "../wallet/test-support";
import type { WalletRules } from "../wallet/types";

const campaign = (c: Partial<Campaign> & Pick<Campaign, "multiplier" | "sources">): Campaign => ({
  id: "c1",
  name: "翻倍日",
  from: null,
  to: null,
  weekdays: [],
  enabled: true,
  ...c,
});

const purchase = (uid: string, ref: string, now: number, r: WalletRules, amountFen = 100_00) => ({
  uid,
  ref,
  reason: "消费",
  source: "purchase" as const,
  amountFen,
  now,
  rules: r,
});

describe("campaign multipliers at earn time", () => {
  it("weekend check-ins ×2: Friday 23:59 and Monday 00:01 local are plain, Saturday 00:01 and Sunday 23:59 doubled", async () => {
    const { uid, stub } = newWallet("camp");
    const r = rules({ campaigns: [campaign({ multiplier: 2, sources: ["checkin"], weekdays: [6, 7] })] });
    // 2091-05-04 is a Friday; Shanghai midnight is 16:00Z the day before.
    const got = [];
    for (const iso of [
      "2091-05-04T15:59:00Z",
      "2091-05-04T16:01:00Z",
      "2091-05-06T15:59:00Z",
      "2091-05-06T16:01:00Z",
    ]) {
      const c = await stub.checkin({ uid, now: at(iso), rules: r });
      if (!c.ok) throw new Error(c.code);
      got.push([c.date, c.streakDay, c.points]);
    }
    expect(got).toEqual([
      ["2091-05-04", 1, 5],
      ["2091-05-05", 2, 16],
      ["2091-05-06", 3, 20],
      ["2091-05-07", 4, 12],
    ]);
    await expectHealthy(stub, at("2091-05-06T16:01:00Z"));
  });

  it("a date window's edges are local midnights: the last minute before `from` and after `to` are plain", async () => {
    const { uid, stub } = newWallet("camp");
    const r = rules({
      campaigns: [campaign({ multiplier: 2, sources: ["purchase", "task"], from: "2091-06-01", to: "2091-06-30" })],
    });
    const cases: [string, number][] = [
      ["2091-05-31T15:59:59Z", 100], // 05-31 23:59:59 local
      ["2091-05-31T16:00:00Z", 200], // 06-01 00:00 local
      ["2091-06-30T15:59:59Z", 200], // 06-30 23:59:59 local
      ["2091-06-30T16:00:00Z", 100], // 07-01 00:00 local
    ];
    for (const [i, [iso, points]] of cases.entries()) {
      expect(await stub.earn(purchase(uid, `p${i}`, at(iso), r)), iso).toMatchObject({ ok: true, earned: points });
    }
    // the campaign names task too: points given are multiplied; a source it does not name is not
    const mid = at("2091-06-15T04:00:00Z");
    expect(
      await stub.earn({ uid, ref: "t1", reason: "t", source: "task", points: 30, now: mid, rules: r }),
    ).toMatchObject({ earned: 60 });
    expect(
      await stub.earn({ uid, ref: "o1", reason: "o", source: "other", points: 30, now: mid, rules: r }),
    ).toMatchObject({ earned: 30 });
    await expectHealthy(stub, mid);
  });

  it("in another merchant zone the edges move with it (America/Los_Angeles, UTC−7 in summer)", async () => {
    const { uid, stub } = newWallet("camp");
    const r = rules({
      timeZone: "America/Los_Angeles",
      campaigns: [campaign({ multiplier: 3, sources: ["purchase"], from: "2091-07-04", to: "2091-07-04" })],
    });
    expect(await stub.earn(purchase(uid, "a", at("2091-07-04T06:59:00Z"), r))).toMatchObject({ earned: 100 });
    expect(await stub.earn(purchase(uid, "b", at("2091-07-04T07:00:00Z"), r))).toMatchObject({ earned: 300 });
    expect(await stub.earn(purchase(uid, "c", at("2091-07-05T06:59:00Z"), r))).toMatchObject({ earned: 300 });
    expect(await stub.earn(purchase(uid, "d", at("2091-07-05T07:00:00Z"), r))).toMatchObject({ earned: 100 });
  });

  it("overlapping campaigns: the largest counts; a disabled one counts not; the tier multiplies on top", async () => {
    const { uid, stub } = newWallet("camp");
    const T = at("2091-08-10T04:00:00Z");
    const r = rules({
      campaigns: [
        campaign({ id: "a", multiplier: 2, sources: ["purchase"] }),
        campaign({ id: "b", multiplier: 3, sources: ["purchase"], from: "2091-08-10", to: "2091-08-10" }),
        campaign({ id: "c", multiplier: 5, sources: ["purchase"], enabled: false }),
      ],
    });
    expect(await stub.earn(purchase(uid, "p1", T, r))).toMatchObject({ earned: 300 });
    expect(await stub.earn(purchase(uid, "p2", T + DAY, r))).toMatchObject({ earned: 200 });
    // 2000 points earned (12 months) reach 黄金 ×1.2: a ¥100 purchase on the ×2 day earns 100 × 1.2 × 2
    const plain = rules();
    await stub.earn({ uid, ref: "big", reason: "x", source: "purchase", points: 1500, now: T + DAY, rules: plain });
    expect((await stub.summary({ uid, now: T + DAY, rules: r })).tier.key).toBe("gold");
    expect(await stub.earn(purchase(uid, "p3", T + DAY, r))).toMatchObject({ earned: 240 });
    // the earning limit applies to the multiplied points: refused whole, nothing written
    const tight = { ...r, earnLimits: { perEarning: 239, perMemberDay: 1_000_000 } };
    expect(await stub.earn(purchase(uid, "p4", T + DAY, tight))).toMatchObject({ ok: false, code: "EARN_TOO_LARGE" });
    await expectHealthy(stub, T + DAY);
  });
});

describe("birthday multiplier (生日双倍积分)", () => {
  const may5 = at("2091-05-05T04:00:00Z");

  it("set once by the member; purchases on the birthday ×2 (day scope), not the day after, not other sources", async () => {
    const { uid, stub } = newWallet("bday");
    const r = rules();
    expect(await stub.setBirthday({ uid, birthday: "1990-05-05", by: "member", now: may5, rules: r })).toEqual({
      ok: true,
      birthday: "1990-05-05",
      changed: true,
    });
    expect(await stub.setBirthday({ uid, birthday: "1990-05-05", by: "member", now: may5, rules: r })).toEqual({
      ok: true,
      birthday: "1990-05-05",
      changed: false,
    });
    expect(await stub.setBirthday({ uid, birthday: "1991-01-01", by: "member", now: may5, rules: r })).toMatchObject({
      ok: false,
      code: "BIRTHDAY_ALREADY_SET",
    });
    // local midnight edges: 05-04 23:59 plain, 05-05 00:00 doubled, 05-06 00:00 plain
    expect(await stub.earn(purchase(uid, "a", at("2091-05-04T15:59:00Z"), r))).toMatchObject({ earned: 100 });
    expect(await stub.earn(purchase(uid, "b", at("2091-05-04T16:00:00Z"), r))).toMatchObject({ earned: 200 });
    expect(await stub.earn(purchase(uid, "c", at("2091-05-05T16:00:00Z"), r))).toMatchObject({ earned: 100 });
    expect(
      await stub.earn({ uid, ref: "t", reason: "t", source: "task", points: 10, now: may5, rules: r }),
    ).toMatchObject({ earned: 10 });
    // with a ×2 purchase day on the birthday: ×4
    const r2 = rules({ campaigns: [campaign({ multiplier: 2, sources: ["purchase"] })] });
    expect(await stub.earn(purchase(uid, "d", may5, r2))).toMatchObject({ earned: 400 });
    expect((await stub.summary({ uid, now: may5, rules: r })).birthday).toBe("1990-05-05");
    await expectHealthy(stub, may5);
  });

  it("the merchant (API) overrides; month scope doubles the whole month; bad dates are refused", async () => {
    const { uid, stub } = newWallet("bday");
    const r = rules({ birthday: { multiplier: 1.5, scope: "month" } });
    expect(await stub.setBirthday({ uid, birthday: "1990-04-20", by: "member", now: may5, rules: r })).toMatchObject({
      ok: true,
    });
    expect(await stub.setBirthday({ uid, birthday: "1990-05-20", by: "merchant", now: may5, rules: r })).toMatchObject({
      ok: true,
      changed: true,
    });
    expect(await stub.earn(purchase(uid, "a", at("2091-04-30T15:59:00Z"), r))).toMatchObject({ earned: 100 });
    expect(await stub.earn(purchase(uid, "b", at("2091-04-30T16:00:00Z"), r))).toMatchObject({ earned: 150 });
    expect(await stub.earn(purchase(uid, "c", at("2091-05-31T15:59:00Z"), r))).toMatchObject({ earned: 150 });
    expect(await stub.earn(purchase(uid, "d", at("2091-05-31T16:00:00Z"), r))).toMatchObject({ earned: 100 });
    for (const bad of ["1990-02-30", "1899-12-31", "2091-05-06", "1990-5-5"]) {
      expect(await stub.setBirthday({ uid, birthday: bad, by: "merchant", now: may5, rules: r }), bad).toMatchObject({
        ok: false,
        code: "INVALID_BIRTHDAY",
      });
    }
    expect((await stub.summary({ uid, now: may5, rules: r })).birthday).toBe("1990-05-20");
  });

  it("a 29 February birthday counts on 28 February in a common year, and on the 29th in a leap year", async () => {
    const { uid, stub } = newWallet("bday");
    const r = rules();
    await stub.setBirthday({ uid, birthday: "2000-02-29", by: "member", now: may5, rules: r });
    expect(await stub.earn(purchase(uid, "a", at("2091-02-28T04:00:00Z"), r))).toMatchObject({ earned: 200 });
    expect(await stub.earn(purchase(uid, "b", at("2092-02-28T04:00:00Z"), r))).toMatchObject({ earned: 100 });
    expect(await stub.earn(purchase(uid, "c", at("2092-02-29T04:00:00Z"), r))).toMatchObject({ earned: 200 });
  });

  it("a birthday without its year (MM-DD) doubles on that day, at the zone's midnights; 02-30 and 13-01 are refused", async () => {
    const { uid, stub } = newWallet("bday");
    const r = rules();
    for (const bad of ["02-30", "13-01", "00-10", "5-05"]) {
      expect(await stub.setBirthday({ uid, birthday: bad, by: "member", now: may5, rules: r }), bad).toMatchObject({
        ok: false,
        code: "INVALID_BIRTHDAY",
      });
    }
    expect(await stub.setBirthday({ uid, birthday: "05-10", by: "member", now: may5, rules: r })).toEqual({
      ok: true,
      birthday: "05-10",
      changed: true,
    });
    // Shanghai: 05-10 is 2091-05-09T16:00Z … 2091-05-10T15:59:59Z
    expect(await stub.earn(purchase(uid, "a", at("2091-05-09T15:59:00Z"), r))).toMatchObject({ earned: 100 });
    expect(await stub.earn(purchase(uid, "b", at("2091-05-09T16:00:00Z"), r))).toMatchObject({ earned: 200 });
    expect(await stub.earn(purchase(uid, "c", at("2091-05-10T15:59:00Z"), r))).toMatchObject({ earned: 200 });
    expect(await stub.earn(purchase(uid, "d", at("2091-05-10T16:00:00Z"), r))).toMatchObject({ earned: 100 });
    expect(await stub.setBirthday({ uid, birthday: "06-01", by: "member", now: may5, rules: r })).toMatchObject({
      ok: false,
      code: "BIRTHDAY_ALREADY_SET",
    });
    await expectHealthy(stub, at("2091-05-11T00:00:00Z"));
  });
});
