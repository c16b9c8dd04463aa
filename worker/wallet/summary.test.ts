// ensureMember() (the new-member bonus once), summary() of new and used wallets, and ledger() paging.
import { describe, expect, it } from "vitest";
import { at, expectHealthy, newWallet, rules } from "./test-support";
import { ledgerReasonText } from "../object-text";

const T = at("2095-08-08T04:00:00Z");

describe("ensureMember", () => {
  it("grants the new-member bonus once, even to concurrent first visits", async () => {
    const { uid, stub } = newWallet();
    const r = rules();
    const answers = await Promise.all(Array.from({ length: 10 }, () => stub.ensureMember({ uid, now: T, rules: r })));
    expect(answers.filter((a) => a.bonusGranted)).toHaveLength(1);
    for (const a of answers) expect(a).toMatchObject({ ok: true, balance: 50 });
    expect(await stub.ensureMember({ uid, now: T + 1000, rules: r })).toMatchObject({
      ok: true,
      balance: 50,
      bonusGranted: false,
    });
    const { entries } = await stub.ledger({ limit: 10 });
    expect(entries.map((e) => ledgerReasonText(e))).toEqual(["新会员奖励"]);
    expect(entries).toEqual([
      {
        id: `${uid}:1`,
        seq: 1,
        kind: "earned",
        amount: 50,
        balanceAfter: 50,
        reason: "",
        reasonKey: "wallet.reason.signupBonus",
        reasonParams: null,
        source: "signup_bonus",
        ref: "signup_bonus",
        createdAt: T,
        expiresAt: at("2097-01-01T00:00:00+08:00"),
      },
    ]);
  });

  it("is decided by the first call: no bonus configured → none later either; an earlier earning does not count as the bonus", async () => {
    const a = newWallet();
    expect(await a.stub.ensureMember({ uid: a.uid, now: T, rules: rules({ newMemberBonus: 0 }) })).toMatchObject({
      ok: true,
      balance: 0,
      bonusGranted: false,
    });
    expect(await a.stub.ensureMember({ uid: a.uid, now: T, rules: rules({ newMemberBonus: 80 }) })).toMatchObject({
      balance: 0,
      bonusGranted: false,
    });
    expect((await a.stub.audit(T)).entries).toBe(0);

    const b = newWallet();
    await b.stub.earn({ uid: b.uid, ref: "p", reason: "p", source: "purchase", points: 10, now: T, rules: rules() });
    expect(await b.stub.ensureMember({ uid: b.uid, now: T, rules: rules({ newMemberBonus: 80 }) })).toMatchObject({
      ok: true,
      balance: 90,
      bonusGranted: true,
    });
    await expectHealthy(b.stub, T);
  });

  it("a wallet refuses calls for another uid", async () => {
    const { uid, stub } = newWallet();
    await stub.ensureMember({ uid, now: T, rules: rules() });
    const error = await stub
      .earn({ uid: "someone-else", ref: "x", reason: "x", source: "task", points: 1, now: T, rules: rules() })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(String(error)).toMatch(/someone-else/);
    expect((await stub.audit(T)).entries).toBe(1);
  });
});

describe("summary", () => {
  it("of a wallet nobody has used: zeros, the first tier, and nothing written", async () => {
    const { uid, stub } = newWallet();
    const s = await stub.summary({ uid, now: T, rules: rules() });
    expect(s).toEqual({
      uid,
      balance: 0,
      tier: { key: "standard", name: "普通", multiplier: 1, threshold: 0 },
      nextTier: { key: "gold", name: "黄金", multiplier: 1.2, threshold: 2000, remaining: 2000 },
      earnedLast12Months: 0,
      expiring: [],
      checkin: {
        today: "2095-08-08",
        checkedInToday: false,
        streak: 0,
        nextReward: 5,
        monthDates: [],
        madeUpDates: [],
        makeup: { cost: 20, perMonth: 2, left: 2 },
      },
      birthday: null,
    });
    expect(await stub.drainOutbox()).toEqual({ ok: true, sent: 0, projectedSeq: 0 });
  });

  it("groups expiring points by instant, soonest first", async () => {
    const { uid, stub } = newWallet();
    const month = rules({ expiry: { kind: "end_of_month" } });
    const year = rules();
    await stub.earn({ uid, ref: "a", reason: "a", source: "purchase", points: 10, now: T, rules: year });
    await stub.earn({ uid, ref: "b", reason: "b", source: "purchase", points: 20, now: T, rules: month });
    await stub.earn({ uid, ref: "c", reason: "c", source: "purchase", points: 30, now: T + 1, rules: month });
    await stub.earn({
      uid,
      ref: "d",
      reason: "d",
      source: "purchase",
      points: 40,
      now: T,
      rules: rules({ expiry: { kind: "never" } }),
    });
    await stub.deduct({ uid, ref: "x", reason: "x", points: 5, now: T + 2, rules: year });
    const s = await stub.summary({ uid, now: T + 2, rules: year });
    expect(s.balance).toBe(95);
    expect(s.expiring).toEqual([
      { points: 45, expiresAt: at("2095-09-01T00:00:00+08:00") },
      { points: 10, expiresAt: at("2097-01-01T00:00:00+08:00") },
    ]);
  });
});

describe("ledger", () => {
  it("pages newest first with a seq cursor", async () => {
    const { uid, stub } = newWallet();
    const r = rules();
    for (let i = 1; i <= 25; i++)
      await stub.earn({ uid, ref: `e${i}`, reason: `e${i}`, source: "purchase", points: i, now: T + i, rules: r });
    const p1 = await stub.ledger({ limit: 10 });
    expect(p1.entries.map((e) => e.seq)).toEqual([25, 24, 23, 22, 21, 20, 19, 18, 17, 16]);
    expect(p1.entries[0]).toMatchObject({
      id: `${uid}:25`,
      ref: "e25",
      amount: 25,
      balanceAfter: 325,
      createdAt: T + 25,
    });
    expect(p1.nextCursor).toBe(16);
    const p2 = await stub.ledger({ limit: 10, cursor: 16 });
    expect(p2.entries.map((e) => e.seq)).toEqual([15, 14, 13, 12, 11, 10, 9, 8, 7, 6]);
    const p3 = await stub.ledger({ limit: 10, cursor: p2.nextCursor! });
    expect(p3.entries.map((e) => e.seq)).toEqual([5, 4, 3, 2, 1]);
    expect(p3.nextCursor).toBeNull();
    expect((await stub.ledger({ limit: 5, cursor: 6 })).nextCursor).toBeNull();
    expect((await stub.ledger({ limit: 0 })).entries).toHaveLength(1);
    expect((await stub.ledger({ limit: 1000 })).entries).toHaveLength(25);
    expect(await newWallet().stub.ledger({ limit: 10 })).toEqual({ entries: [], nextCursor: null });
  });
});

describe("pointsPage", () => {
  it("answers what summary() and ledger() answer, in one call, for new and used wallets", async () => {
    const fresh = newWallet();
    const r = rules();
    expect(await fresh.stub.pointsPage({ uid: fresh.uid, now: T, rules: r, limit: 5 })).toEqual({
      summary: await fresh.stub.summary({ uid: fresh.uid, now: T, rules: r }),
      ledger: await fresh.stub.ledger({ limit: 5 }),
    });

    const { uid, stub } = newWallet();
    for (let i = 1; i <= 7; i++)
      await stub.earn({ uid, ref: `p${i}`, reason: `p${i}`, source: "purchase", points: 10 * i, now: T + i, rules: r });
    const page = await stub.pointsPage({ uid, now: T + 10, rules: r, limit: 3 });
    expect(page.summary).toEqual(await stub.summary({ uid, now: T + 10, rules: r }));
    expect(page.summary.balance).toBe(280);
    expect(page.ledger).toEqual(await stub.ledger({ limit: 3 }));
    expect(page.ledger.entries.map((e) => e.amount)).toEqual([70, 60, 50]);
    const next = await stub.pointsPage({ uid, now: T + 10, rules: r, limit: 3, cursor: page.ledger.nextCursor! });
    expect(next.ledger).toEqual(await stub.ledger({ limit: 3, cursor: page.ledger.nextCursor! }));
    await expectHealthy(stub, T + 10);
  });
});

describe("summary reuse (the object keeps its last answer while nothing can change it)", () => {
  it("answers as a fresh read would: after a write, at a lot's expiry, at local midnight, under other rules", async () => {
    const { uid, stub } = newWallet();
    const r = rules({ expiry: { kind: "days", days: 1 }, newMemberBonus: 0 });
    const DAY = 86_400_000;
    await stub.earn({ uid, ref: "p1", reason: "p", source: "purchase", points: 10, now: T, rules: r });
    const first = await stub.summary({ uid, now: T, rules: r });
    expect(await stub.summary({ uid, now: T + 1000, rules: r })).toEqual(first);
    // a write shows at once
    await stub.earn({ uid, ref: "p2", reason: "p", source: "purchase", points: 5, now: T + 2000, rules: r });
    expect((await stub.summary({ uid, now: T + 3000, rules: r })).balance).toBe(15);
    await stub.checkin({ uid, now: T + 4000, rules: r });
    const checked = await stub.summary({ uid, now: T + 5000, rules: r });
    expect(checked.checkin.checkedInToday).toBe(true);
    // T is 12:00 in Shanghai: the next local day begins 12 h later, and the check-in is yesterday's
    const midnight = at("2095-08-09T00:00:00+08:00");
    expect((await stub.summary({ uid, now: midnight - 1, rules: r })).checkin.checkedInToday).toBe(true);
    const nextDay = await stub.summary({ uid, now: midnight, rules: r });
    expect(nextDay.checkin.checkedInToday).toBe(false);
    expect(nextDay.balance).toBe(checked.balance);
    // the first lot expires at T + 1 day (not a midnight): the balance drops at that instant
    expect((await stub.summary({ uid, now: T + DAY - 1, rules: r })).balance).toBe(checked.balance);
    const after = await stub.summary({ uid, now: T + DAY, rules: r });
    expect(after.balance).toBe(checked.balance - 10);
    expect(after.expiring.map((e) => e.expiresAt)).not.toContain(T + DAY);
    // other rules: read again
    expect((await stub.summary({ uid, now: T + DAY, rules: { ...r, checkinTable: [7] } })).checkin.nextReward).toBe(7);
    await expectHealthy(stub, T + DAY);
  });
});

describe("ledger reuse (the object keeps its last page until a transaction commits)", () => {
  it("answers as a fresh read would: after a write, a refusal, an expiry at its instant, for another page", async () => {
    const { uid, stub } = newWallet();
    const r = rules({ expiry: { kind: "days", days: 1 }, newMemberBonus: 0 });
    const DAY = 86_400_000;
    const amounts = async (input: { limit: number; cursor?: number }) =>
      (await stub.ledger(input)).entries.map((e) => `${e.kind}:${e.amount}`);
    await stub.earn({ uid, ref: "p1", reason: "p", source: "purchase", points: 10, now: T, rules: r });
    const first = await stub.pointsPage({ uid, now: T, rules: r, limit: 2 });
    expect(await stub.ledger({ limit: 2 })).toEqual(first.ledger);
    // a write shows at once, through pointsPage and ledger alike
    await stub.earn({ uid, ref: "p2", reason: "p", source: "purchase", points: 5, now: T + 1000, rules: r });
    expect(
      (await stub.pointsPage({ uid, now: T + 2000, rules: r, limit: 2 })).ledger.entries.map((e) => e.amount),
    ).toEqual([5, 10]);
    await stub.deduct({ uid, ref: "d1", reason: "d", points: 3, now: T + 3000, rules: r });
    expect(await amounts({ limit: 2 })).toEqual(["adjusted:-3", "earned:5"]);
    // a refused deduct writes nothing, and the page stays what it was
    expect(await stub.deduct({ uid, ref: "d2", reason: "d", points: 999, now: T + 4000, rules: r })).toMatchObject({
      ok: false,
    });
    expect(await amounts({ limit: 2 })).toEqual(["adjusted:-3", "earned:5"]);
    // another page, then the first again: each as read
    const page = await stub.ledger({ limit: 2 });
    expect(await amounts({ limit: 2, cursor: page.nextCursor! })).toEqual(["earned:10"]);
    expect(await amounts({ limit: 3 })).toEqual(["adjusted:-3", "earned:5", "earned:10"]);
    // the first lot expires at T + 1 day: 我的积分 at that instant shows the expiry entry
    const expired = await stub.pointsPage({ uid, now: T + DAY, rules: r, limit: 2 });
    expect(expired.ledger.entries[0]).toMatchObject({ kind: "expired", amount: -7 });
    expect(expired.ledger).toEqual(await stub.ledger({ limit: 2 }));
    await expectHealthy(stub, T + DAY);
  });
});
