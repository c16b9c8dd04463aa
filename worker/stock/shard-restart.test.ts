// A stock shard k ≥ 1 restarted (workerd restart, eviction) and woken without its name — as its alarm wakes
// it — still knows which shard it is: its outbox writes its own stock_shard_projection row, not shard 0's.
// (The fault test's reconcile found shards 1–3 stuck at their pre-restart rows when the shard came from the
// name alone.)
import { abortAllDurableObjects, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { stockShardProjection } from "../../db/schema";
import { createItem, db, newKey } from "../redeem/test-support";
import type { ItemStock } from "./item-stock";
import { shardName, shardRules } from "./shards";
import { stockFor } from "./stock-stub";

type Stub = DurableObjectStub<ItemStock>;

const shardRow = async (itemId: number, shard: number) =>
  (
    await db()
      .select()
      .from(stockShardProjection)
      .where(and(eq(stockShardProjection.itemId, itemId), eq(stockShardProjection.shard, shard)))
  )[0];

describe("a restarted stock shard woken without its name", () => {
  it("records its shard on first touch and drains into its own projection row after a restart", async () => {
    const { itemId, rules } = await createItem({ stock: 6, shards: 2 }); // 3, 3
    const now = Date.now();
    const stock = stockFor(env, itemId, 1);
    const r1 = shardRules(rules, 1);
    const key = newKey();
    expect(await stock.reserve({ key, uid: "m1", memberTier: "standard", qty: 1, now, rules: r1 })).toMatchObject({
      ok: true,
    });
    const named = env.STOCK.getByName(shardName(itemId, 1)) as Stub;
    expect(
      await runInDurableObject(named, (_, state) => state.storage.sql.exec("select shard from item").one().shard),
    ).toBe(1);
    const before0 = await shardRow(itemId, 0);

    // Every object instance dropped (storage kept); the shard comes back through an id without a name.
    await abortAllDurableObjects();
    const hex = env.STOCK.idFromName(shardName(itemId, 1)).toString();
    const nameless = env.STOCK.get(env.STOCK.idFromString(hex)) as Stub;
    expect(await runInDurableObject(nameless, (_, state) => state.id.name)).toBeUndefined();
    expect((await nameless.drainOutbox()).ok).toBe(true);

    expect(await shardRow(itemId, 1)).toMatchObject({ onHand: 2, held: 1, sold: 0 });
    expect(await shardRow(itemId, 0)).toEqual(before0); // shard 0's row untouched
  });
});
