// The orders the wallet's committed redemptions made, on their way to Turso's `orders` (with the ledger
// entries, in the same outbox batch). The insert is idempotent (`on conflict do nothing`: a replay, or an
// order the merchant has since changed, is left alone) and commutes with the stock object's projection of
// the sale: if the stock outbox got there first (stock_sales has the key), a coupon order is inserted
// `completed` with its codes at once; otherwise it is inserted `placed` and the stock outbox completes it.
import type { InStatement } from "@libsql/client/web";
import type { RedemptionRow } from "./redemptions";
import type { OrderSnapshot } from "./types";
import { rows } from "../objects/sql";

export const ORDERS_PER_BATCH = 100;

export function unprojectedOrders(sql: SqlStorage, limit = ORDERS_PER_BATCH): RedemptionRow[] {
  return rows<RedemptionRow>(
    sql,
    "select * from redemptions where state = 'COMMITTED' and order_projected = 0 order by decided_at, key limit ?",
    limit,
  );
}

export function hasUnprojectedOrders(sql: SqlStorage): boolean {
  return unprojectedOrders(sql, 1).length > 0;
}

export function orderInsert(uid: string, key: string, o: OrderSnapshot): InStatement {
  return {
    sql: `insert into orders (id, key, uid, item_id, item_name, item_type, qty, points, cash_fen, status, coupon_codes,
            address, created_at, updated_at)
          select ?, ?, ?, ?, ?, ?, ?, ?, ?,
            case when ? = 'coupon' and s.key is not null then 'completed' else 'placed' end,
            case when ? = 'coupon' and s.key is not null then s.coupon_codes else '[]' end,
            ?, ?, coalesce(max(s.updated_at, ?), ?)
          from (select 1) left join stock_sales s on s.key = ?
          where true
          on conflict do nothing`,
    args: [
      o.id,
      key,
      uid,
      o.itemId,
      o.itemName,
      o.itemType,
      o.qty,
      o.points,
      o.cashFen,
      o.itemType,
      o.itemType,
      o.address ? JSON.stringify(o.address) : null,
      o.createdAt,
      o.createdAt,
      o.createdAt,
      key,
    ],
  };
}

export function markOrdersProjected(sql: SqlStorage, keys: string[]): void {
  for (const key of keys) sql.exec("update redemptions set order_projected = 1 where key = ?", key);
}
