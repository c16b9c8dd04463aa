// The group object through its RPC, against real wallets, stock objects and the redemption path
// (worker/group-buy/group-object.ts): concurrent joins to the last seat, double taps, expiry refunds, the
// stock running out, and a crash between the group's success and the orders, recovered by the alarm.
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { events, groupMembers, groups, orders } from "../../db/schema";
import { db, mallRules, memberWith } from "../redeem/test-support";
import { walletFor } from "../wallet/wallet-stub";
import type { GroupBuy } from "./group-object";
import { balanceOf, expectGroupInvariants, HOUR, joinInput, newGroup } from "./test-support";

describe("group buy", () => {
  it("many members racing for the last seat: exactly one wins, the rest are refused with their points intact", async () => {
    const rules = await mallRules();
    const { def, stub, itemId } = await newGroup({ size: 3, price: 60 });
    const leader = await memberWith(200, "gb");
    const second = await memberWith(200, "gb");
    expect((await stub.join(joinInput(leader, rules, { open: def(leader) }))).ok).toBe(true);
    expect((await stub.join(joinInput(second, rules))).ok).toBe(true);
    const racers = await Promise.all(Array.from({ length: 12 }, () => memberWith(200, "gb")));
    const answers = await Promise.all(racers.map((uid) => stub.join(joinInput(uid, rules))));
    const winners = answers.filter((a) => a.ok);
    expect(winners.length).toBe(1);
    for (const a of answers) if (!a.ok) expect(["GROUP_FULL", "GROUP_CLOSED"]).toContain(a.code);
    const group = (await stub.view())!;
    expect(group.state).toBe("COMPLETED");
    expect(group.seats.filter((s) => s.state === "ORDERED").length).toBe(3);
    const winner = racers[answers.findIndex((a) => a.ok)]!;
    for (const uid of racers) expect(await balanceOf(uid, rules)).toBe(uid === winner ? 140 : 200);
    expect(await balanceOf(leader, rules)).toBe(140);
    const placed = await db().select().from(orders).where(eq(orders.itemId, itemId));
    expect(placed.map((o) => o.uid).sort()).toEqual([leader, second, winner].sort());
    for (const o of placed) expect(o.points).toBe(60);
    await expectGroupInvariants(itemId, [leader, second, ...racers]);
  }, 120_000);

  it("a double tap joins and pays once", async () => {
    const rules = await mallRules();
    const { def, stub, itemId } = await newGroup({ size: 3 });
    const leader = await memberWith(100, "gb");
    const input = joinInput(leader, rules, { open: def(leader) });
    const [a, b, c] = await Promise.all([stub.join(input), stub.join(input), stub.join(input)]);
    expect(a.ok && b.ok && c.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(b.seat.key).toBe(a.seat.key);
    expect(await balanceOf(leader, rules)).toBe(40);
    const g = (await stub.view())!;
    expect(g.seats.length).toBe(1);
    expect(g.seatsLeft).toBe(2);
    // The same member with another key (a second tab) is not seated twice.
    const again = await stub.join(joinInput(leader, rules));
    expect(again).toEqual({ ok: false, code: "GROUP_ALREADY_JOINED" });
    expect(await balanceOf(leader, rules)).toBe(40);
    await expectGroupInvariants(itemId, [leader], await stub.view());
  });

  it("too few points: refused, nothing spent, the seat free for the next member", async () => {
    const rules = await mallRules();
    const { def, stub, itemId } = await newGroup({ size: 2 });
    const leader = await memberWith(100, "gb");
    const poor = await memberWith(30, "gb");
    const rich = await memberWith(100, "gb");
    await stub.join(joinInput(leader, rules, { open: def(leader) }));
    expect(await stub.join(joinInput(poor, rules))).toEqual({ ok: false, code: "INSUFFICIENT_POINTS" });
    expect(await balanceOf(poor, rules)).toBe(30);
    const r = await stub.join(joinInput(rich, rules));
    expect(r.ok && r.group.state).toBe("COMPLETED");
    await expectGroupInvariants(itemId, [leader, poor, rich]);
  });

  it("the deadline passes unfilled: the alarm refunds every member to their lots, exactly once", async () => {
    const rules = await mallRules();
    const { id, def, stub, itemId } = await newGroup({ size: 3, fillMs: 1_500 });
    const a = await memberWith(100, "gb");
    const b = await memberWith(100, "gb");
    const before = await Promise.all([a, b].map((uid) => walletFor(env, uid).summary({ uid, now: Date.now(), rules })));
    await stub.join(joinInput(a, rules, { open: def(a) }));
    await stub.join(joinInput(b, rules));
    expect(await balanceOf(a, rules)).toBe(40);
    await new Promise((r) => setTimeout(r, Math.max(0, def(a).deadline - Date.now()) + 20));
    // Past the deadline nobody joins.
    const late = await memberWith(100, "gb");
    expect(await stub.join(joinInput(late, rules))).toEqual({ ok: false, code: "GROUP_CLOSED" });
    // The object's own alarm (the deadline is its wake-up).
    await runDurableObjectAlarm(env.GROUP_BUY.getByName(id));
    const g = (await stub.view())!;
    expect(g.state).toBe("FAILED");
    expect(g.seats.map((s) => [s.state, s.code])).toEqual([
      ["REFUNDED", "GROUP_EXPIRED"],
      ["REFUNDED", "GROUP_EXPIRED"],
    ]);
    for (const [i, uid] of [a, b].entries()) {
      const after = await walletFor(env, uid).summary({ uid, now: Date.now(), rules });
      expect(after.balance).toBe(100);
      expect(after.expiring, "the points are back in their lots, with their expiry").toEqual(before[i]!.expiring);
      const { entries } = await walletFor(env, uid).ledger({ limit: 20 });
      expect(entries.filter((e) => e.kind === "refunded").length).toBe(1);
    }
    // Again (a re-driven alarm): nothing more.
    expect(await stub.recover(Date.now() + HOUR)).toEqual({ state: "FAILED", pending: 0 });
    for (const uid of [a, b]) {
      const { entries } = await walletFor(env, uid).ledger({ limit: 20 });
      expect(entries.filter((e) => e.kind === "refunded").length).toBe(1);
    }
    await expectGroupInvariants(itemId, [a, b]);
    // Turso: the group failed, its event written.
    await stub.drainOutbox();
    const [row] = await db().select().from(groups).where(eq(groups.id, id));
    expect(row).toMatchObject({ state: "failed", taken: 2 });
    const evs = await db().select().from(events).where(eq(events.type, "group.failed"));
    const mine = evs.filter((e) => (JSON.parse(e.payload) as { data: { groupId: string } }).data.groupId === id);
    expect(mine.length).toBe(1);
  });

  it("the stock runs out for the last member: the others are served, that member gets their points back", async () => {
    const rules = await mallRules();
    const { def, stub, itemId } = await newGroup({ size: 3, price: 50, item: { stock: 2 } });
    const uids = await Promise.all([1, 2, 3].map(() => memberWith(100, "gb")));
    await stub.join(joinInput(uids[0]!, rules, { open: def(uids[0]!) }));
    await stub.join(joinInput(uids[1]!, rules));
    const last = await stub.join(joinInput(uids[2]!, rules));
    expect(last.ok && last.group.state).toBe("COMPLETED");
    const g = (await stub.view())!;
    expect(g.seats.filter((s) => s.state === "ORDERED").length).toBe(2);
    const out = g.seats.filter((s) => s.state === "REFUNDED");
    expect(out.map((s) => s.code)).toEqual(["SOLD_OUT"]);
    expect(await balanceOf(out[0]!.uid, rules)).toBe(100);
    await expectGroupInvariants(itemId, uids);
  });

  it("a crash between the group's success and the orders: the alarm places them, once", async () => {
    const rules = await mallRules();
    const { id, def, stub, itemId } = await newGroup({ size: 2, price: 70 });
    const a = await memberWith(100, "gb");
    const b = await memberWith(100, "gb");
    await stub.join(joinInput(a, rules, { open: def(a) }));
    // The redemption path "dies" (the Worker is gone after the group filled).
    await runInDurableObject(env.GROUP_BUY.getByName(id), (obj: GroupBuy) => {
      (obj as unknown as { redemption: () => unknown }).redemption = () => {
        throw new Error("crash after the group filled");
      };
    });
    const r = await stub.join(joinInput(b, rules));
    expect(r.ok && r.group.state).toBe("FILLED");
    expect((await stub.view())!.seats.map((s) => s.state)).toEqual(["PAID", "PAID"]);
    expect(await db().select().from(orders).where(eq(orders.itemId, itemId))).toEqual([]);
    await runInDurableObject(env.GROUP_BUY.getByName(id), (obj: GroupBuy) => {
      delete (obj as unknown as { redemption?: unknown }).redemption;
    });
    // The alarm is set (a seat not final): ringing it places both orders.
    expect(
      await runInDurableObject(env.GROUP_BUY.getByName(id), (_o, state) => state.storage.getAlarm()),
    ).not.toBeNull();
    await stub.recover(Date.now() + HOUR);
    const g = (await stub.view())!;
    expect(g.state).toBe("COMPLETED");
    expect(g.seats.map((s) => s.state)).toEqual(["ORDERED", "ORDERED"]);
    expect(await stub.recover(Date.now() + HOUR)).toEqual({ state: "COMPLETED", pending: 0 });
    const placed = await db().select().from(orders).where(eq(orders.itemId, itemId));
    expect(placed.length).toBe(2);
    for (const uid of [a, b]) expect(await balanceOf(uid, rules)).toBe(30);
    await expectGroupInvariants(itemId, [a, b]);
    await stub.drainOutbox();
    const seats = await db().select().from(groupMembers).where(eq(groupMembers.groupId, id));
    expect(seats.map((s) => s.state).sort()).toEqual(["ordered", "ordered"]);
    const evs = await db().select().from(events).where(eq(events.type, "group.completed"));
    expect(evs.filter((e) => e.payload.includes(id)).length).toBe(1);
  });
});
