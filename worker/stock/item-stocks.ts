// The item's stock as the console, the API and the pages see it, whether it is one object or split across
// shards (worker/stock/shards.ts): status sums the shards; a merchant's change is split over them the way the
// initial stock was (shareOf: the remainder to the first shards), each part idempotent on its own ref
// `${ref}#${k}`; imported codes go to the shard their hash names (so a code imported twice meets itself and
// is a duplicate). One shard: every call goes to the one object unchanged.
import { fail } from "./operations";
import { hash32, shardCount, shardRules, shareOf } from "./shards";
import { stockFor, type StockStub } from "./stock-stub";
import type { HoldView, SaleRules, StockApi, StockAudit, StockStatus } from "./types";

type In<K extends keyof StockApi> = Parameters<StockApi[K]>[0];
type Out<K extends keyof StockApi> = Awaited<ReturnType<StockApi[K]>>;

export type ItemStocks = {
  status(input: In<"status">): Promise<StockStatus>;
  adjust(input: In<"adjust">): Promise<Out<"adjust">>;
  addCodes(input: In<"addCodes">): Promise<Out<"addCodes">>;
};

const shardsOf = (rules: SaleRules) => Array.from({ length: shardCount(rules) }, (_, k) => k);

export function sumStatus(itemId: number, all: StockStatus[]): StockStatus {
  const sum = (f: (s: StockStatus) => number) => all.reduce((n, s) => n + f(s), 0);
  return {
    itemId,
    available: sum((s) => s.available),
    held: sum((s) => s.held),
    sold: sum((s) => s.sold),
    codesLeft: sum((s) => s.codesLeft),
    version: sum((s) => s.version),
  };
}

export function stockOf(env: Pick<Env, "STOCK">, itemId: number): ItemStocks {
  const shard = (k: number): StockStub => stockFor(env, itemId, k);
  const statuses = (rules: SaleRules) =>
    Promise.all(shardsOf(rules).map((k) => shard(k).status({ rules: shardRules(rules, k) })));
  return {
    async status({ rules }) {
      if (shardCount(rules) === 1) return shard(0).status({ rules });
      return sumStatus(itemId, await statuses(rules));
    },

    async adjust(input) {
      const { rules, delta, ref } = input;
      const n = shardCount(rules);
      if (n === 1) return shard(0).adjust(input);
      if (typeof delta !== "number" || !Number.isSafeInteger(delta))
        return fail("INVALID_QUANTITY", "stock.msg.badQty");
      const part = (k: number) => Math.sign(delta) * shareOf(Math.abs(delta), n, k);
      if (delta < 0) {
        // Every shard must have its part: checked first, so a removal that cannot be made changes nothing.
        const before = await statuses(rules);
        if (before.some((s, k) => s.available + part(k) < 0))
          return fail("INVALID_QUANTITY", "stock.msg.belowZero", {
            available: sumStatus(itemId, before).available,
            delta,
          });
      }
      const outs = await Promise.all(
        shardsOf(rules).map((k) =>
          shard(k).adjust({ ...input, ref: `${ref}#${k}`, delta: part(k), rules: shardRules(rules, k) }),
        ),
      );
      const refused = outs.find((o) => !o.ok);
      if (refused) return refused;
      return {
        ok: true,
        status: sumStatus(
          itemId,
          outs.map((o) => (o as Extract<typeof o, { ok: true }>).status),
        ),
      };
    },

    async addCodes(input) {
      const { rules } = input;
      const n = shardCount(rules);
      if (n === 1) return shard(0).addCodes(input);
      const parts: string[][] = Array.from({ length: n }, () => []);
      for (const c of Array.isArray(input.codes) ? input.codes : []) {
        const code = typeof c === "string" ? c.trim() : c;
        parts[typeof code === "string" ? hash32(code) % n : 0]!.push(c);
      }
      const outs = await Promise.all(
        parts.map((codes, k) => shard(k).addCodes({ ...input, codes, rules: shardRules(rules, k) })),
      );
      const sum = (f: (o: (typeof outs)[number]) => number) => outs.reduce((s, o) => s + f(o), 0);
      return {
        ok: true,
        added: sum((o) => o.added),
        duplicates: sum((o) => o.duplicates),
        invalid: sum((o) => o.invalid),
        codesLeft: sum((o) => o.codesLeft),
      };
    },
  };
}

// ---- for tests, reconciliation and operators: every shard of the item ----------------------------------

export type ItemAudit = StockAudit & { shards: StockAudit[] };

/** The shards' audits, summed (their counts add up when each shard's do). */
export async function auditAll(env: Pick<Env, "STOCK">, itemId: number, rules: SaleRules): Promise<ItemAudit> {
  const all = await Promise.all(shardsOf(rules).map((k) => stockFor(env, itemId, k).audit()));
  const sum = (f: (a: StockAudit) => number) => all.reduce((n, a) => n + f(a), 0);
  return {
    ...all[0]!,
    initialized: all.some((a) => a.initialized),
    availableCount: sum((a) => a.availableCount),
    reservable: sum((a) => a.reservable),
    held: sum((a) => a.held),
    sold: sum((a) => a.sold),
    initialStock: sum((a) => a.initialStock),
    adjusted: sum((a) => a.adjusted),
    heldByHolds: sum((a) => a.heldByHolds),
    soldByHolds: sum((a) => a.soldByHolds),
    negativeSeen: all.some((a) => a.negativeSeen),
    membersOverLimit: sum((a) => a.membersOverLimit),
    codesGiven: sum((a) => a.codesGiven),
    couponUnitsSold: sum((a) => a.couponUnitsSold),
    codeMismatches: sum((a) => a.codeMismatches),
    codesLeft: sum((a) => a.codesLeft),
    version: sum((a) => a.version),
    projectedVersion: sum((a) => a.projectedVersion),
    writes: sum((a) => a.writes),
    shards: all,
  };
}

/** Every shard's holds, with the shard each is on. */
export async function holdsAll(
  env: Pick<Env, "STOCK">,
  itemId: number,
  rules: SaleRules,
): Promise<(HoldView & { shard: number })[]> {
  const all = await Promise.all(shardsOf(rules).map((k) => stockFor(env, itemId, k).holds()));
  return all.flatMap((hs, k) => hs.map((h) => ({ ...h, shard: k })));
}

export async function drainAll(env: Pick<Env, "STOCK">, itemId: number, rules: SaleRules): Promise<boolean> {
  const all = await Promise.all(shardsOf(rules).map((k) => stockFor(env, itemId, k).drainOutbox()));
  return all.every((r) => r.ok);
}

export async function resolveAll(
  env: Pick<Env, "STOCK">,
  itemId: number,
  rules: SaleRules,
  now: number,
): Promise<{ confirmed: number; released: number; failed: number }> {
  const all = await Promise.all(shardsOf(rules).map((k) => stockFor(env, itemId, k).resolveExpiredHolds(now)));
  return {
    confirmed: all.reduce((n, r) => n + r.confirmed, 0),
    released: all.reduce((n, r) => n + r.released, 0),
    failed: all.reduce((n, r) => n + r.failed, 0),
  };
}
