// An item's stock split across 4 stock objects (issue 13, worker/stock/shards.ts): a burst of members racing
// for fewer units than requests sells exactly the stock, no shard below zero, one order per key, twins the same
// answer; the per-member limit is exact when a member's keys land on different shards (the wallet decides
// it); SOLD_OUT only once every shard is empty; a hold on shard k left by a crash is resolved by k's alarm;
// a cancellation restocks the shard that sold.
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stockOf } from "../stock/item-stocks";
import { shardOrder, shardRules } from "../stock/shards";
import { stockFor } from "../stock/stock-stub";
import { walletFor } from "../wallet/wallet-stub";
import { cancelOrder } from "./cancel-order";
import { redeem, redeemDeps, runRedeem, type RedeemStep } from "./redeem";
import { createItem, db, expectInvariants, mallRules, memberWith, newKey, settleAll } from "./test-support";
import type { RedeemResult } from "./types";
import type { SaleRules } from "../stock/types";

const N = 4;
const PRICE = 100;

class Crash extends Error {}

/** A fresh key whose first shard (its hash's) is `k`. */
function keyOn(k: number): string {
  for (;;) {
    const key = newKey();
    if (shardOrder(key, N)[0] === k) return key;
  }
}

const available = async (itemId: number, rules: SaleRules) =>
  Promise.all(
    Array.from(
      { length: N },
      async (_, k) => (await stockFor(env, itemId, k).status({ rules: shardRules(rules, k) })).available,
    ),
  );

const balanceOf = async (uid: string) =>
  (await walletFor(env, uid).standing({ uid, now: Date.now(), rules: await mallRules() })).balance;

describe("an item split across 4 stock shards", () => {
  it("240 concurrent calls (every key twice) for 10 units: never more than 10 sold, no shard below zero, twins alike, limit exact", {
    timeout: 120_000,
  }, async () => {
    const STOCK = 10;
    const LIMIT = 2;
    const { itemId, rules } = await createItem({ points: PRICE, stock: STOCK, perMemberLimit: LIMIT, shards: N });
    expect(await available(itemId, rules)).toEqual([3, 3, 2, 2]); // the remainder to the first shards
    const uids = await Promise.all(Array.from({ length: 40 }, () => memberWith(10_000, "shard")));
    const calls = uids.flatMap((uid) =>
      Array.from({ length: 3 }, () => newKey()).flatMap((key) => [
        { uid, key },
        { uid, key },
      ]),
    );
    const order = fc.sample(fc.shuffledSubarray(calls, { minLength: calls.length }), { numRuns: 1, seed: 13 })[0]!;
    const now = Date.now();
    const results = await Promise.all(
      order.map((c) => redeem(env, db(), { ...c, itemId, qty: 1, address: null, now }).then((r) => ({ c, r }))),
    );
    const byKey = new Map<string, { uid: string; rs: RedeemResult[] }>();
    for (const { c, r } of results) {
      const e = byKey.get(c.key) ?? { uid: c.uid, rs: [] };
      e.rs.push(r);
      byKey.set(c.key, e);
    }
    const okPer = new Map<string, number>();
    let sold = 0;
    for (const [key, { uid, rs }] of byKey) {
      expect(rs[1], `twin of ${key}`).toEqual(rs[0]);
      const r = rs[0]!;
      if (r.ok) {
        sold += 1;
        okPer.set(uid, (okPer.get(uid) ?? 0) + 1);
      } else expect(["SOLD_OUT", "LIMIT_REACHED"]).toContain(r.code);
    }
    // Every member here can pay; a hold goes back only when the wallet refuses the member's key past the limit
    // (each shard counts only its own holds), so a SOLD_OUT may have been answered while such a hold still held
    // a unit — at most one unit per LIMIT_REACHED.
    const limited = [...byKey.values()].filter(({ rs }) => !rs[0]!.ok && rs[0]!.code === "LIMIT_REACHED").length;
    expect(sold).toBeLessThanOrEqual(STOCK);
    expect(sold).toBeGreaterThanOrEqual(STOCK - limited);
    expect((await stockOf(env, itemId).status({ rules })).available).toBe(STOCK - sold);
    // The units left go, one key at a time, to members under the limit; then every shard is empty and only
    // then SOLD_OUT.
    for (const uid of uids) {
      while ((okPer.get(uid) ?? 0) < LIMIT) {
        const r = await redeem(env, db(), { uid, key: newKey(), itemId, qty: 1, address: null, now });
        if (!r.ok) {
          expect(r.code).toBe("SOLD_OUT");
          expect(await available(itemId, rules)).toEqual([0, 0, 0, 0]);
          break;
        }
        sold += 1;
        okPer.set(uid, (okPer.get(uid) ?? 0) + 1);
      }
    }
    expect(sold).toBe(STOCK);
    for (const n of okPer.values()) expect(n).toBeLessThanOrEqual(LIMIT);
    expect(await stockOf(env, itemId).status({ rules })).toMatchObject({ available: 0, sold: STOCK });
    expect(await available(itemId, rules)).toEqual([0, 0, 0, 0]);
    await settleAll([itemId], uids, now);
    await expectInvariants([itemId], uids, now);
    for (const uid of uids) expect(await balanceOf(uid)).toBe(10_000 - PRICE * (okPer.get(uid) ?? 0));
  });

  it("one member's keys on every shard at once: exactly the per-member limit sells, the rest LIMIT_REACHED", {
    timeout: 60_000,
  }, async () => {
    const LIMIT = 3;
    const { itemId, rules } = await createItem({ points: PRICE, stock: 100, perMemberLimit: LIMIT, shards: N });
    const uid = await memberWith(100_000, "limit");
    const keys = Array.from({ length: 12 }, (_, i) => keyOn(i % N)); // 3 keys starting on each shard
    const now = Date.now();
    const results = await Promise.all(
      [...keys, ...keys].map((key) => redeem(env, db(), { uid, key, itemId, qty: 1, address: null, now })),
    );
    const first = results.slice(0, keys.length);
    expect(results.slice(keys.length)).toEqual(first); // every key's twin: the same answer
    expect(first.filter((r) => r.ok)).toHaveLength(LIMIT);
    for (const r of first) if (!r.ok) expect(r.code).toBe("LIMIT_REACHED");
    // A new key later: still refused (the limit counts committed units across shards).
    const later = await redeem(env, db(), { uid, key: keyOn(3), itemId, qty: 1, address: null, now });
    expect(later).toMatchObject({ ok: false, code: "LIMIT_REACHED" });
    await settleAll([itemId], [uid], now);
    await expectInvariants([itemId], [uid], now);
    expect((await stockOf(env, itemId).status({ rules })).sold).toBe(LIMIT);
    expect(await balanceOf(uid)).toBe(100_000 - PRICE * LIMIT);
  });

  it("a key whose shard is empty moves on to the next ones; SOLD_OUT only when every shard is empty", {
    timeout: 60_000,
  }, async () => {
    const { itemId, rules } = await createItem({ points: PRICE, stock: N, shards: N });
    const uid = await memberWith(10_000, "moves");
    const now = Date.now();
    const got: number[][] = [];
    for (let i = 0; i < N; i++) {
      // every key starts on shard 2: the first takes its unit, the next ones move on (3, 0, 1)
      const r = await redeem(env, db(), { uid, key: keyOn(2), itemId, qty: 1, address: null, now });
      expect(r.ok, `unit ${i + 1}`).toBe(true);
      got.push(await available(itemId, rules));
    }
    expect(got).toEqual([
      [1, 1, 0, 1],
      [1, 1, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 0],
    ]);
    for (let k = 0; k < N; k++)
      expect(await redeem(env, db(), { uid, key: keyOn(k), itemId, qty: 1, address: null, now })).toMatchObject({
        ok: false,
        code: "SOLD_OUT",
      });
    await settleAll([itemId], [uid], now);
    await expectInvariants([itemId], [uid], now);
  });

  it("a cancellation restocks the shard that sold; a new key that starts on the emptied shard finds it", {
    timeout: 60_000,
  }, async () => {
    const { itemId, rules } = await createItem({ points: PRICE, stock: N, shards: N });
    const uid = await memberWith(10_000, "cancel");
    const now = Date.now();
    expect((await redeem(env, db(), { uid, key: keyOn(1), itemId, qty: 1, address: null, now })).ok).toBe(true);
    const key = keyOn(1);
    const moved = await redeem(env, db(), { uid, key, itemId, qty: 1, address: null, now });
    if (!moved.ok) throw new Error(moved.code);
    expect(await available(itemId, rules)).toEqual([1, 0, 0, 1]); // the second key sold on shard 2
    const c = await cancelOrder(env, db(), { orderId: moved.order.id, by: "member", uid, reason: "测试", now });
    expect(c.ok).toBe(true);
    expect(await available(itemId, rules)).toEqual([1, 0, 1, 1]);
    // A retry of the cancelled key answers its order as it stands; nothing moves.
    const again = await redeem(env, db(), { uid, key, itemId, qty: 1, address: null, now });
    expect(again.ok && again.order.status).toBe("cancelled");
    expect(await available(itemId, rules)).toEqual([1, 0, 1, 1]);
    await settleAll([itemId], [uid], now);
    await expectInvariants([itemId], [uid], now);
  });

  for (const step of ["reserve", "spend"] as RedeemStep[]) {
    it(`a crash after ${step} on shard k: k's alarm resolves the hold, a retry of the key answers alike`, {
      timeout: 60_000,
    }, async () => {
      const { itemId, rules } = await createItem({ points: PRICE, stock: 2 * N, shards: N });
      const uid = await memberWith(1_000, "crash");
      const now = Date.now();
      // Shard 3's units first go to other keys, so the crashing key's hold lands on shard 0.
      for (let i = 0; i < 2; i++)
        expect((await redeem(env, db(), { uid, key: keyOn(3), itemId, qty: 1, address: null, now })).ok).toBe(true);
      const key = keyOn(3);
      const crashing = {
        ...redeemDeps(env),
        after: (s: RedeemStep) => {
          if (s === step) throw new Crash(step);
        },
      };
      await expect(runRedeem(crashing, db(), { uid, key, itemId, qty: 1, address: null, now })).rejects.toThrow(Crash);
      const holds = await stockFor(env, itemId, 0).holds();
      expect(holds.find((h) => h.key === key)?.state).toBe("HELD");
      expect(await available(itemId, rules)).toEqual([1, 2, 2, 0]);
      const r = await stockFor(env, itemId, 0).resolveExpiredHolds(now + 24 * 3_600_000);
      expect(r).toEqual(
        step === "spend" ? { confirmed: 1, released: 0, failed: 0 } : { confirmed: 0, released: 1, failed: 0 },
      );
      const after = (await stockFor(env, itemId, 0).holds()).find((h) => h.key === key)!.state;
      expect(after).toBe(step === "spend" ? "SOLD" : "RELEASED");
      const retry = await redeem(env, db(), { uid, key, itemId, qty: 1, address: null, now });
      const again = await redeem(env, db(), { uid, key, itemId, qty: 1, address: null, now });
      expect(again).toEqual(retry);
      if (step === "spend") expect(retry.ok).toBe(true);
      else expect(retry).toMatchObject({ ok: false });
      expect(await balanceOf(uid)).toBe(1_000 - PRICE * (step === "spend" ? 3 : 2));
      await settleAll([itemId], [uid], now);
      await expectInvariants([itemId], [uid], now);
    });
  }

  it("a retry after a crash on shard 2, with the key's first shard restocked meanwhile: it sells on shard 2 only", {
    timeout: 60_000,
  }, async () => {
    const { itemId, rules } = await createItem({ points: PRICE, stock: N, shards: N });
    const uid = await memberWith(10_000, "elsewhere");
    const now = Date.now();
    const first = await redeem(env, db(), { uid, key: keyOn(1), itemId, qty: 1, address: null, now });
    if (!first.ok) throw new Error(first.code);
    // The key's shard (1) is empty: its hold lands on shard 2 and the Worker dies after the wallet committed.
    const key = keyOn(1);
    const crashing = {
      ...redeemDeps(env),
      after: (s: RedeemStep) => {
        if (s === "spend") throw new Crash(s);
      },
    };
    await expect(runRedeem(crashing, db(), { uid, key, itemId, qty: 1, address: null, now })).rejects.toThrow(Crash);
    expect(await available(itemId, rules)).toEqual([1, 0, 0, 1]);
    // Shard 1 gets its unit back; the retry asks it first. Within a minute shard 1 repeats the SOLD_OUT it
    // gave this key (its refusal memo), so the retry goes on to its own hold on shard 2 (a later retry that
    // took shard 1's unit would hear from the wallet that the key committed on shard 2 and give it back).
    expect((await cancelOrder(env, db(), { orderId: first.order.id, by: "member", uid, reason: "测试", now })).ok).toBe(
      true,
    );
    expect(await available(itemId, rules)).toEqual([1, 1, 0, 1]);
    const retry = await redeem(env, db(), { uid, key, itemId, qty: 1, address: null, now });
    expect(retry.ok).toBe(true);
    expect(await redeem(env, db(), { uid, key, itemId, qty: 1, address: null, now })).toEqual(retry);
    expect(await available(itemId, rules)).toEqual([1, 1, 0, 1]);
    expect((await stockFor(env, itemId, 2).holds()).find((h) => h.key === key)?.state).toBe("SOLD");
    expect((await stockFor(env, itemId, 1).holds()).find((h) => h.key === key)).toBeUndefined();
    // Shard 1's alarm asking about the key hears ABORTED (committed for another shard), never a second sale.
    expect(await walletFor(env, uid).resolve({ key, itemId, qty: 1, shard: 1, now })).toMatchObject({
      state: "ABORTED",
    });
    expect(await balanceOf(uid)).toBe(10_000 - PRICE);
    await settleAll([itemId], [uid], now);
    await expectInvariants([itemId], [uid], now);
  });
});
