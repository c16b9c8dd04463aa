// A sharded coupon item's code import (issue 13). A shard sells at most min(its units, its codes), so a code
// goes to the shard whose units lack codes most (ties to the first shards), not to the one its hash names:
// the item then sells min(total units, total codes) whatever the hashes. The hash still names the shard that
// decides where a code goes (code-claims.ts), so a code is unique per item across every shard:
//   1. codePlan on every shard (reads): each code's shard if it has one, and each shard's lack of codes;
//   2. the new codes are given shards, one at a time, where the lack is greatest;
//   3. claimCodes on every shard: the shard each code's hash names records the code's shard (or answers the
//      one already there: a race or a retry of the code ends on the same shard), and every shard learns that
//      the item sells from imported codes (one that got none is sold out, it does not generate codes);
//   4. addCodes on each shard with the codes claimed for it (its pool's primary key: a code already there
//      is a duplicate). A code claimed by an import cut off before step 4 is added by its next import.
import { importedCode } from "./codes";
import { hash32, shardCount, shardRules } from "./shards";
import type { StockStub } from "./stock-stub";
import type { StockApi } from "./types";

type AddCodes = StockApi["addCodes"];
type Shard = Pick<StockStub, "codePlan" | "claimCodes" | "addCodes">;

/** The input's codes as the pool takes them: trimmed, blank ones dropped; the rest counted. */
export function normalizeCodes(input: unknown[]): { codes: string[]; repeats: number; invalid: number } {
  const seen = new Set<string>();
  let repeats = 0;
  let invalid = 0;
  for (const raw of input) {
    const code = importedCode(raw);
    if (code === "") continue;
    if (code === null) invalid += 1;
    else if (seen.has(code)) repeats += 1;
    else seen.add(code);
  }
  return { codes: [...seen], repeats, invalid };
}

/** Gives each new code the shard whose lack of codes (`need`, changed as codes are given) is greatest; ties to
 *  the first shards, so with no lack anywhere codes follow the split of units (the remainder to the first). */
export function placeNew(need: number[], count: number): number[] {
  const left = [...need];
  return Array.from({ length: count }, () => {
    let best = 0;
    for (let k = 1; k < left.length; k++) if (left[k]! > left[best]!) best = k;
    left[best]! -= 1;
    return best;
  });
}

export async function addCodesAcross(
  shard: (k: number) => Shard,
  input: Parameters<AddCodes>[0],
): ReturnType<AddCodes> {
  const { rules, now } = input;
  const n = shardCount(rules);
  const ks = Array.from({ length: n }, (_, k) => k);
  const { codes, repeats, invalid } = normalizeCodes(Array.isArray(input.codes) ? input.codes : []);
  const byHash: string[][] = ks.map(() => []);
  for (const code of codes) byHash[hash32(code) % n]!.push(code);

  const plans = await Promise.all(ks.map((k) => shard(k).codePlan({ codes: byHash[k]!, rules: shardRules(rules, k) })));
  const placed = new Map<string, number | null>();
  for (const k of ks) for (const [i, code] of byHash[k]!.entries()) placed.set(code, plans[k]!.placed[i] ?? null);
  const fresh = codes.filter((c) => placed.get(c) === null);
  const to = placeNew(
    plans.map((p) => p.need),
    fresh.length,
  );
  for (const [i, code] of fresh.entries()) placed.set(code, to[i]!);

  // Every shard, also one no code's hash names: each learns the item sells from imported codes.
  const claimed = await Promise.all(
    ks.map((k) =>
      codes.length === 0
        ? { ok: true as const, shards: [] }
        : shard(k).claimCodes({
            claims: byHash[k]!.map((code) => ({ code, shard: placed.get(code)! })),
            now,
            rules: shardRules(rules, k),
          }),
    ),
  );
  const on = new Map<string, number>();
  for (const k of ks) for (const [i, code] of byHash[k]!.entries()) on.set(code, claimed[k]!.shards[i]!);
  const parts: string[][] = ks.map(() => []);
  for (const code of codes) parts[on.get(code)!]!.push(code); // in the input's order: the pool gives oldest first

  const outs = await Promise.all(
    parts.map((codes, k) => shard(k).addCodes({ codes, now, rules: shardRules(rules, k) })),
  );
  const sum = (f: (o: (typeof outs)[number]) => number) => outs.reduce((s, o) => s + f(o), 0);
  return {
    ok: true,
    added: sum((o) => o.added),
    duplicates: repeats + sum((o) => o.duplicates),
    invalid: invalid + sum((o) => o.invalid),
    codesLeft: sum((o) => o.codesLeft),
  };
}
