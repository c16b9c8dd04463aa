// A removal split over an item's stock shards (removeAcross) when units sell between its check and its parts:
// the parts taken go back and the removal is refused whole; a retry of the ref answers the same.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createItem, newKey } from "../redeem/test-support";
import { auditAll, removeAcross, stockOf } from "./item-stocks";
import { shardRules } from "./shards";
import { stockFor } from "./stock-stub";

describe("removeAcross", () => {
  it("a sale racing the removal leaves a shortfall: what was taken goes back, refused whole, the same on retry", async () => {
    const { itemId, rules } = await createItem({ stock: 6, shards: 3 }); // 2, 2, 2
    const now = Date.now();
    let raced = false;
    const shard = (k: number) => {
      const real = stockFor(env, itemId, k);
      return {
        status: (i: Parameters<typeof real.status>[0]) => real.status(i),
        adjustAnswer: (i: Parameters<typeof real.adjustAnswer>[0]) => real.adjustAnswer(i),
        adjust: async (input: Parameters<typeof real.adjust>[0]) => {
          if (k === 2 && !raced) {
            // a buyer holds both of shard 2's units after the removal's check, before its part
            raced = true;
            const held = await real.reserve({
              key: newKey(),
              uid: "m-race",
              memberTier: "standard",
              qty: 2,
              now,
              rules: shardRules(rules, 2),
            });
            expect(held.ok).toBe(true);
          }
          return real.adjust(input);
        },
      };
    };
    const ref = `race-${crypto.randomUUID()}`;
    const first = await removeAcross(itemId, shard, { ref, delta: -6, now, rules });
    expect(first).toMatchObject({ ok: false, code: "INVALID_QUANTITY" });
    const live = () =>
      Promise.all(
        [0, 1, 2].map(async (k) => (await stockFor(env, itemId, k).status({ rules: shardRules(rules, k) })).available),
      );
    expect(await live()).toEqual([2, 2, 0]); // shards 0 and 1 got their units back; no shard below zero
    const again = await stockOf(env, itemId).adjust({ ref, delta: -6, now, rules });
    expect(again).toMatchObject({ ok: false, code: "INVALID_QUANTITY" });
    expect(await live()).toEqual([2, 2, 0]);
    const audit = await stockOf(env, itemId).status({ rules });
    expect(audit).toMatchObject({ available: 4, held: 2 });
  });
});

describe("auditAll: a sharded item's members over the limit", () => {
  it("counts a member's sold units across shards (each shard alone sees a member within the limit)", async () => {
    const { itemId, rules } = await createItem({ stock: 4, shards: 2, perMemberLimit: 1 }); // 2, 2
    const now = Date.now();
    // Sales straight on the shards, as a decider that ignored the limit would make them.
    const sell = async (k: number, uid: string, confirm = true) => {
      const key = newKey();
      const stock = stockFor(env, itemId, k);
      expect(
        await stock.reserve({ key, uid, memberTier: "standard", qty: 1, now, rules: shardRules(rules, k) }),
      ).toMatchObject({ ok: true });
      if (confirm) expect(await stock.confirm({ key, uid, qty: 1, now })).toMatchObject({ ok: true });
    };
    await sell(0, "m-over");
    await sell(1, "m-over");
    await sell(0, "m-ok");
    await sell(1, "m-ok", false); // held, not committed: a wallet may still refuse it
    const audit = await auditAll(env, itemId, rules);
    expect(audit.shards.map((a) => a.membersOverLimit)).toEqual([0, 0]); // what the old sum added up to
    expect(audit.membersOverLimit).toBe(1);
    expect(audit).toMatchObject({ sold: 3, held: 1, soldByHolds: 3, heldByHolds: 1 });
  });

  it("one shard: the object's own count", async () => {
    const { itemId, rules } = await createItem({ stock: 2, perMemberLimit: 1 });
    const stock = stockFor(env, itemId, 0);
    const key = newKey();
    const now = Date.now();
    await stock.reserve({ key, uid: "m-one", memberTier: "standard", qty: 1, now, rules });
    await stock.confirm({ key, uid: "m-one", qty: 1, now });
    expect(await auditAll(env, itemId, rules)).toMatchObject({ membersOverLimit: 0, sold: 1 });
  });
});
