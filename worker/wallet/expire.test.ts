// Expiry through the wallet: each policy, the Shanghai year-end edge, idempotent passes, earliest-expiring
// lots spent first, operations catching up with time first, and the alarm on the real clock.
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { WalletRules } from "./types";
import { DAY, MINUTE, at, expectHealthy, newWallet, rules } from "./test-support";

const E = at("2093-05-10T04:00:00Z"); // 2093-05-10 12:00 Shanghai

function earnWith(
  stub: ReturnType<typeof newWallet>["stub"],
  uid: string,
  ref: string,
  points: number,
  now: number,
  r: WalletRules,
) {
  return stub.earn({ uid, ref, reason: ref, source: "purchase", points, now, rules: r });
}

describe("expiry", () => {
  it("days: expires exactly N×24h after earning, once", async () => {
    const { uid, stub } = newWallet();
    const r = rules({ expiry: { kind: "days", days: 30 } });
    await earnWith(stub, uid, "e", 100, E, r);
    expect(await stub.expireDue(E + 30 * DAY - 1)).toEqual({ expired: 0, points: 0, balance: 100 });
    expect(await stub.expireDue(E + 30 * DAY)).toEqual({ expired: 1, points: 100, balance: 0 });
    expect(await stub.expireDue(E + 30 * DAY)).toEqual({ expired: 0, points: 0, balance: 0 });
    expect(await stub.expireDue(E + 400 * DAY)).toEqual({ expired: 0, points: 0, balance: 0 });
    const { entries } = await stub.ledger({ limit: 10 });
    expect(entries[0]).toMatchObject({
      kind: "expired",
      amount: -100,
      balanceAfter: 0,
      source: "expiry",
      ref: "expiry:1",
      createdAt: E + 30 * DAY,
      expiresAt: null,
    });
    expect(entries).toHaveLength(2);
    await expectHealthy(stub, E + 400 * DAY);
  });

  it("end_of_month: earned at 23:59 on the last local day expires one minute later", async () => {
    const { uid, stub } = newWallet();
    const r = rules({ expiry: { kind: "end_of_month" } });
    const lastMinute = at("2093-05-31T15:59:00Z"); // 23:59 May 31 in Shanghai
    const e = await earnWith(stub, uid, "e", 40, lastMinute, r);
    expect(e).toMatchObject({ ok: true });
    expect((await stub.ledger({ limit: 1 })).entries[0]!.expiresAt).toBe(at("2093-06-01T00:00:00+08:00"));
    expect((await stub.summary({ uid, now: lastMinute, rules: r })).expiring).toEqual([
      { points: 40, expiresAt: lastMinute + MINUTE },
    ]);
    expect(await stub.expireDue(lastMinute + MINUTE - 1)).toMatchObject({ expired: 0 });
    expect(await stub.expireDue(lastMinute + MINUTE)).toMatchObject({ expired: 1, points: 40, balance: 0 });
  });

  it("end_of_year K=1: earned 12-31 23:30 in Shanghai expires at 00:00 +08:00 on January 1 two years on", async () => {
    const { uid, stub } = newWallet();
    const r = rules(); // the default: end_of_year, 1 year
    // The brief's instant (2026): only the computed expiry is asserted, since the real clock will pass it.
    const brief = await stub.earn({
      uid,
      ref: "brief",
      reason: "b",
      source: "purchase",
      points: 1,
      now: at("2026-12-31T15:30:00Z"),
      rules: r,
    });
    expect(brief).toMatchObject({ ok: true });
    const earned = (await stub.ledger({ limit: 10 })).entries.find((x) => x.ref === "brief");
    expect(earned?.expiresAt).toBe(at("2028-01-01T00:00:00+08:00"));

    const w = newWallet();
    const earnedAt = at("2096-12-31T15:30:00Z"); // 23:30 on 2096-12-31 in Shanghai
    const expiresAt = at("2098-01-01T00:00:00+08:00");
    await earnWith(w.stub, w.uid, "e", 70, earnedAt, r);
    await earnWith(w.stub, w.uid, "f", 30, earnedAt + 60 * MINUTE, r); // 2097-01-01 00:30 local → a year later
    expect((await w.stub.summary({ uid: w.uid, now: earnedAt + 60 * MINUTE, rules: r })).expiring).toEqual([
      { points: 70, expiresAt },
      { points: 30, expiresAt: at("2099-01-01T00:00:00+08:00") },
    ]);
    expect(await w.stub.expireDue(expiresAt - 1)).toMatchObject({ expired: 0, balance: 100 });
    expect(await w.stub.expireDue(expiresAt)).toMatchObject({ expired: 1, points: 70, balance: 30 });
    await expectHealthy(w.stub, expiresAt);
  });

  it("never: nothing expires and nothing is listed as expiring", async () => {
    const { uid, stub } = newWallet();
    const r = rules({ expiry: { kind: "never" } });
    await earnWith(stub, uid, "e", 10, E, r);
    expect(await stub.expireDue(E + 100 * 365 * DAY)).toMatchObject({ expired: 0, balance: 10 });
    expect((await stub.summary({ uid, now: E, rules: r })).expiring).toEqual([]);
  });

  it("spending consumes the earliest-expiring lots first, never-expiring last, ties by earning time", async () => {
    const { uid, stub } = newWallet();
    await earnWith(stub, uid, "never", 100, E, rules({ expiry: { kind: "never" } }));
    await earnWith(stub, uid, "year", 100, E + 1, rules({ expiry: { kind: "end_of_year", years: 1 } })); // 2095-01-01
    await earnWith(stub, uid, "month-b", 100, E + 3, rules({ expiry: { kind: "end_of_month" } })); // 2093-06-01
    await earnWith(stub, uid, "month-a", 100, E + 2, rules({ expiry: { kind: "end_of_month" } })); // same expiry, earned earlier
    await earnWith(stub, uid, "days", 100, E + 4, rules({ expiry: { kind: "days", days: 5 } })); // 2093-05-15: first
    const r = rules();
    expect(await stub.deduct({ uid, ref: "d1", reason: "d", points: 150, now: E + 5, rules: r })).toMatchObject({
      ok: true,
      balance: 350,
    });
    const lots = await runInDurableObject(stub, (_, state) =>
      state.storage.sql
        .exec<{ source: string; remaining: number; entry_seq: number }>(
          "select l.remaining, e.ref as source, l.entry_seq from lots l join ledger e on e.seq = l.entry_seq order by l.id",
        )
        .toArray()
        .map((x) => [x.source, x.remaining]),
    );
    // days (100) first, then month-a (earned before month-b) gives 50.
    expect(lots).toEqual([
      ["never", 100],
      ["year", 100],
      ["month-b", 100],
      ["month-a", 50],
      ["days", 0],
    ]);
    expect(await stub.deduct({ uid, ref: "d2", reason: "d", points: 300, now: E + 6, rules: r })).toMatchObject({
      ok: true,
      balance: 50,
    });
    const s = await stub.summary({ uid, now: E + 6, rules: r });
    expect(s.expiring).toEqual([]); // what is left is the never-expiring lot
    expect(s.balance).toBe(50);
    await expectHealthy(stub, E + 6);
  });

  it("expires what is left of a partly spent lot; every operation expires due lots first", async () => {
    const { uid, stub } = newWallet();
    const r = rules({ expiry: { kind: "days", days: 10 } });
    await earnWith(stub, uid, "e", 100, E, r);
    await stub.deduct({ uid, ref: "d", reason: "d", points: 30, now: E + DAY, rules: r });
    // 11 days on, the lot is gone: the deduct sees a 0 balance and is refused — and, refused, writes nothing.
    expect(await stub.deduct({ uid, ref: "d2", reason: "d", points: 1, now: E + 11 * DAY, rules: r })).toMatchObject({
      ok: false,
      code: "INSUFFICIENT_POINTS",
    });
    const before = await stub.audit(E + 11 * DAY);
    expect([before.balance, before.duePoints, before.entries]).toEqual([70, 70, 2]);
    // An earning at that time records the expiry first.
    expect(await earnWith(stub, uid, "e2", 5, E + 11 * DAY, r)).toMatchObject({ ok: true, balance: 5 });
    const { entries } = await stub.ledger({ limit: 10 });
    expect(entries.map((x) => [x.kind, x.amount, x.balanceAfter])).toEqual([
      ["earned", 5, 5],
      ["expired", -70, 0],
      ["adjusted", -30, 70],
      ["earned", 100, 100],
    ]);
    expect((await expectHealthy(stub, E + 11 * DAY)).duePoints).toBe(0);
  });

  it("the alarm expires due lots on the real clock", async () => {
    const { uid, stub } = newWallet();
    const r = rules({ expiry: { kind: "days", days: 1 } });
    const threeDaysAgo = Date.now() - 3 * DAY;
    await earnWith(stub, uid, "old", 25, threeDaysAgo, r);
    await runDurableObjectAlarm(stub); // (or it already ran by itself)
    const a = await stub.audit(Date.now()); // audit reads only
    expect([a.balance, a.duePoints, a.entries]).toEqual([0, 0, 2]);
    expect((await stub.ledger({ limit: 1 })).entries[0]).toMatchObject({
      kind: "expired",
      amount: -25,
      createdAt: threeDaysAgo + DAY,
    });
  });
});
