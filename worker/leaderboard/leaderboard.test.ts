// 积分排行榜 through the real Worker against Turso's ledger projection: weekly and monthly sums of earned points
// (spent and last week's entries not counted), top 50 with equal points sharing a rank, nicknames masked,
// the member's own rank shown outside the top 50, opted-out and blocked members left off, the opt-out toggle.
// The board's members earn far more than any other test's members, so they hold the top of this week.
import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { loadSettings } from "../settings/load-settings";
import { csrfOf, get, login, post } from "../shop/test-session";
import { readBoard, TOP } from "./board";
import { periodWindow } from "./periods";

const db = () => getDb(env.TURSO_DATABASE_URL);
const BIG = 900_000_000;

async function member(uid: string, nickname: string, opts: { optOut?: boolean; blocked?: boolean } = {}) {
  await db().run(sql`insert into members (uid, nickname, leaderboard_opt_out, blocked, created_at, updated_at)
    values (${uid}, ${nickname}, ${opts.optOut ? 1 : 0}, ${opts.blocked ? 1 : 0}, 0, 0)
    on conflict(uid) do update set nickname = excluded.nickname`);
}

let seq = 1_000_000; // far above any wallet's own numbering, so the outbox never overwrites these rows
async function entry(uid: string, kind: "earned" | "spent", amount: number, at: number) {
  seq += 1;
  await db().run(sql`insert into ledger_projection (uid, seq, kind, amount, balance_after, reason, source, ref, created_at)
    values (${uid}, ${seq}, ${kind}, ${amount}, 0, '测试', 'other', ${`lb-${seq}`}, ${at})`);
}

describe("积分排行榜", () => {
  it("ranks this week's earned points: top 50, ties share a rank, masked names, own rank outside the top, opt-out", async () => {
    const run = crypto.randomUUID().slice(0, 8);
    const { timeZone } = await loadSettings(db());
    const now = Date.now();
    const week = periodWindow("week", now, timeZone);
    const at = Math.max(week.from, now - 1000);

    // 54 board members: lb-0 earns most (two entries), lb-1 and lb-2 tie; spent points never count.
    const uids = Array.from({ length: 54 }, (_, i) => `lb-${run}-${i}`);
    for (const [i, uid] of uids.entries()) {
      await member(uid, i === 0 ? "张三丰" : `用户${i}号`);
      const points = BIG - (i <= 2 ? (i === 0 ? 0 : 1) : i) * 1000;
      if (i === 0) {
        await entry(uid, "earned", points - 500, at);
        await entry(uid, "earned", 500, at);
      } else await entry(uid, "earned", points, at);
      await entry(uid, "spent", -BIG, at);
    }
    // last week's earnings do not count for this week
    await entry(uids[53]!, "earned", BIG, week.from - 1);
    // an opted-out and a blocked member who would top the board
    await member(`lb-${run}-out`, "隐身人", { optOut: true });
    await entry(`lb-${run}-out`, "earned", BIG * 2, at);
    await member(`lb-${run}-blocked`, "冻结人", { blocked: true });
    await entry(`lb-${run}-blocked`, "earned", BIG * 2, at);

    const board = await readBoard(db(), week, uids[52]!);
    expect(board.top).toHaveLength(TOP);
    expect(board.top.slice(0, 4).map((r) => [r.rank, r.name, r.points])).toEqual([
      [1, "张*丰", BIG],
      [2, "用*号", BIG - 1000],
      [2, "用*号", BIG - 1000],
      [4, "用*号", BIG - 3000],
    ]);
    expect(board.top.map((r) => r.points)).toEqual([...board.top.map((r) => r.points)].sort((a, b) => b - a));
    expect(board.top.some((r) => r.points >= BIG * 2)).toBe(false);
    // lb-52 is 53rd: outside the top 50, its own row still answered
    expect(board.me).toEqual({ rank: 53, name: "用*号", points: BIG - 52_000, me: true });
    // the month counts last week's entry too (when last week's entry falls in this month)
    const month = periodWindow("month", now, timeZone);
    const m = await readBoard(db(), month, uids[53]!);
    if (week.from - 1 >= month.from) expect(m.me?.points).toBe(BIG - 53_000 + BIG);
    else expect(m.me?.points).toBe(BIG - 53_000);

    // A logged-in member far below: the page shows their own rank and a masked top.
    const { uid, cookie } = await login();
    await entry(uid, "earned", 7, at);
    const page = await (await get("/leaderboard", cookie)).text();
    expect(page).toContain("张*丰");
    expect(page).not.toContain("张三丰");
    expect(page).not.toContain("隐*人");
    expect(page).toMatch(/我的排名：第 \d+ 名，\d+ 积分/);
    const rank = Number(/我的排名：第 (\d+) 名/.exec(page)![1]);
    expect(rank).toBeGreaterThan(TOP);
    expect(page.match(/class="board__row( board__row--me)?"/g)).toHaveLength(TOP);

    // Opting out: off the board (no own rank), then back on.
    const csrf = await csrfOf(cookie);
    const out = await post("/leaderboard/opt-out", cookie, { _csrf: csrf, optOut: "1", period: "month" });
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/leaderboard?period=month&saved=out");
    const after = await (await get(out.headers.get("location")!, cookie)).text();
    expect(after).toContain("已退出排行榜");
    expect(after).toContain("你已选择不参加排行榜");
    expect(after).not.toContain("我的排名");
    const outBoard = await readBoard(db(), week, uid);
    expect(outBoard).toMatchObject({ me: null, optedOut: true });
    // the others' ranks close up: lb-52 moved by nothing (it ranks above), the member is gone from every count
    expect((await readBoard(db(), week, uids[52]!)).me?.rank).toBe(53);

    await post("/leaderboard/opt-out", cookie, { _csrf: csrf, optOut: "0", period: "week" });
    expect((await readBoard(db(), week, uid)).me?.rank).toBe(rank);

    // Bad input changes nothing.
    expect((await post("/leaderboard/opt-out", cookie, { _csrf: csrf, optOut: "yes" })).status).toBe(422);
    expect((await get("/leaderboard?period=year", cookie)).status).toBe(400);
    expect((await readBoard(db(), week, uid)).optedOut).toBe(false);
    // guests see the board, without an own rank or the form
    const guest = await (await get("/leaderboard")).text();
    expect(guest).toContain("张*丰");
    expect(guest).not.toContain("/leaderboard/opt-out");
  });

  it("answers the week's sums from the ledger_earned_idx index", async () => {
    const plan = await db().all<{ detail: string }>(
      sql`explain query plan select uid, sum(amount) from ledger_projection indexed by ledger_earned_idx
          where kind = 'earned' and created_at >= 0 and created_at < 1 group by uid`,
    );
    const text = plan.map((r) => r.detail).join("\n");
    expect(text).toContain("COVERING INDEX ledger_earned_idx");
  });
});
