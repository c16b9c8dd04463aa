// Periods and windows in the merchant's time zone (Asia/Shanghai, UTC+8), at their edges.
import { describe, expect, it } from "vitest";
import { periodOf, rewardRef, weekStart, windowOf } from "./periods";
import { statusOf, type MemberProgress } from "./progress";
import type { TaskDef } from "./rows";

const TZ = "Asia/Shanghai";
const at = (iso: string) => Date.parse(iso);

const task = (over: Partial<TaskDef> = {}): TaskDef => ({
  id: "T000000000001",
  title: "t",
  description: "",
  kind: "visit",
  target: "/",
  seconds: 0,
  goal: 1,
  points: 10,
  repeat: "daily",
  times: 1,
  startsAt: null,
  endsAt: null,
  tiers: [],
  questions: [],
  enabled: true,
  sort: 0,
  createdAt: 0,
  updatedAt: 0,
  ...over,
});

const progress = (over: Partial<MemberProgress> = {}): MemberProgress => ({
  marks: new Map(),
  claims: new Map(),
  answered: new Set(),
  profileComplete: false,
  ...over,
});

describe("task periods", () => {
  it("a daily task's day turns at local midnight, not UTC midnight", () => {
    const t = task({ repeat: "daily" });
    expect(periodOf(t, at("2026-12-03T15:59:59.999Z"), TZ, 0)).toBe("d:2026-12-03");
    expect(periodOf(t, at("2026-12-03T16:00:00.000Z"), TZ, 0)).toBe("d:2026-12-04");
    expect(periodOf(t, at("2026-12-03T16:00:00.000Z"), "UTC", 0)).toBe("d:2026-12-03");
  });

  it("a weekly task's week starts on the local Monday", () => {
    // 2026-12-06 is a Sunday, 2026-12-07 a Monday (local)
    expect(weekStart(at("2026-12-06T15:59:59Z"), TZ)).toBe("2026-11-30");
    expect(weekStart(at("2026-12-06T16:00:00Z"), TZ)).toBe("2026-12-07");
    const t = task({ repeat: "weekly" });
    expect(periodOf(t, at("2026-12-09T03:00:00Z"), TZ, 5)).toBe("w:2026-12-07");
  });

  it("once and N times count the rewards paid; nothing is left after the last", () => {
    expect(periodOf(task({ repeat: "once" }), 0, TZ, 0)).toBe("once");
    expect(periodOf(task({ repeat: "once" }), 0, TZ, 1)).toBeNull();
    const n = task({ repeat: "times", times: 3 });
    expect(periodOf(n, 0, TZ, 0)).toBe("n:1");
    expect(periodOf(n, 0, TZ, 2)).toBe("n:3");
    expect(periodOf(n, 0, TZ, 3)).toBeNull();
    expect(rewardRef("T000000000001", "n:3")).toBe("task:T000000000001:n:3");
  });

  it("the window opens at startsAt (inclusive) and closes at endsAt (exclusive)", () => {
    const t = task({ startsAt: 1000, endsAt: 2000 });
    expect(windowOf(t, 999)).toBe("upcoming");
    expect(windowOf(t, 1000)).toBe("open");
    expect(windowOf(t, 1999)).toBe("open");
    expect(windowOf(t, 2000)).toBe("ended");
  });

  it("states: todo, claimable, done this period, todo again the next local day, expired after the window", () => {
    const t = task({ repeat: "daily", endsAt: at("2026-12-05T16:00:00Z") });
    const day1 = at("2026-12-03T15:00:00Z"); // 23:00 local, Dec 3
    const day2 = at("2026-12-03T16:30:00Z"); // 00:30 local, Dec 4
    expect(statusOf(t, progress(), day1, TZ).state).toBe("todo");
    const visited = progress({ marks: new Map([[`${t.id}|d:2026-12-03`, 1]]) });
    expect(statusOf(t, visited, day1, TZ).state).toBe("claimable");
    const paid = progress({ ...visited, claims: new Map([[t.id, new Set(["d:2026-12-03"])]]) });
    expect(statusOf(t, paid, day1, TZ).state).toBe("done");
    expect(statusOf(t, paid, day2, TZ)).toMatchObject({ state: "todo", period: "d:2026-12-04" });
    expect(statusOf(t, paid, at("2026-12-05T16:00:00Z"), TZ).state).toBe("expired");
  });

  it("share and event tasks need their goal; profile needs a complete profile", () => {
    const s = task({ kind: "share", goal: 2, repeat: "once" });
    expect(statusOf(s, progress({ marks: new Map([[`${s.id}|once`, 1]]) }), 0, TZ)).toMatchObject({
      state: "todo",
      done: 1,
      goal: 2,
    });
    expect(statusOf(s, progress({ marks: new Map([[`${s.id}|once`, 2]]) }), 0, TZ).state).toBe("claimable");
    const p = task({ kind: "profile", repeat: "once" });
    expect(statusOf(p, progress(), 0, TZ).state).toBe("todo");
    expect(statusOf(p, progress({ profileComplete: true }), 0, TZ).state).toBe("claimable");
  });
});
