// The stock object's outbox source (the loop, the retry state and the back-off are the kernel's,
// worker/objects/outbox.ts): every write bumps the object's version; a drain sends, as ONE
// client.batch(stmts, "write") of idempotent upserts, the sales (SOLD / RESTOCKED holds) changed after the
// projected_version watermark into stock_sales, completes the coupon orders with their codes, and upserts
// stock_projection with the current counts. On failure the watermark stays and the next attempt backs off
// (1 s doubling to 5 min, as the wallet's); nothing is lost.
import type { InStatement } from "@libsql/client/web";
import { type OutboxBatch, type OutboxSource, type RetryState, retryState } from "../objects/outbox";
import { row, rows } from "../objects/sql";
import { forgetMemberOrders } from "../orders/orders-page-memo";
import { holdCodes, itemRow, snapshot, statusOf, type HoldRow } from "./state";

export type { BatchClient } from "../objects/outbox";

export const SALES_PER_BATCH = 200;

export type StockOutboxState = RetryState & { projectedVersion: number };

export function outboxState(sql: SqlStorage): StockOutboxState {
  const r = row<{ projected_version: number }>(sql, "select projected_version from outbox_state where id = 1");
  return { projectedVersion: r?.projected_version ?? 0, ...retryState(sql) };
}

export function drainPending(sql: SqlStorage): boolean {
  const item = itemRow(sql);
  return item !== undefined && item.version > outboxState(sql).projectedVersion;
}

export type PreparedBatch = OutboxBatch & { upTo: number };

export function prepareBatch(sql: SqlStorage, realNow: number, shard = 0): PreparedBatch | null {
  const s = snapshot(sql);
  if (!s) return null;
  const { projectedVersion } = outboxState(sql);
  if (s.item.version <= projectedVersion) return null;
  const sales = rows<HoldRow>(
    sql,
    "select * from holds where version > ? and state in ('SOLD', 'RESTOCKED') order by version limit ?",
    projectedVersion,
    SALES_PER_BATCH + 1,
  );
  const more = sales.length > SALES_PER_BATCH;
  const batch = sales.slice(0, SALES_PER_BATCH);
  const upTo = more ? batch[batch.length - 1]!.version : s.item.version;
  const stmts: InStatement[] = [];
  for (const h of batch) {
    const codes = JSON.stringify(holdCodes(h));
    const state = h.state === "SOLD" ? "sold" : "restocked";
    stmts.push({
      sql: `insert into stock_sales (key, item_id, uid, qty, state, coupon_codes, version, sold_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict(key) do update set state = excluded.state, coupon_codes = excluded.coupon_codes,
              version = excluded.version, updated_at = excluded.updated_at
            where excluded.version > stock_sales.version`,
      args: [h.key, s.item.item_id, h.uid, h.qty, state, codes, h.version, h.sold_at ?? h.updated_at, h.updated_at],
    });
    if (s.item.type === "coupon" && h.state === "SOLD") {
      // The order may not be in Turso yet (the wallet's outbox inserts it, reading stock_sales): then this
      // updates nothing and the wallet's insert lands it completed.
      stmts.push({
        sql: "update orders set status = 'completed', coupon_codes = ?, updated_at = max(updated_at, ?) where key = ? and status = 'placed'",
        args: [codes, h.sold_at ?? h.updated_at, h.key],
      });
    }
  }
  const completed = new Set(batch.filter((h) => s.item.type === "coupon" && h.state === "SOLD").map((h) => h.uid));
  const st = statusOf(s);
  // This object's own row, then the item's projection as the sum of its shards' rows (one shard: the same
  // numbers). Each row only moves forward (version), so batches of several shards in any order add up.
  stmts.push({
    sql: `insert into stock_shard_projection (item_id, shard, on_hand, held, sold, codes_left, version, updated_at)
          values (?, ?, ?, ?, ?, ?, ?, ?)
          on conflict(item_id, shard) do update set on_hand = excluded.on_hand, held = excluded.held,
            sold = excluded.sold, codes_left = excluded.codes_left, version = excluded.version,
            updated_at = excluded.updated_at
          where excluded.version >= stock_shard_projection.version`,
    args: [st.itemId, shard, st.available, st.held, st.sold, st.codesLeft, st.version, realNow],
  });
  stmts.push({
    sql: `insert into stock_projection (item_id, on_hand, held, sold, codes_left, version, updated_at)
          select item_id, sum(on_hand), sum(held), sum(sold), sum(codes_left), sum(version), ?
            from stock_shard_projection where item_id = ? group by item_id
          on conflict(item_id) do update set on_hand = excluded.on_hand, held = excluded.held, sold = excluded.sold,
            codes_left = excluded.codes_left, version = excluded.version, updated_at = excluded.updated_at`,
    args: [realNow, st.itemId],
  });
  return {
    stmts,
    upTo,
    sent: batch.length,
    markDrained(sql) {
      sql.exec("update outbox_state set projected_version = max(projected_version, ?) where id = 1", upTo);
      for (const uid of completed) forgetMemberOrders(uid);
    },
  };
}

/** The outbox of shard `shard` of its item (worker/stock/shards.ts; 0 = the object named by the item id). */
export function stockOutboxFor(shard: number): OutboxSource {
  return {
    prepare: (sql, realNow) => prepareBatch(sql, realNow, shard),
    label: (sql) => `stock item ${itemRow(sql)?.item_id}${shard === 0 ? "" : ` shard ${shard}`}`,
  };
}
