// `npm run reconcile [-- --url http://127.0.0.1:8787 --db http://127.0.0.1:PORT]`: compares Turso's
// projections (balance_projection, ledger_projection) with every member's wallet as the Merchant API
// reports it (GET /api/v1/members/{uid} and its whole ledger), for every member in `members`. Prints one
// line per difference and a summary; exits 1 if there is any difference (2 if it could not run).
// Defaults come from .data/instance.json (written by `npm start`); the token from MERCHANT_API_TOKEN or
// .dev.vars. The projections lag the wallets by an outbox flush: run it when writes have settled.
// Stock too, one stock object at a time: every item's shards as GET /api/v1/items/{id}/shards reports them
// against the stock_shard_projection row each shard owns (a mismatch names the item and the shard).
import { asc, eq } from "drizzle-orm";
import { parseArgs } from "node:util";
import { connect } from "../db/node-client";
import { balanceProjection, ledgerProjection, members, stockShardProjection } from "../db/schema";
import { merchantToken, readInstance } from "./local-instance";
import {
  describeDifference,
  describeShardDifference,
  diffMember,
  diffShards,
  seqOfEntryId,
  type Difference,
  type Entry,
  type ShardCounts,
  type ShardDifference,
  type Side,
} from "./reconcile-diff";
import { ledgerReasonText } from "../worker/object-text";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    db: { type: "string" },
    token: { type: "string" },
    concurrency: { type: "string", default: "8" },
  },
});
const instance = readInstance();
const base = (values.url ?? instance.url ?? "").replace(/\/$/, "");
const dbUrl = values.db ?? instance.dbUrl;
const token = values.token ?? merchantToken();
if (!base || !dbUrl || !token) {
  console.error(
    "reconcile needs the instance URL, its database URL and the merchant API token: run `npm start` (it writes .data/instance.json and .dev.vars) or pass --url, --db and --token.",
  );
  process.exit(2);
}

class ApiError extends Error {}

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${base}/api/v1${path}`, {
    headers: { Authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await res.json().catch(() => null)) as T & { error?: { code: string; message: string } };
  if (!res.ok) throw new ApiError(`${res.status} ${body?.error?.code ?? ""} ${body?.error?.message ?? ""}`.trim());
  return body;
}

type ApiEntry = {
  id: string;
  kind: string;
  amount: number;
  balanceAfter: number;
  reason: string;
  source: string;
  ref: string;
  createdAt: string;
};

async function walletSide(uid: string): Promise<Side> {
  const path = `/members/${encodeURIComponent(uid)}`;
  const { balance } = await api<{ balance: number }>(path);
  const entries: Entry[] = [];
  let cursor: string | null = null;
  do {
    const page: { entries: ApiEntry[]; nextCursor: string | null } = await api(
      `${path}/ledger?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    for (const e of page.entries) {
      entries.push({ ...e, seq: seqOfEntryId(e.id), createdAt: Date.parse(e.createdAt) });
    }
    cursor = page.nextCursor;
  } while (cursor);
  return { balance, entries };
}

const db = connect(dbUrl, process.env.TURSO_AUTH_TOKEN);

async function projectionSide(uid: string): Promise<Side> {
  const [bal, rows] = await db.batch([
    db.select({ balance: balanceProjection.balance }).from(balanceProjection).where(eq(balanceProjection.uid, uid)),
    db.select().from(ledgerProjection).where(eq(ledgerProjection.uid, uid)).orderBy(asc(ledgerProjection.seq)),
  ]);
  return {
    balance: bal[0]?.balance ?? null,
    entries: rows.map((r) => ({
      seq: r.seq,
      kind: r.kind,
      amount: r.amount,
      balanceAfter: r.balanceAfter,
      // The API renders the wallet's own reasons from their keys; the projection keeps the key: render it too.
      reason: ledgerReasonText({
        reason: r.reason,
        reasonKey: r.reasonKey,
        reasonParams: r.reasonParams === null ? null : (JSON.parse(r.reasonParams) as Record<string, string | number>),
      }),
      source: r.source,
      ref: r.ref,
      createdAt: r.createdAt,
    })),
  };
}

let exitCode = 0;
try {
  const uids = (await db.select({ uid: members.uid }).from(members).orderBy(asc(members.id))).map((m) => m.uid);
  const known = new Set(uids);
  const differences: Difference[] = [];
  const failures: string[] = [];
  /** Lines per member, printed in members order once all are read. */
  const lines: string[][] = uids.map(() => []);
  let entries = 0;
  let next = 0;
  const worker = async () => {
    while (next < uids.length) {
      const i = next++;
      const uid = uids[i]!;
      try {
        const [wallet, projection] = await Promise.all([walletSide(uid), projectionSide(uid)]);
        entries += wallet.entries.length;
        for (const d of diffMember(uid, wallet, projection)) {
          differences.push(d);
          lines[i]!.push(describeDifference(d));
        }
      } catch (err) {
        const line = `${uid}  could not be read: ${err instanceof Error ? err.message : String(err)}`;
        failures.push(line);
        lines[i]!.push(line);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Number(values.concurrency) || 8) }, worker));
  for (const line of lines.flat()) console.log(line);

  // Projections of wallets whose member is not in `members` at all.
  const orphans = [
    ...new Set([
      ...(await db.selectDistinct({ uid: balanceProjection.uid }).from(balanceProjection)).map((r) => r.uid),
      ...(await db.selectDistinct({ uid: ledgerProjection.uid }).from(ledgerProjection)).map((r) => r.uid),
    ]),
  ].filter((uid) => !known.has(uid));
  for (const uid of orphans) console.log(`${uid}  projected but not in members`);

  // Stock: every item with projection rows, each shard against its own row.
  const shardRows = await db.select().from(stockShardProjection);
  const rowsOf = new Map<number, (ShardCounts & { shard: number })[]>();
  for (const r of shardRows) {
    const list = rowsOf.get(r.itemId) ?? [];
    list.push({
      shard: r.shard,
      available: r.onHand,
      held: r.held,
      sold: r.sold,
      codesLeft: r.codesLeft,
      version: r.version,
    });
    rowsOf.set(r.itemId, list);
  }
  const itemIds = [...rowsOf.keys()].sort((a, b) => a - b);
  const shardDiffs: ShardDifference[][] = itemIds.map(() => []);
  const stockFailures: string[] = [];
  let shardsRead = 0;
  let nextItem = 0;
  const stockWorker = async () => {
    while (nextItem < itemIds.length) {
      const i = nextItem++;
      const id = itemIds[i]!;
      try {
        const view = await api<{ shards: (ShardCounts & { shard: number })[] }>(`/items/${id}/shards`);
        shardsRead += view.shards.length;
        shardDiffs[i] = diffShards(id, view.shards, rowsOf.get(id)!);
      } catch (err) {
        stockFailures.push(`item ${id}  could not be read: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Number(values.concurrency) || 8) }, stockWorker));
  for (const d of shardDiffs.flat()) console.log(describeShardDifference(d));
  for (const line of stockFailures) console.log(line);
  const stockTotal = shardDiffs.flat().length + stockFailures.length;
  console.log(
    `stock: ${itemIds.length} items, ${shardsRead} stock objects; ` +
      (stockTotal === 0
        ? "every shard matches its projection row."
        : `${stockTotal} differences (shards ${shardDiffs.flat().length}, unreadable ${stockFailures.length}).`),
  );

  const count = (what: Difference["what"]) => differences.filter((d) => d.what === what).length;
  const total = differences.length + failures.length + orphans.length + stockTotal;
  console.log(
    `\nreconcile ${base} against ${dbUrl.replace(/\/\/[^@]*@/, "//")}: ${uids.length} members, ${entries} wallet ledger entries; ` +
      (total === 0
        ? "projections match the wallets."
        : `${total} differences (balance ${count("balance")}, missing ${count("missing")}, extra ${count("extra")}, different ${count("different")}, unreadable ${failures.length}, orphan projections ${orphans.length}).`),
  );
  exitCode = total === 0 ? 0 : 1;
} catch (err) {
  const cause =
    err instanceof Error && err.cause ? ` (${err.cause instanceof Error ? err.cause.message : String(err.cause)})` : "";
  console.error(`reconcile failed: ${err instanceof Error ? err.message : String(err)}${cause}`);
  exitCode = 2;
} finally {
  db.$client.close();
}
process.exit(exitCode);
