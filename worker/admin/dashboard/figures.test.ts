// dashboardFigures against a known scenario in its own database (dashboardDbUrl: migrated, unseeded, written
// by this file only), so every figure can be asserted exactly, including merchant-local day boundaries in
// Asia/Shanghai (UTC+8: local midnight is 16:00 UTC) and a 25-hour day in America/New_York.
import { beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "../../../db/client";
import { inArray } from "drizzle-orm";
import { balanceProjection, items, ledgerProjection, members, orders, pageViews } from "../../../db/schema";
import { DAY_MS } from "../../wallet/local-time";
import { memberFigures } from "../settings/member-figures";
import { dashboardFigures } from "./figures";

const db = getDb(inject("dashboardDbUrl"));
const SH = "Asia/Shanghai";
/** 2026-11-23 10:00 in Shanghai. */
const NOW = Date.parse("2026-11-23T02:00:00Z");
const TODAY_START = Date.parse("2026-11-22T16:00:00Z"); // 2026-11-23 00:00 Shanghai
const FIRST_START = Date.parse("2026-10-24T16:00:00Z"); // 2026-10-25 00:00 Shanghai: the first of the 30 days

type Entry = [
  uid: string,
  kind: "earned" | "spent" | "refunded" | "expired" | "adjusted",
  amount: number,
  source: string,
  at: number,
];
const LEDGER: Entry[] = [
  // today
  ["a", "earned", 5, "checkin", TODAY_START],
  ["a", "earned", 100, "purchase", NOW - 3600_000],
  ["a", "adjusted", 20, "adjust", NOW - 1800_000],
  ["a", "adjusted", -7, "deduct", NOW - 1700_000], // a deduction: neither issued nor spent
  ["a", "spent", -60, "spend", NOW - 1600_000],
  ["a", "refunded", 10, "refund", NOW - 1500_000],
  ["a", "expired", -3, "expiry", NOW - 1400_000],
  // yesterday (the last millisecond of 2026-11-22 in Shanghai)
  ["b", "earned", 8, "checkin", TODAY_START - 1],
  ["b", "spent", -30, "spend", TODAY_START - 1],
  // the first day of the 30
  ["c", "earned", 50, "signup_bonus", FIRST_START],
  ["c", "expired", -4, "expiry", FIRST_START + 1],
  // New York's DST change (2026-11-01, 25 hours there); 2026-11-01 / 11-02 in Shanghai
  ["d", "earned", 1, "task", Date.parse("2026-11-01T04:30:00Z")], // NY 11-01 00:30 EDT · SH 11-01
  ["d", "earned", 2, "task", Date.parse("2026-11-02T04:30:00Z")], // NY 11-01 23:30 EST · SH 11-02
  ["d", "earned", 4, "task", Date.parse("2026-11-02T05:00:00Z")], // NY 11-02 00:00 EST · SH 11-02
  // before the 30 days: 30 and 31 days ago
  ["e", "earned", 1000, "purchase", FIRST_START - 1],
  ["e", "earned", 5, "checkin", FIRST_START - 1],
  ["e", "spent", -900, "spend", FIRST_START - 1],
  ["e", "earned", 999, "purchase", NOW - 31 * DAY_MS],
];

beforeAll(async () => {
  const seqs = new Map<string, number>();
  const ledgerRows = LEDGER.map(([uid, kind, amount, source, at]) => {
    const seq = (seqs.get(uid) ?? 0) + 1;
    seqs.set(uid, seq);
    return { uid, seq, kind, amount, balanceAfter: 0, reason: "scenario", source, ref: `${uid}-${seq}`, createdAt: at };
  });
  const [coffee, mug] = await db
    .insert(items)
    .values([
      { sku: "dash-coffee", slug: "dash-coffee", name: "咖啡券", type: "coupon" as const, points: 100 },
      { sku: "dash-mug", slug: "dash-mug", name: "马克杯", type: "physical" as const, points: 300 },
    ])
    .returning({ id: items.id });
  const order = (
    id: string,
    itemId: number,
    itemName: string,
    qty: number,
    points: number,
    status: "placed" | "shipped" | "completed" | "cancelled",
    at: number,
  ) => ({
    id,
    key: `key-${id}`,
    uid: "a",
    itemId,
    itemName,
    qty,
    points,
    status,
    createdAt: at,
    updatedAt: at,
  });
  const view = (day: string, visitor: string) => ({ day, path: "/", visitor, at: NOW });
  await db.batch([
    db.insert(ledgerProjection).values(ledgerRows),
    db
      .insert(orders)
      .values([
        order("o-today", coffee!.id, "咖啡券", 2, 200, "placed", NOW - 1000),
        order("o-cancelled", mug!.id, "马克杯", 1, 300, "cancelled", NOW - 900),
        order("o-yesterday", mug!.id, "马克杯", 1, 300, "completed", TODAY_START - 1),
        order("o-first", coffee!.id, "咖啡券", 1, 100, "shipped", FIRST_START),
        order("o-old", mug!.id, "马克杯", 5, 1500, "placed", FIRST_START - 1),
      ]),
    db
      .insert(pageViews)
      .values([
        ...["v1", "v1", "v1", "v2"].map((v) => view("2026-11-23", v)),
        ...["v1", "v3", "v3"].map((v) => view("2026-11-22", v)),
        view("2026-10-25", "v4"),
        view("2026-10-24", "v5"),
      ]),
    db.insert(balanceProjection).values([
      {
        uid: "a",
        balance: 500,
        tier: "normal",
        expiring: [
          { expiresAt: NOW - 1000, points: 10 }, // due, not yet expired by the alarm
          { expiresAt: NOW + 10 * DAY_MS, points: 100 },
          { expiresAt: NOW + 30 * DAY_MS, points: 50 },
          { expiresAt: NOW + 89 * DAY_MS, points: 70 },
          { expiresAt: NOW + 200 * DAY_MS, points: 200 },
        ],
      },
      { uid: "b", balance: 300, tier: "normal", expiring: [] },
      { uid: "c", balance: 40, tier: "normal", expiring: [{ expiresAt: NOW + 29 * DAY_MS, points: 40 }] },
    ]),
  ]);
});

describe("dashboardFigures", () => {
  it("counts today and the last 30 merchant-local days exactly", async () => {
    const f = await dashboardFigures(db, { now: NOW, timeZone: SH });
    expect(f.today).toBe("2026-11-23");
    expect(f.from).toBe("2026-10-25");
    expect(f.days).toHaveLength(30);
    expect(f.days[0]!.day).toBe("2026-10-25");
    expect(f.days[29]!.day).toBe("2026-11-23");

    expect(f.todayTotals).toEqual({
      views: 4,
      visitors: 2,
      checkins: 1,
      issued: 125,
      spent: 50,
      expired: 3,
      orders: 1,
      pointsRedeemed: 200,
      redemptionRate: 0.4,
    });
    expect(f.last30).toEqual({
      views: 8,
      visitors: 4,
      checkins: 2,
      issued: 125 + 8 + 50 + 7,
      spent: 50 + 30,
      expired: 3 + 4,
      orders: 3,
      pointsRedeemed: 600,
      redemptionRate: 80 / 190,
    });
    expect(f.topItems).toEqual([
      { itemId: expect.any(Number), name: "咖啡券", units: 3, points: 300 },
      { itemId: expect.any(Number), name: "马克杯", units: 1, points: 300 },
    ]);
    expect(f.liability).toBe(840);
    expect(f.expiring30).toBe(10 + 100 + 40);
    expect(f.expiring90).toBe(10 + 100 + 40 + 50 + 70);
  });

  it("puts each event on its local day, with zeros on quiet days", async () => {
    const f = await dashboardFigures(db, { now: NOW, timeZone: SH });
    const day = (d: string) => f.days.find((x) => x.day === d);
    expect(day("2026-11-23")).toEqual({ day: "2026-11-23", views: 4, visitors: 2, issued: 125, spent: 50 });
    expect(day("2026-11-22")).toEqual({ day: "2026-11-22", views: 3, visitors: 2, issued: 8, spent: 30 });
    expect(day("2026-11-01")).toEqual({ day: "2026-11-01", views: 0, visitors: 0, issued: 1, spent: 0 });
    expect(day("2026-11-02")).toEqual({ day: "2026-11-02", views: 0, visitors: 0, issued: 6, spent: 0 });
    expect(day("2026-10-25")).toEqual({ day: "2026-10-25", views: 1, visitors: 1, issued: 50, spent: 0 });
    expect(day("2026-11-10")).toEqual({ day: "2026-11-10", views: 0, visitors: 0, issued: 0, spent: 0 });
    expect(f.days.reduce((a, d) => a + d.issued, 0)).toBe(f.last30.issued);
  });

  it("groups by the merchant's own days across a DST change (America/New_York, 2026-11-01 is 25 hours)", async () => {
    const f = await dashboardFigures(db, { now: NOW, timeZone: "America/New_York" });
    expect(f.today).toBe("2026-11-22"); // 21:00 EST
    const day = (d: string) => f.days.find((x) => x.day === d)!;
    expect(day("2026-11-01").issued).toBe(1 + 2);
    expect(day("2026-11-02").issued).toBe(4);
  });

  it("answers zeros and no rate for a period with nothing issued", async () => {
    const f = await dashboardFigures(db, { now: NOW + 400 * DAY_MS, timeZone: SH });
    expect(f.last30).toEqual({
      views: 0,
      visitors: 0,
      checkins: 0,
      issued: 0,
      spent: 0,
      expired: 0,
      orders: 0,
      pointsRedeemed: 0,
      redemptionRate: null,
    });
    expect(f.topItems).toEqual([]);
    expect(f.liability).toBe(840);
    expect(f.expiring30).toBe(10 + 100 + 50 + 70 + 40 + 200); // all due by then
  });
});

// The settings preview's members-per-tier counts read the same projection; this database is this file's
// alone, so the counts are exact here.
describe("memberFigures (the rules preview)", () => {
  it("counts every member, those with no projected balance yet as 0 earned", async () => {
    const projected = (await db.select({ uid: balanceProjection.uid }).from(balanceProjection)).length;
    const uids = [`mf-${crypto.randomUUID()}`, `mf-${crypto.randomUUID()}`];
    await db.insert(members).values(uids.map((uid) => ({ uid })));
    try {
      const tiers = [
        { key: "standard", name: "普通", threshold: 0, multiplier: 1 },
        { key: "top", name: "顶级", threshold: 1, multiplier: 2 },
      ];
      const f = await memberFigures(db, [tiers], NOW);
      expect(f.atLeast(0)).toBe(projected + 2);
      expect(f.atLeast(1)).toBeLessThanOrEqual(projected);
    } finally {
      await db.delete(members).where(inArray(members.uid, uids));
    }
  });
});
