// The comparison behind `npm run reconcile`: one member's wallet state as the Merchant API reports it
// against Turso's projections of it (balance_projection, ledger_projection). Pure, so it is tested alone.

/** A ledger entry, keyed by the wallet's seq; createdAt in epoch ms. */
export type Entry = {
  seq: number;
  kind: string;
  amount: number;
  balanceAfter: number;
  reason: string;
  source: string;
  ref: string;
  createdAt: number;
};

export type Side = { balance: number | null; entries: Entry[] };

export type Difference =
  | { uid: string; what: "balance"; api: number | null; projection: number | null }
  | { uid: string; what: "missing"; entry: Entry }
  | { uid: string; what: "extra"; entry: Entry }
  | {
      uid: string;
      what: "different";
      seq: number;
      fields: { field: keyof Entry; api: unknown; projection: unknown }[];
    };

const FIELDS = [
  "kind",
  "amount",
  "balanceAfter",
  "reason",
  "source",
  "ref",
  "createdAt",
] as const satisfies (keyof Entry)[];

/** Differences between the wallet (api) and the projection: a balance mismatch, entries the projection lacks
 *  (missing), entries only the projection has (extra), and entries whose fields differ. */
export function diffMember(uid: string, api: Side, projection: Side): Difference[] {
  const out: Difference[] = [];
  // A wallet that never wrote anything has no balance row to project.
  const untouched = api.balance === 0 && api.entries.length === 0 && projection.balance === null;
  if (!untouched && api.balance !== projection.balance)
    out.push({ uid, what: "balance", api: api.balance, projection: projection.balance });
  const projected = new Map(projection.entries.map((e) => [e.seq, e]));
  const seen = new Set<number>();
  for (const a of [...api.entries].sort((x, y) => x.seq - y.seq)) {
    seen.add(a.seq);
    const p = projected.get(a.seq);
    if (!p) {
      out.push({ uid, what: "missing", entry: a });
      continue;
    }
    const fields = FIELDS.filter((f) => a[f] !== p[f]).map((field) => ({ field, api: a[field], projection: p[field] }));
    if (fields.length) out.push({ uid, what: "different", seq: a.seq, fields });
  }
  for (const p of [...projection.entries].sort((x, y) => x.seq - y.seq)) {
    if (!seen.has(p.seq)) out.push({ uid, what: "extra", entry: p });
  }
  return out;
}

const show = (e: Entry) =>
  `${e.kind} ${e.amount > 0 ? "+" : ""}${e.amount} → ${e.balanceAfter} ref=${e.ref} at ${new Date(e.createdAt).toISOString()}`;

export function describeDifference(d: Difference): string {
  switch (d.what) {
    case "balance":
      return `${d.uid}  balance: wallet ${d.api ?? "(none)"}, projection ${d.projection ?? "(none)"}`;
    case "missing":
      return `${d.uid}  #${d.entry.seq} missing from ledger_projection: ${show(d.entry)}`;
    case "extra":
      return `${d.uid}  #${d.entry.seq} extra in ledger_projection (not in the wallet): ${show(d.entry)}`;
    case "different":
      return `${d.uid}  #${d.seq} differs: ${d.fields.map((f) => `${f.field} wallet ${JSON.stringify(f.api)} ≠ projection ${JSON.stringify(f.projection)}`).join(", ")}`;
  }
}

/** The wallet's seq from an API entry id (`${uid}:${seq}`; the uid may itself contain ':'). */
export function seqOfEntryId(id: string): number {
  const seq = Number(id.slice(id.lastIndexOf(":") + 1));
  if (!Number.isSafeInteger(seq) || seq < 1) throw new Error(`unexpected ledger entry id ${id}`);
  return seq;
}

// ---- stock: each stock object (shard) of an item against its stock_shard_projection row ----------------

export type ShardCounts = { available: number; held: number; sold: number; codesLeft: number; version: number };
export type ShardDifference = {
  itemId: number;
  shard: number;
  /** null: the object has no such shard (a row past stockShards), or the row is missing */
  object: ShardCounts | null;
  projection: ShardCounts | null;
  fields: (keyof ShardCounts)[];
};

const SHARD_FIELDS = ["available", "held", "sold", "codesLeft", "version"] as const satisfies (keyof ShardCounts)[];

/** Each shard the object side has against the projection row of the same shard: differing counts, a missing
 *  row, or a row for a shard the item does not have. */
export function diffShards(
  itemId: number,
  objects: (ShardCounts & { shard: number })[],
  rows: (ShardCounts & { shard: number })[],
): ShardDifference[] {
  const out: ShardDifference[] = [];
  const byShard = new Map(rows.map((r) => [r.shard, r]));
  const pick = (c: ShardCounts): ShardCounts => ({
    available: c.available,
    held: c.held,
    sold: c.sold,
    codesLeft: c.codesLeft,
    version: c.version,
  });
  for (const o of objects) {
    const r = byShard.get(o.shard);
    if (!r) {
      out.push({ itemId, shard: o.shard, object: pick(o), projection: null, fields: [] });
      continue;
    }
    const fields = SHARD_FIELDS.filter((f) => o[f] !== r[f]);
    if (fields.length) out.push({ itemId, shard: o.shard, object: pick(o), projection: pick(r), fields });
  }
  const known = new Set(objects.map((o) => o.shard));
  for (const r of rows)
    if (!known.has(r.shard)) out.push({ itemId, shard: r.shard, object: null, projection: pick(r), fields: [] });
  return out;
}

export function describeShardDifference(d: ShardDifference): string {
  const where = `item ${d.itemId} shard ${d.shard}`;
  if (!d.projection) return `${where}  missing from stock_shard_projection (object: ${JSON.stringify(d.object)})`;
  if (!d.object) return `${where}  projected but the item has no such shard: ${JSON.stringify(d.projection)}`;
  return `${where}  differs: ${d.fields.map((f) => `${f} object ${d.object![f]} ≠ projection ${d.projection![f]}`).join(", ")}`;
}
