// The item's stock as the console, the API and the pages see it, whether it is one object or split across
// shards (worker/stock/shards.ts): status sums the shards; a merchant's addition is split over them the way the
// initial stock was (shareOf: the remainder to the first shards), each part idempotent on its own ref
// `${ref}#${k}`; a removal takes each shard's share or what it has, and the rest from the others
// (removeAcross); an imported code goes to the shard whose units lack codes most, its hash naming the shard
// that records where (addCodesAcross, place-codes.ts: a code imported twice meets itself and is a duplicate).
// One shard: every call goes to the one object unchanged.
import { fail } from "./operations";
import { addCodesAcross } from "./place-codes";
import { shardCount, shardRules, shareOf } from "./shards";
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

type Adjusted = Extract<Out<"adjust">, { ok: true }>;
type Shard = Pick<StockStub, "status" | "adjust" | "adjustAnswer">;

/** A removal over the item's shards: each shard gives its share (shareOf), or as much of it as it has; the
 *  shortfall is then taken from the shards that still have units, in shard order. Every part is one clamped
 *  adjust on its own ref (`${ref}#k`, then `${ref}#k+`) recorded with what it took, so a retry of the ref
 *  replays the same parts and goes on where an interrupted attempt stopped: one answer per ref, no shard ever
 *  below zero. More than the shards have together is refused before anything is written (unless the ref was
 *  already begun: then it is replayed); if units sold in between leave a shortfall no shard can give, the
 *  parts taken go back (`${ref}#k-`) and the removal is refused whole. */
export async function removeAcross(
  itemId: number,
  shard: (k: number) => Shard,
  input: In<"adjust">,
): Promise<Out<"adjust">> {
  const { rules, delta, ref } = input;
  const n = shardCount(rules);
  const ks = shardsOf(rules);
  const want = -delta;
  const refusal = (available: number) => fail("INVALID_QUANTITY", "stock.msg.belowZero", { available, delta });
  const change = (k: number, suffix: string, d: number, upTo: boolean) =>
    shard(k).adjust({ ...input, ref: `${ref}#${k}${suffix}`, delta: d, upTo, rules: shardRules(rules, k) });

  const before = await Promise.all(ks.map((k) => shard(k).status({ rules: shardRules(rules, k) })));
  const have = sumStatus(itemId, before).available;
  if (have < want) {
    const begun = await Promise.all(ks.map((k) => shard(k).adjustAnswer({ ref: `${ref}#${k}` })));
    if (begun.every((a) => a === null)) return refusal(have);
  }

  const taken = ks.map(() => 0);
  const last: StockStatus[] = [...before];
  const took = (k: number, o: Out<"adjust">, asked: number): o is Adjusted => {
    if (!o.ok) return false;
    taken[k]! += -(o.applied ?? asked);
    last[k] = o.status;
    return true;
  };
  const left = () => want - taken.reduce((a, b) => a + b, 0);
  const part = (k: number) => -shareOf(want, n, k);
  const first = await Promise.all(ks.map((k) => change(k, "", part(k), true)));
  for (const k of ks) if (!took(k, first[k]!, part(k))) return first[k]!;
  for (const k of ks) {
    if (left() <= 0) break;
    const asked = -left();
    const o = await change(k, "+", asked, true);
    if (!took(k, o, asked)) return o;
  }
  if (left() > 0) {
    for (const k of ks.filter((k) => taken[k]! > 0)) {
      const o = await change(k, "-", taken[k]!, false);
      if (!o.ok) return o;
      last[k] = o.status;
    }
    return refusal(sumStatus(itemId, last).available);
  }
  return { ok: true, status: sumStatus(itemId, last), applied: delta };
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
      if (delta >= 0) {
        const outs = await Promise.all(
          shardsOf(rules).map((k) =>
            shard(k).adjust({ ...input, ref: `${ref}#${k}`, delta: shareOf(delta, n, k), rules: shardRules(rules, k) }),
          ),
        );
        const refused = outs.find((o) => !o.ok);
        if (refused) return refused;
        return {
          ok: true,
          status: sumStatus(
            itemId,
            outs.map((o) => (o as Adjusted).status),
          ),
          applied: delta,
        };
      }
      return removeAcross(itemId, shard, input);
    },

    async addCodes(input) {
      if (shardCount(input.rules) === 1) return shard(0).addCodes(input);
      return addCodesAcross(shard, input);
    },
  };
}

// ---- for tests, reconciliation and operators: every shard of the item ----------------------------------

export type ItemAudit = StockAudit & { shards: StockAudit[] };

/** Members whose units of a sharded item, sold across every shard, pass the per-member limit. That limit is
 *  the member's wallet's (or DuibaAccount's) to decide, not a shard's (each sees only its own holds), and a
 *  hold is SOLD only once that decider committed its key: the SOLD holds of all shards, by member, are the
 *  deciders' committed units of the item. (HELD holds are not counted: a hold past the limit that the wallet
 *  is about to refuse holds its unit for a moment.) */
export function membersOverLimitAcross(holds: Pick<HoldView, "uid" | "qty" | "state">[], limit: number | null): number {
  if (limit == null) return 0;
  const units = new Map<string, number>();
  for (const h of holds) if (h.state === "SOLD") units.set(h.uid, (units.get(h.uid) ?? 0) + h.qty);
  return [...units.values()].filter((n) => n > limit).length;
}

/** The shards' audits, summed (their counts add up when each shard's do); a sharded item's members over the
 *  limit are counted across its shards (membersOverLimitAcross), never as the sum of each shard's own count. */
export async function auditAll(env: Pick<Env, "STOCK">, itemId: number, rules: SaleRules): Promise<ItemAudit> {
  const all = await Promise.all(shardsOf(rules).map((k) => stockFor(env, itemId, k).audit()));
  const sum = (f: (a: StockAudit) => number) => all.reduce((n, a) => n + f(a), 0);
  const membersOverLimit =
    all.length === 1
      ? all[0]!.membersOverLimit
      : membersOverLimitAcross(await holdsAll(env, itemId, rules), rules.perMemberLimit ?? null);
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
    membersOverLimit,
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
