// The wallet's outbox source (the loop, the retry state and the back-off are the kernel's,
// worker/objects/outbox.ts): the append-only ledger is the outbox, with a projected_seq watermark (and the orders of
// committed redemptions not yet projected ride along in the same batch, see order-outbox.ts). A drain reads
// the entries after the watermark (at most DRAIN_BATCH) and sends them with the balance row as ONE
// client.batch(stmts, "write") of idempotent upserts; on success the watermark advances, on failure it stays
// and the next attempt waits 1 s, doubling up to 5 min. Nothing is lost: the entries stay in the ledger.
import type { InStatement } from "@libsql/client/web";
import { type OutboxBatch, type OutboxSource, type RetryState, retryState } from "../objects/outbox";
import type { WalletRules } from "./types";
import { LEDGER_COLUMNS, lastSeq, type LedgerRow } from "./ledger";
import { walletUid } from "./member-state";
import { hasUnprojectedOrders, markOrdersProjected, orderInsert, unprojectedOrders } from "./order-outbox";
import type { OrderSnapshot } from "./types";
import { row, rows } from "../objects/sql";
import { forgetMemberOrders } from "../orders/orders-page-memo";
import { tierState } from "./tiers";

export { BACKOFF_FIRST_MS, BACKOFF_MAX_MS, backoffMs, markFailed } from "../objects/outbox-backoff";
export type { BatchClient } from "../objects/outbox";

export const DRAIN_BATCH = 200;

export type OutboxState = RetryState & {
  projectedSeq: number;
  projectedTier: string | null;
  projectedEarned12m: number | null;
};

export function outboxState(sql: SqlStorage): OutboxState {
  const r = row<{ projected_seq: number; projected_tier: string | null; projected_earned_12m: number | null }>(
    sql,
    "select projected_seq, projected_tier, projected_earned_12m from outbox_state where id = 1",
  );
  return {
    projectedSeq: r?.projected_seq ?? 0,
    projectedTier: r?.projected_tier ?? null,
    projectedEarned12m: r?.projected_earned_12m ?? null,
    ...retryState(sql),
  };
}

function tierNow(sql: SqlStorage, rules: WalletRules | null): { key: string; earned12m: number } {
  if (rules) {
    const s = tierState(sql, rules);
    return { key: s.tier.key, earned12m: s.earned12m };
  }
  const s = row<{ tier_key: string; earned_12m: number }>(
    sql,
    "select tier_key, earned_12m from tier_state where id = 1",
  );
  return { key: s?.tier_key ?? "standard", earned12m: s?.earned_12m ?? 0 };
}

/** Whether Turso is behind the wallet (entries after the watermark, or a tier not yet projected). */
export function drainPending(sql: SqlStorage, rules: WalletRules | null): boolean {
  if (walletUid(sql) === null) return false;
  const s = outboxState(sql);
  if (lastSeq(sql) > s.projectedSeq) return true;
  if (hasUnprojectedOrders(sql)) return true;
  const t = tierNow(sql, rules);
  return s.projectedTier !== t.key || s.projectedEarned12m !== t.earned12m;
}

export type PreparedBatch = OutboxBatch & {
  upToSeq: number;
  tierKey: string;
  earned12m: number;
  /** Redemption keys whose orders this batch inserts. */
  orderKeys: string[];
};

/** The next batch to send, or null when Turso is up to date. Synchronous (a consistent snapshot). */
export function prepareBatch(sql: SqlStorage, rules: WalletRules | null, realNow: number): PreparedBatch | null {
  const uid = walletUid(sql);
  if (uid === null || !drainPending(sql, rules)) return null;
  const { projectedSeq } = outboxState(sql);
  const entries = rows<LedgerRow>(
    sql,
    `select ${LEDGER_COLUMNS} from ledger where seq > ? order by seq limit ?`,
    projectedSeq,
    DRAIN_BATCH,
  );
  const stmts: InStatement[] = entries.map((e) => ({
    sql: `insert into ledger_projection (uid, seq, kind, amount, balance_after, reason, reason_key, reason_params, source,
            ref, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict(uid, seq) do nothing`,
    args: [
      uid,
      e.seq,
      e.kind,
      e.amount,
      e.balance_after,
      e.reason,
      e.reason_key,
      e.reason_params,
      e.source,
      e.ref,
      e.created_at,
    ],
  }));
  // Orders of committed redemptions (idempotent inserts; see order-outbox.ts).
  const orders = unprojectedOrders(sql);
  for (const o of orders) stmts.push(orderInsert(uid, o.key, JSON.parse(o.order_json!) as OrderSnapshot));
  const last = entries[entries.length - 1];
  const upToSeq = last ? last.seq : projectedSeq;
  const balance = last
    ? last.balance_after
    : (row<{ balance_after: number }>(sql, "select balance_after from ledger where seq = ?", upToSeq)?.balance_after ??
      0);
  const tier = tierNow(sql, rules);
  // version = the last seq included. ">=" (not ">") so a tier change without new entries (the monthly
  // recalculation) still lands; drains of one wallet are serialised, so an equal version is never older.
  // What expires when, as of now (lots only change with a ledger entry, so every change is followed by a drain).
  const expiring = rows<{ expiresAt: number; points: number }>(
    sql,
    `select expires_at as expiresAt, sum(remaining) as points from lots
      where state = 'open' and remaining > 0 and expires_at is not null group by expires_at order by expires_at`,
  );
  stmts.push({
    sql: `insert into balance_projection (uid, balance, tier, earned_last_12_months, expiring, version, updated_at)
          values (?, ?, ?, ?, ?, ?, ?)
          on conflict(uid) do update set balance = excluded.balance, tier = excluded.tier,
            earned_last_12_months = excluded.earned_last_12_months, expiring = excluded.expiring,
            version = excluded.version, updated_at = excluded.updated_at
          where excluded.version >= balance_projection.version`,
    args: [uid, balance, tier.key, tier.earned12m, JSON.stringify(expiring), upToSeq, realNow],
  });
  const orderKeys = orders.map((o) => o.key);
  return {
    stmts,
    upToSeq,
    sent: entries.length,
    tierKey: tier.key,
    earned12m: tier.earned12m,
    orderKeys,
    markDrained(sql) {
      markOrdersProjected(sql, orderKeys);
      if (orderKeys.length > 0) forgetMemberOrders(uid);
      sql.exec(
        `update outbox_state set projected_seq = max(projected_seq, ?), projected_tier = ?, projected_earned_12m = ?
          where id = 1`,
        upToSeq,
        tier.key,
        tier.earned12m,
      );
    },
  };
}

/** What the kernel drains for this wallet (with the rules it last saw). */
export function walletOutbox(rules: WalletRules | null): OutboxSource {
  return {
    prepare: (sql, realNow) => prepareBatch(sql, rules, realNow),
    label: (sql) => `wallet ${walletUid(sql)}`,
  };
}
