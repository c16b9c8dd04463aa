// The lottery object through its RPC, against real wallets (worker/lottery/lottery-object.ts): concurrent
// draws by many members with double taps, limits and free draws, sold-out prizes, and crashes between steps
// finished or refunded by recover() (the alarm's pass).
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { memberWith, mallRules } from "../redeem/test-support";
import { expectHealthy } from "../wallet/test-support";
import { walletFor } from "../wallet/wallet-stub";
import type { Lottery } from "./lottery-object";
import { drawInput, newLottery } from "./test-support";
import type { DrawView } from "./types";

async function balanceOf(uid: string) {
  return (await walletFor(env, uid).summary({ uid, now: Date.now(), rules: await mallRules() })).balance;
}

describe("lottery draws", () => {
  it("many members drawing at once, with double taps: no prize over its stock, limits held, balances exact", async () => {
    const rules = await mallRules();
    const { v, stub } = newLottery({
      costPoints: 10,
      dailyLimit: 6,
      totalLimit: 8,
      freeDrawsPerDay: 1,
      prizes: [
        { name: "大奖 100 积分", kind: "points", points: 100, itemId: null, weight: 2, stock: 15 },
        { name: "5 积分", kind: "points", points: 5, itemId: null, weight: 10, stock: 200 },
        { name: "谢谢参与", kind: "none", points: null, itemId: null, weight: 20, stock: null },
      ],
    });
    const MEMBERS = 120;
    const ATTEMPTS = 9; // past the daily limit of 6
    const uids = await Promise.all(
      Array.from({ length: MEMBERS }, (_, i) => memberWith(i % 10 === 0 ? 25 : 200, "lot")),
    );
    const before = new Map(await Promise.all(uids.map(async (u) => [u, await balanceOf(u)] as const)));
    // Every attempt is sent twice at once (a double tap), all members at once.
    const answers = await Promise.all(
      uids.flatMap((uid) =>
        Array.from({ length: ATTEMPTS }, async () => {
          const input = drawInput(v, uid, rules);
          const [a, b] = await Promise.all([stub.draw(input), stub.draw(input)]);
          return { uid, key: input.key, a, b };
        }),
      ),
    );
    expect(answers.length).toBe(MEMBERS * ATTEMPTS);
    for (const { a, b } of answers) expect(b).toEqual(a); // one result per ref

    const status = await stub.status(v);
    for (const p of status.prizes) if (p.stock !== null) expect(p.awarded).toBeLessThanOrEqual(p.stock);
    const big = status.prizes.find((p) => p.name === "大奖 100 积分")!;

    const won = new Map<string, DrawView[]>();
    for (const { uid, a } of answers) {
      if (!a.ok) {
        expect(["DRAW_DAILY_LIMIT", "INSUFFICIENT_POINTS"]).toContain(a.code);
        continue;
      }
      expect(a.draw.state).toBe("DONE");
      won.set(uid, [...(won.get(uid) ?? []), a.draw]);
    }
    let awardedBig = 0;
    for (const uid of uids) {
      const draws = won.get(uid) ?? [];
      expect(draws.length).toBeLessThanOrEqual(6);
      expect(draws.filter((d) => d.free).length).toBe(1);
      const spent = draws.reduce((s, d) => s + d.cost, 0);
      const gained = draws.reduce((s, d) => s + (d.prize?.kind === "points" ? (d.prize.points ?? 0) : 0), 0);
      awardedBig += draws.filter((d) => d.prize?.id === big.id).length;
      expect(await balanceOf(uid)).toBe(before.get(uid)! - spent + gained);
      // The object's own list agrees with the answers.
      const listed = await stub.draws({ limit: 50, uid });
      expect(listed.draws.filter((d) => d.state === "DONE").length).toBe(draws.length);
    }
    expect(awardedBig).toBe(big.awarded);
    await Promise.all(uids.slice(0, 10).map((u) => expectHealthy(walletFor(env, u), Date.now())));
  }, 300_000);

  it("a prize out of stock is never drawn again; with every limited prize gone and no other, the cost comes back", async () => {
    const rules = await mallRules();
    const { v, stub } = newLottery({
      dailyLimit: 20,
      prizes: [{ name: "唯一大奖", kind: "points", points: 30, itemId: null, weight: 1, stock: 2 }],
    });
    const uid = await memberWith(1000, "lot");
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await stub.draw(drawInput(v, uid, rules)));
    const states = results.map((r) => (r.ok ? r.draw.state : r.code));
    expect(states).toEqual(["DONE", "DONE", "REFUNDED", "REFUNDED"]);
    const refunded = results[2]!;
    expect(refunded.ok && refunded.draw.code).toBe("PRIZES_GONE");
    expect(await balanceOf(uid)).toBe(1000 - 20 + 60);
    const s = await stub.status(v);
    expect(s.prizes[0]).toMatchObject({ awarded: 2, left: 0, odds: 0 });
    // Refunded draws do not count against the member's limits.
    expect(s.draws).toBe(2);
  });

  it("refuses outside the window, past the total limit, a key of another member, and too few points (nothing spent)", async () => {
    const rules = await mallRules();
    const now = Date.now();
    const later = newLottery({ startsAt: now + 3_600_000 });
    const uid = await memberWith(15, "lot");
    expect(await later.stub.draw(drawInput(later.v, uid, rules))).toEqual({ ok: false, code: "LOTTERY_NOT_STARTED" });
    const over = newLottery({ endsAt: now - 1 });
    expect(await over.stub.draw(drawInput(over.v, uid, rules))).toEqual({ ok: false, code: "LOTTERY_ENDED" });

    const { v, stub } = newLottery({ totalLimit: 2, dailyLimit: 5 });
    const first = drawInput(v, uid, rules);
    expect((await stub.draw(first)).ok).toBe(true);
    const other = await memberWith(100, "lot");
    expect(await stub.draw({ ...first, uid: other })).toEqual({ ok: false, code: "KEY_REUSED" });
    // 5 left: too few for a 10-point draw; refused and nothing spent, the slot not taken.
    const poor = await stub.draw(drawInput(v, uid, rules));
    const bal = await balanceOf(uid);
    if (!poor.ok) expect(poor.code).toBe("INSUFFICIENT_POINTS");
    expect(bal).toBeGreaterThanOrEqual(0);
    const richer = await memberWith(100, "lot");
    expect((await stub.draw(drawInput(v, richer, rules))).ok).toBe(true);
    expect((await stub.draw(drawInput(v, richer, rules))).ok).toBe(true);
    expect(await stub.draw(drawInput(v, richer, rules))).toEqual({ ok: false, code: "DRAW_TOTAL_LIMIT" });
  });

  it("a newer definition is adopted (stock edit keeps the awards counted); an older one is ignored", async () => {
    const rules = await mallRules();
    const { v, stub } = newLottery({
      dailyLimit: 10,
      prizes: [{ name: "积分", kind: "points", points: 1, itemId: null, weight: 1, stock: 1 }],
    });
    const uid = await memberWith(500, "lot");
    expect((await stub.draw(drawInput(v, uid, rules))).ok).toBe(true);
    const v2 = { version: 2, config: { ...v.config, prizes: [{ ...v.config.prizes[0]!, stock: 3 }] } };
    expect((await stub.status(v2)).prizes[0]).toMatchObject({ awarded: 1, left: 2 });
    expect((await stub.status(v)).prizes[0]).toMatchObject({ stock: 3, left: 2 });
  });
});

describe("crashes between steps", () => {
  it("the cost spent but the answer lost: the draw stays open, then recover() finishes it with the same ref", async () => {
    const rules = await mallRules();
    const { id, v, stub } = newLottery({
      prizes: [{ name: "20 积分", kind: "points", points: 20, itemId: null, weight: 1, stock: null }],
    });
    const uid = await memberWith(100, "lot");
    // The wallet commits the deduct, then the call "dies" (its answer never arrives).
    await runInDurableObject(env.LOTTERY.getByName(id), (obj: Lottery) => {
      const o = obj as unknown as { wallet: (u: string) => unknown };
      const real = o.wallet.bind(obj);
      o.wallet = (u: string) => {
        const w = real(u) as { deduct: (i: unknown) => Promise<unknown>; adjust: unknown };
        return {
          adjust: w.adjust,
          deduct: async (i: unknown) => {
            await w.deduct(i);
            throw new Error("network lost");
          },
        };
      };
    });
    const input = drawInput(v, uid, rules);
    const r = await stub.draw(input);
    expect(r.ok && r.draw.state).toBe("PAYING");
    expect(await balanceOf(uid)).toBe(90);
    // A later pass (the alarm's) with a working wallet: the deduct replays, the prize is decided and credited.
    await runInDurableObject(env.LOTTERY.getByName(id), (obj: Lottery) => {
      delete (obj as unknown as { wallet?: unknown }).wallet;
    });
    const rec = await stub.recover(Date.now() + 60_000);
    expect(rec).toMatchObject({ finished: 1, pending: 0 });
    expect(await balanceOf(uid)).toBe(90 + 20);
    const again = await stub.draw(input);
    expect(again.ok && again.draw.state).toBe("DONE");
    await expectHealthy(walletFor(env, uid), Date.now());
  });

  it("the prize decided but its credit failed: recover() credits it once", async () => {
    const rules = await mallRules();
    const { id, v, stub } = newLottery({
      prizes: [{ name: "7 积分", kind: "points", points: 7, itemId: null, weight: 1, stock: null }],
    });
    const uid = await memberWith(100, "lot");
    await runInDurableObject(env.LOTTERY.getByName(id), (obj: Lottery) => {
      const o = obj as unknown as { wallet: (u: string) => unknown };
      const real = o.wallet.bind(obj);
      o.wallet = (u: string) => {
        const w = real(u) as { deduct: unknown };
        return { deduct: w.deduct, adjust: async () => Promise.reject(new Error("wallet restarted")) };
      };
    });
    const r = await stub.draw(drawInput(v, uid, rules));
    expect(r.ok && r.draw.state).toBe("DECIDED");
    await runInDurableObject(env.LOTTERY.getByName(id), (obj: Lottery) => {
      delete (obj as unknown as { wallet?: unknown }).wallet;
    });
    expect(await stub.recover(Date.now() + 60_000)).toMatchObject({ finished: 1 });
    expect(await stub.recover(Date.now() + 60_000)).toMatchObject({ finished: 0, pending: 0 });
    expect(await balanceOf(uid)).toBe(100 - 10 + 7);
  });
});
