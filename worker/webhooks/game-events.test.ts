// Events of the games and of the earning sources (issue 12: lottery.won "and the new earning sources"): a draw
// that won a prize, made through the member's real page, leaves one lottery.won event once the lottery's
// outbox projects the draw (谢谢参与 and refunded draws leave none; a replayed batch adds none); the draw's
// points move as points.adjusted with source "lottery"; task, 兑换码 and referral rewards are points.earned
// whose payload names their source.
import { env, runInDurableObject } from "cloudflare:test";
import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { events, lotteryDraws } from "../../db/schema";
import { call, newRef } from "../api/test-client";
import { newBatch, redeem } from "../codes/test-support";
import { db, mallRules } from "../redeem/test-support";
import { csrfOf, get, inputValue, login, post } from "../shop/test-session";
import { newTask } from "../tasks/test-support";
import { walletFor } from "../wallet/wallet-stub";
import { lotteryFor } from "../lottery/lottery-stub";

type Body = { type: string; timestamp: string; data: Record<string, unknown> };

const eventsOf = async (uid: string) =>
  (await db().select().from(events).where(eq(events.uid, uid)).orderBy(asc(events.seq))).map((e) => ({
    ...e,
    body: JSON.parse(e.payload) as Body,
  }));

async function give(uid: string, points: number) {
  const r = await walletFor(env, uid).earn({
    uid,
    ref: `seed-${crypto.randomUUID()}`,
    reason: "测试",
    source: "purchase",
    points,
    now: Date.now(),
    rules: await mallRules(),
  });
  expect(r.ok).toBe(true);
}

async function newLottery(prizes: unknown[], over: Record<string, unknown> = {}) {
  const r = await call("POST", "/api/v1/lotteries", {
    ref: newRef("won"),
    name: "事件转盘",
    kind: "wheel",
    costPoints: 10,
    dailyLimit: 5,
    prizes,
    ...over,
  });
  expect(r.status).toBe(201);
  return r.json.id as string;
}

/** One draw through the member's page (no JS): the draw's key. */
async function drawOnPage(id: string, m: { cookie: string }): Promise<string> {
  const html = await (await get(`/lottery/${id}`, m.cookie)).text();
  const key = inputValue(html, "key")!;
  const res = await post(`/lottery/${id}/draw`, m.cookie, { key, _csrf: inputValue(html, "_csrf")! });
  expect(res.status).toBe(200);
  return key;
}

describe("lottery.won", () => {
  it("a winning draw leaves one lottery.won with member, lottery, prize and draw ref; a replayed projection adds none", async () => {
    const id = await newLottery([{ name: "66 积分", kind: "points", points: 66, weight: 1 }]);
    const m = await login();
    await give(m.uid, 100);
    const key = await drawOnPage(id, m);
    const stub = lotteryFor(env, id);
    expect((await stub.drainOutbox()).ok).toBe(true);
    await walletFor(env, m.uid).drainOutbox();

    const won = (await eventsOf(m.uid)).filter((e) => e.type === "lottery.won");
    expect(won).toHaveLength(1);
    expect(won[0]!.id).toMatch(/^evt_[0-9a-f]{32}$/);
    expect(won[0]!.body).toEqual({
      type: "lottery.won",
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      data: {
        uid: m.uid,
        lotteryId: id,
        lotteryName: "事件转盘",
        drawKey: key,
        ref: `lottery:${id}:${key}`,
        prize: { id: "p1", name: "66 积分", kind: "points", points: 66, itemId: null },
        orderId: null,
        cost: 10,
        free: false,
      },
    });
    // The draw's points: the cost and the prize, source "lottery", refs derived from the draw's.
    const pts = (await eventsOf(m.uid))
      .filter((e) => e.type === "points.adjusted")
      .map((e) => [e.body.data.points, e.body.data.source, e.body.data.ref]);
    expect(pts).toEqual([
      [-10, "lottery", `lottery:${id}:${key}`],
      [66, "lottery", `lottery:${id}:${key}:prize`],
    ]);

    // Forget the object's watermark: the draw is sent again, and nothing is invented.
    await runInDurableObject(env.LOTTERY.getByName(id), (_, s) => {
      s.storage.sql.exec("update draws set projected = 0");
    });
    expect((await stub.drainOutbox()).sent).toBe(1);
    expect((await eventsOf(m.uid)).filter((e) => e.type === "lottery.won")).toHaveLength(1);
    const rows = await db()
      .select()
      .from(lotteryDraws)
      .where(and(eq(lotteryDraws.lotteryId, id), eq(lotteryDraws.uid, m.uid)));
    expect(rows).toEqual([expect.objectContaining({ key, state: "done", prizeKind: "points", prizePoints: 66 })]);
  });

  it("谢谢参与 and a refunded draw are projected but are not wins", async () => {
    const id = await newLottery([
      { name: "限量 1 份", kind: "points", points: 5, weight: 1, stock: 0 },
      { name: "谢谢参与", kind: "none", weight: 1 },
    ]);
    const gone = await newLottery([{ name: "已抽完", kind: "points", points: 5, weight: 1, stock: 0 }]);
    const m = await login();
    await give(m.uid, 100);
    await drawOnPage(id, m);
    const html = await (await get(`/lottery/${gone}`, m.cookie)).text();
    const res = await post(`/lottery/${gone}/draw`, m.cookie, {
      key: inputValue(html, "key")!,
      _csrf: inputValue(html, "_csrf")!,
    });
    expect(await res.text()).toContain('data-result="refunded"');
    for (const l of [id, gone]) expect((await lotteryFor(env, l).drainOutbox()).sent).toBe(1);
    const states = await db().select().from(lotteryDraws).where(eq(lotteryDraws.uid, m.uid));
    expect(states.map((r) => [r.lotteryId, r.state, r.prizeKind]).sort()).toEqual(
      [
        [id, "done", "none"],
        [gone, "refunded", null],
      ].sort(),
    );
    expect((await eventsOf(m.uid)).filter((e) => e.type === "lottery.won")).toEqual([]);
  });
});

describe("earning sources in points.earned", () => {
  it("a task reward, a 兑换码 and a referral reward each say their source", async () => {
    const m = await login();
    const type = `ev${crypto.randomUUID().slice(0, 8)}`;
    await newTask({ kind: "event", target: type, points: 12, repeat: "daily", title: "事件任务" });
    expect((await call("POST", `/api/v1/members/${m.uid}/events`, { ref: newRef("ev"), type })).status).toBe(200);
    const { codes } = await newBatch({ points: 7, count: 1 });
    expect((await redeem(m, await csrfOf(m.cookie), codes[0]!)).status).toBe(200);
    // The referral's payment, as worker/referrals/settle.ts makes it.
    const ref = await walletFor(env, m.uid).earnMinted({
      uid: m.uid,
      ref: `referral:${m.uid}:invitee`,
      reason: { key: "referrals.ledger.invitee", params: {} },
      source: "referral",
      points: 9,
      finalRefusal: true,
      now: Date.now(),
      rules: await mallRules(),
    });
    expect(ref.ok).toBe(true);
    await walletFor(env, m.uid).drainOutbox();
    const earned = (await eventsOf(m.uid))
      .filter((e) => e.type === "points.earned")
      .map((e) => [e.body.data.source, e.body.data.points]);
    expect(earned).toEqual(
      expect.arrayContaining([
        ["task", 12],
        ["code", 7],
        ["referral", 9],
      ]),
    );
  });
});
