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
