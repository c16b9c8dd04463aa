// A removal split over an item's stock shards (removeAcross) when units sell between its check and its parts:
// the parts taken go back and the removal is refused whole; a retry of the ref answers the same.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createItem, newKey } from "../redeem/test-support";
import { removeAcross, stockOf } from "./item-stocks";
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
