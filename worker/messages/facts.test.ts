// Messages come from facts already recorded, written by the triggers of migration 0018 beside them: a task's
// reward and a coupon order through their real routes; a lottery's points and item prizes and a group's outcome
// as their objects' outboxes project them (the same upserts, replayed: still one message each).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, withRef } from "../api/test-client";
import { prizeOrderKey, prizeRef } from "../lottery/deliver";
import { get, login } from "../shop/test-session";
import { claim, newTask } from "../tasks/test-support";
import { eventually } from "../webhooks/test-webhooks";
import { redeem } from "../redeem/redeem";
import { db, messagesOf } from "./test-support";

const kindOf = async (uid: string, kind: string) => (await messagesOf(uid)).filter((m) => m.kind === kind);

describe("messages from facts", () => {
  it("a task's reward, once the wallet's ledger reaches Turso; linking to 任务中心", async () => {
    const m = await login();
    const id = await newTask({ kind: "visit", target: "/flash", points: 9, title: "逛逛秒杀" });
    await get("/flash", m.cookie);
    expect((await claim(m, id)).status).toBe(200);
    const [msg] = await eventually(async () => {
      const rows = await kindOf(m.uid, "task_reward");
      return rows.length > 0 ? rows : undefined;
    });
    expect(msg).toMatchObject({ link: "/tasks" });
    expect(JSON.parse(msg!.params)).toMatchObject({ points: 9 });
    const html = await (await get("/messages", m.cookie)).text();
    expect(html).toContain("任务奖励到账");
    expect(html).toMatch(/逛逛秒杀.*获得 9 积分/);
  });

  it("a coupon issued when its order completes with its codes", async () => {
    const m = await login();
    const item = await call("POST", "/api/v1/items", {
      sku: `C-${crypto.randomUUID().slice(0, 8).toUpperCase()}`,
      name: "咖啡券",
      type: "coupon",
      points: 10,
      stock: 2,
    });
    expect(item.status, JSON.stringify(item.json)).toBe(201);
    const tag = crypto.randomUUID().slice(0, 6);
    expect(
      (await call("POST", `/api/v1/items/${item.json.id}/codes`, withRef({ codes: [`Q-${tag}-1`, `Q-${tag}-2`] })))
        .status,
    ).toBe(200);
    const r = await redeem(env, db(), {
      uid: m.uid,
      itemId: item.json.id,
      qty: 1,
      key: crypto.randomUUID(),
      address: null,
      now: Date.now(),
    });
    if (!r.ok) throw new Error(r.code);
    const rows = await eventually(async () => {
      const x = await kindOf(m.uid, "coupon_issued");
      return x.length > 0 ? x : undefined;
    });
    expect(rows).toEqual([expect.objectContaining({ link: `/me/orders/${r.order.id}` })]);
    expect((await messagesOf(m.uid)).map((x) => x.kind)).not.toContain("lottery_prize"); // a v4 key: not a prize
  });

  it("a lottery's points prize and item prize, each once however often the projection replays", async () => {
    const uid = `lot-${crypto.randomUUID()}`;
    const lotteryId = "L0123456789ab";
    const drawKey = crypto.randomUUID();
    const ledger = () =>
      db().$client.execute({
        sql: `insert into ledger_projection (uid, seq, kind, amount, balance_after, reason, reason_key, reason_params,
            source, ref, created_at)
          values (?1, 1, 'adjusted', 88, 88, '', 'lottery.ledger.prize', '{"name":"幸运大转盘"}', 'adjust', ?2, ?3)
          on conflict do nothing`,
        args: [uid, prizeRef(lotteryId, drawKey), Date.now()],
      });
    await ledger();
    await ledger();
    const [points] = await kindOf(uid, "lottery_prize");
    expect(points).toMatchObject({ link: `/lottery/${lotteryId}` });
    expect(JSON.parse(points!.params)).toEqual({ points: 88, prize: "幸运大转盘" });

    const item = await call("POST", "/api/v1/items", {
      sku: `P-${crypto.randomUUID().slice(0, 8).toUpperCase()}`,
      name: "马克杯",
      type: "virtual",
      points: 1,
      stock: 1,
    });
    const key = await prizeOrderKey(lotteryId, drawKey);
    const orderId = `PZ${Date.now()}`;
    for (let i = 0; i < 2; i++)
      await db().$client.execute({
        sql: `insert into orders (id, key, uid, item_id, item_name, item_type, qty, points, status)
          values (?1, ?2, ?3, ?4, '马克杯', 'virtual', 1, 0, 'placed') on conflict do nothing`,
        args: [orderId, key, uid, item.json.id],
      });
    const prizes = await kindOf(uid, "lottery_prize");
    expect(prizes).toHaveLength(2);
    expect(prizes[1]).toMatchObject({ link: `/me/orders/${orderId}` });
    expect(JSON.parse(prizes[1]!.params)).toEqual({ prize: "马克杯", orderId });
  });

  it("a group's outcome to every member who took a seat, once, as the group object's outbox projects it", async () => {
    const groupId = `G${crypto.randomUUID().replace(/-/g, "").slice(0, 12)}`;
    const [a, b, gone] = ["a", "b", "c"].map((x) => `grp-${x}-${crypto.randomUUID()}`) as [string, string, string];
    const now = Date.now();
    const seat = (uid: string, state: string, rev: number) =>
      db().$client.execute({
        sql: `insert into group_members (key, group_id, uid, state, points, joined_at, updated_at, rev)
          values (?1, ?2, ?3, ?4, 10, ?5, ?5, ?6)
          on conflict (key) do update set state = excluded.state, rev = excluded.rev where excluded.rev > rev`,
        args: [`${groupId}:${uid}`, groupId, uid, state, now, rev],
      });
    const group = (state: string, rev: number) =>
      db().$client.execute({
        sql: `insert into groups (id, deal_id, item_id, item_name, size, points_price, leader_uid, state, taken, deadline,
            opened_at, rev, updated_at)
          values (?1, 'D1', 1, '双人下午茶', 2, 10, ?2, ?3, 2, ?4, ?4, ?5, ?4)
          on conflict (id) do update set state = excluded.state, rev = excluded.rev where excluded.rev > rev`,
        args: [groupId, a, state, now, rev],
      });
    await seat(a, "holding", 1);
    await seat(gone, "released", 1);
    await group("open", 1);
    await seat(b, "holding", 1);
    await seat(a, "refunded", 2);
    await seat(b, "refunded", 2);
    await group("failed", 2);
    await group("failed", 2); // the same batch again: nothing
    for (const uid of [a, b]) {
      const rows = await kindOf(uid, "group_result");
      expect(rows).toEqual([expect.objectContaining({ link: `/groups/${groupId}`, dedupeKey: `group:${groupId}` })]);
      expect(JSON.parse(rows[0]!.params)).toMatchObject({ state: "failed", item: "双人下午茶" });
    }
    expect(await kindOf(gone, "group_result")).toEqual([]);
  });
});
