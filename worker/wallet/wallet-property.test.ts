// Property: whatever mix of earn / earnMinted (referral rewards and redeem codes, with the inviter's caps) /
// deduct / reverse / check-in / make-up check-in (补签) / birthday /
// ensureMember / expiry passes and clock jumps, under random campaign multipliers (积分翻倍日, 生日双倍积分),
// (minutes to months) a wallet sees — including bursts of 10–30 concurrent calls on one stub with
// duplicated refs — after every step the balance = the ledger sum = the last balance_after = the remaining
// points of unexpired lots, never negative; every ref has at most one entry and one answer; one check-in
// per local day.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { EarnSource, WalletRules } from "./types";
import { DAY, HOUR, MINUTE, at, capsAll, expectHealthy, newWallet, rules } from "./test-support";
import { addDays, localDate } from "./local-time";

type Call =
  | { t: "earn"; ref: string; points?: number; amountFen?: number; source: EarnSource }
  | { t: "deduct"; ref: string; points: number }
  | { t: "reverse"; ref: string; earnRef: string }
  | {
      t: "minted";
      ref: string;
      points: number;
      caps: { daily: number | null; total: number | null } | null;
      final: boolean;
    }
  | { t: "checkin" }
  | { t: "makeup"; back: number }
  | { t: "birthday"; birthday: string; by: "member" | "merchant" }
  | { t: "ensure" };
type Step = { t: "call"; call: Call } | { t: "burst"; calls: Call[] } | { t: "expire" } | { t: "jump"; ms: number };

// Small ref pools so that refs repeat, within a burst and across steps, and across operations (REF_CONFLICT).
const earnRef = fc.constantFrom("e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "shared");
const call: fc.Arbitrary<Call> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record({
        t: fc.constant("earn" as const),
        ref: earnRef,
        source: fc.constantFrom<EarnSource>("purchase", "purchase", "task", "referral", "code", "other", "checkin"),
        amount: fc.oneof(
          fc.record({ points: fc.integer({ min: 1, max: 300 }) }),
          fc.record({ amountFen: fc.integer({ min: 1, max: 60_000 }) }),
        ),
      })
      .map(({ amount, ...c }) => ({ ...c, ...amount })),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant("deduct" as const),
      ref: fc.constantFrom("d0", "d1", "d2", "d3", "shared"),
      points: fc.integer({ min: 1, max: 400 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant("reverse" as const),
      ref: fc.constantFrom("r0", "r1", "r2", "r3", "shared"),
      earnRef: fc.oneof(earnRef, fc.constant("missing")),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant("minted" as const),
      ref: fc.constantFrom(
        "referral:f1:inviter",
        "referral:f2:inviter",
        "referral:f3:inviter",
        "referral:f1:invitee",
        `code:${"a".repeat(64)}`,
        `code:${"b".repeat(64)}`,
      ),
      points: fc.integer({ min: 1, max: 300 }),
      caps: fc.oneof(
        fc.constant(null),
        fc.record({
          daily: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 2 })),
          total: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 3 })),
        }),
      ),
      final: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ t: "checkin" as const }) },
  // a day 0 (today: refused) to 40 days back (often last month: refused), or 1 ahead (the future: refused)
  {
    weight: 2,
    arbitrary: fc.integer({ min: -1, max: 40 }).map((back) => ({ t: "makeup" as const, back })),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant("birthday" as const),
      birthday: fc.constantFrom("1990-01-15", "1985-06-30", "2000-02-29", "1970-12-01"),
      by: fc.constantFrom("member" as const, "merchant" as const),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ t: "ensure" as const }) },
);
const jump = fc.oneof(
  fc.integer({ min: 1, max: 59 }).map((n) => n * MINUTE),
  fc.integer({ min: 1, max: 23 }).map((n) => n * HOUR),
  fc.integer({ min: 1, max: 10 }).map((n) => n * DAY),
  fc.integer({ min: 25, max: 200 }).map((n) => n * DAY), // about a month to half a year
);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: call.map((c) => ({ t: "call" as const, call: c })) },
  {
    weight: 2,
    arbitrary: fc.array(call, { minLength: 10, maxLength: 30 }).map((calls) => ({ t: "burst" as const, calls })),
  },
  { weight: 1, arbitrary: fc.constant({ t: "expire" as const }) },
  { weight: 3, arbitrary: jump.map((ms) => ({ t: "jump" as const, ms })) },
);
const walletRules: fc.Arbitrary<WalletRules> = fc
  .record({
    expiry: fc.oneof(
      fc.constant({ kind: "never" as const }),
      fc.integer({ min: 1, max: 60 }).map((days) => ({ kind: "days" as const, days })),
      fc.constant({ kind: "end_of_month" as const }),
      fc.integer({ min: 0, max: 2 }).map((years) => ({ kind: "end_of_year" as const, years })),
    ),
    cap: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 300 })),
    pointsPerYuan: fc.constantFrom(0.5, 1, 1.15, 2),
    campaigns: fc.array(
      fc.record({
        multiplier: fc.constantFrom(1.5, 2, 3),
        sources: fc.subarray(["purchase", "checkin", "task", "other"] as const, { minLength: 1 }),
        weekdays: fc.subarray([1, 2, 3, 4, 5, 6, 7]),
      }),
      { maxLength: 2 },
    ),
    birthday: fc.record({
      multiplier: fc.constantFrom(1, 2, 2.5),
      scope: fc.constantFrom("day" as const, "month" as const),
    }),
    makeup: fc.record({ cost: fc.integer({ min: 0, max: 60 }), perMonth: fc.integer({ min: 0, max: 3 }) }),
  })
  .map(({ expiry, cap, pointsPerYuan, campaigns, birthday, makeup }) =>
    rules({
      expiry,
      dailyCaps: capsAll(cap),
      pointsPerYuan,
      campaigns: campaigns.map((c, i) => ({
        multiplier: c.multiplier,
        weekdays: [...c.weekdays],
        sources: [...c.sources],
        id: `c${i}`,
        name: "翻倍",
        from: null,
        to: null,
        enabled: true,
      })),
      birthday: { ...birthday }, // (fast-check's records have a null prototype, which RPC cannot clone)
      makeup: { ...makeup },
    }),
  );

describe("wallet invariants (property)", () => {
  it("hold after every step of random, concurrent and repeated operations", async () => {
    await fc.assert(
      fc.asyncProperty(
        walletRules,
        fc.integer({ min: 0, max: 365 * 5 }).map((d) => at("2090-01-01T00:00:00Z") + d * DAY + 7 * HOUR),
        fc.array(step, { minLength: 4, maxLength: 14 }),
        async (r, start, steps) => {
          const { uid, stub } = newWallet("prop");
          let now = start;
          const answers = new Map<string, string>(); // "op:ref" → first ok answer (JSON)
          const checkinDates = new Set<string>();
          const makeups = new Map<string, string>(); // date → first ok answer (JSON)

          const run = async (c: Call, t: number) => {
            switch (c.t) {
              case "earn":
                return {
                  key: `earn:${c.ref}`,
                  res: await stub.earn({
                    uid,
                    ref: c.ref,
                    reason: "p",
                    source: c.source,
                    points: c.points,
                    amountFen: c.amountFen,
                    now: t,
                    rules: r,
                  }),
                };
              case "minted":
                return {
                  key: `minted:${c.ref}`,
                  res: await stub.earnMinted({
                    uid,
                    ref: c.ref,
                    reason: "p",
                    source: c.ref.startsWith("code:") ? "code" : "referral",
                    points: c.points,
                    ...(c.caps && c.ref.endsWith(":inviter")
                      ? { inviterCaps: { daily: c.caps.daily, total: c.caps.total } }
                      : {}),
                    finalRefusal: c.final,
                    now: t,
                    rules: r,
                  }),
                };
              case "deduct":
                return {
                  key: `deduct:${c.ref}`,
                  res: await stub.deduct({ uid, ref: c.ref, reason: "p", points: c.points, now: t, rules: r }),
                };
              case "reverse":
                return {
                  key: `reverse:${c.ref}`,
                  res: await stub.reverse({ uid, ref: c.ref, earnRef: c.earnRef, reason: "p", now: t, rules: r }),
                };
              case "checkin": {
                const res = await stub.checkin({ uid, now: t, rules: r });
                if (res.ok) {
                  expect(checkinDates.has(res.date), `two check-in rewards on ${res.date}`).toBe(false);
                  checkinDates.add(res.date);
                }
                return { key: null, res };
              }
              case "makeup": {
                const date = addDays(localDate(t, r.timeZone), -c.back);
                const res = await stub.makeupCheckin({ uid, date, now: t, rules: r });
                if (res.ok) {
                  const json = JSON.stringify(res);
                  const first = makeups.get(date);
                  if (first === undefined) {
                    expect(checkinDates.has(date), `a make-up of ${date}, a day already checked in`).toBe(false);
                    checkinDates.add(date);
                    makeups.set(date, json);
                  } else expect(json, `same make-up, same answer (${date})`).toBe(first);
                  expect(res.left).toBeGreaterThanOrEqual(0);
                }
                return { key: null, res };
              }
              case "birthday":
                return {
                  key: null,
                  res: await stub.setBirthday({ uid, birthday: c.birthday, by: c.by, now: t, rules: r }),
                };
              case "ensure":
                return { key: null, res: await stub.ensureMember({ uid, now: t, rules: r }) };
            }
          };
          const record = ({ key, res }: { key: string | null; res: { ok: boolean } }) => {
            if (!res.ok && "code" in res)
              expect([
                "INSUFFICIENT_POINTS",
                "DAILY_CAP_REACHED",
                "ALREADY_CHECKED_IN",
                "EARN_NOT_FOUND",
                "INVALID_AMOUNT",
                "REF_CONFLICT",
                "MAKEUP_UNAVAILABLE",
                "MAKEUP_NOT_THIS_MONTH",
                "MAKEUP_NOT_MISSED",
                "MAKEUP_FUTURE",
                "MAKEUP_LIMIT_REACHED",
                "BIRTHDAY_ALREADY_SET",
                "REFERRAL_CAP_REACHED",
              ]).toContain(res.code);
            if (!key || !res.ok) return;
            const json = JSON.stringify(res);
            const first = answers.get(key);
            if (first === undefined) answers.set(key, json);
            else expect(json, `same ref, same answer (${key})`).toBe(first);
          };

          for (const s of steps) {
            if (s.t === "jump") now += s.ms;
            else if (s.t === "expire") {
              await stub.expireDue(now);
              expect((await stub.audit(now)).duePoints).toBe(0);
            } else if (s.t === "call") record(await run(s.call, now));
            else (await Promise.all(s.calls.map((c, i) => run(c, now + i)))).forEach(record);
            await expectHealthy(stub, now);
          }

          // Every ok answer with an entry matches that entry; a ref has at most one entry.
          const entries = [];
          for (let cursor: number | undefined, more = true; more; ) {
            const page = await stub.ledger({ limit: 200, cursor });
            entries.push(...page.entries);
            cursor = page.nextCursor ?? undefined;
            more = cursor !== undefined;
          }
          const byRef = new Map(entries.map((e) => [e.ref, e]));
          for (const [key, json] of answers) {
            const ref = key.slice(key.indexOf(":") + 1);
            const a = JSON.parse(json) as {
              entryId?: string | null;
              earned?: number;
              deducted?: number;
              reversed?: number;
            };
            const e = byRef.get(ref);
            if (a.entryId == null) {
              expect(e, `no entry for ${key}`).toBeUndefined();
              continue;
            }
            expect(e?.id).toBe(a.entryId);
            const amount = a.earned ?? -(a.deducted ?? a.reversed ?? 0);
            expect(e?.amount).toBe(amount);
          }
        },
      ),
      // On a failure, shrinking gets up to a minute to find a small counterexample.
      { numRuns: 50, interruptAfterTimeLimit: 90_000, markInterruptAsFailure: true },
    );
  }, 120_000);
});
