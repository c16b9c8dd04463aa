// The group's projection to Turso (worker/objects/outbox.ts): the whole group — its row, every seat, and the
// order rows of the members served (the redemption flow writes them at once; this is the guarantee when that
// write failed) — as ONE batch of idempotent upserts whenever its rev is past the watermark. A group has at
// most 50 live seats, so the batch stays small. Turso's triggers turn a group becoming completed or failed
// into its webhook event (group.completed / group.failed).
import type { InStatement } from "@libsql/client/web";
import type { Order } from "../../domain";
import type { OutboxBatch, OutboxSource } from "../objects/outbox";
import { num, rows } from "../objects/sql";
import { forgetMemberOrders } from "../orders/orders-page-memo";
import { groupRow, type SeatRow } from "./steps";
import type { GroupDefinition } from "./types";

export function projectedRev(sql: SqlStorage): number {
  return num(sql, "select projected_rev as n from outbox_state where id = 1");
}

export function outboxPending(sql: SqlStorage): boolean {
  const g = groupRow(sql);
  return g !== undefined && g.rev > projectedRev(sql);
}

function orderInsert(o: Order): InStatement {
  return {
    sql: `insert into orders (id, key, uid, item_id, item_name, item_type, qty, points, cash_fen, status, coupon_codes,
            address, created_at, updated_at)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          on conflict(key) do nothing`,
    args: [
      o.id,
      o.key,
      o.uid,
      o.itemId,
      o.itemName,
      o.itemType,
      o.qty,
      o.points,
      o.cashFen,
      o.status,
      JSON.stringify(o.couponCodes),
      o.address ? JSON.stringify(o.address) : null,
      o.createdAt,
      o.updatedAt,
    ],
  };
}

export const groupOutbox: OutboxSource = {
  label: (sql) => `group ${(JSON.parse(groupRow(sql)?.def ?? "{}") as Partial<GroupDefinition>).id ?? "?"}`,
  prepare(sql): OutboxBatch | null {
    const g = groupRow(sql);
    if (!g || g.rev <= projectedRev(sql)) return null;
    const def = JSON.parse(g.def) as GroupDefinition;
    const seats = rows<SeatRow>(sql, "select * from seats order by seq");
    const taken = seats.filter((s) => s.state !== "RELEASED").length;
    const stmts: InStatement[] = [];
    for (const s of seats) {
      if (s.order_json) stmts.push(orderInsert(JSON.parse(s.order_json) as Order));
      stmts.push({
        sql: `insert into group_members (key, group_id, uid, state, points, order_id, code, joined_at, updated_at, rev)
              values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
              on conflict(key) do update set state = excluded.state, order_id = excluded.order_id,
                code = excluded.code, updated_at = excluded.updated_at, rev = excluded.rev
              where excluded.rev > group_members.rev`,
        args: [
          s.key,
          def.id,
          s.uid,
          s.state.toLowerCase(),
          s.points,
          s.order_id,
          s.code,
          s.joined_at,
          s.updated_at,
          g.rev,
        ],
      });
    }
    // The group last: its trigger reads the members just written.
    stmts.push({
      sql: `insert into groups (id, deal_id, item_id, item_name, size, points_price, leader_uid, state, taken, deadline,
              opened_at, completed_at, rev, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict(id) do update set state = excluded.state, taken = excluded.taken,
              completed_at = excluded.completed_at, rev = excluded.rev, updated_at = excluded.updated_at
            where excluded.rev > groups.rev`,
      args: [
        def.id,
        def.dealId,
        def.itemId,
        def.itemName,
        def.size,
        def.price,
        def.leader,
        g.state.toLowerCase(),
        taken,
        def.deadline,
        def.openedAt,
        g.completed_at,
        g.rev,
        g.updated_at,
      ],
    });
    const rev = g.rev;
    const served = [...new Set(seats.filter((s) => s.order_json).map((s) => s.uid))];
    return {
      stmts,
      sent: seats.length + 1,
      markDrained: (s) => {
        s.exec("update outbox_state set projected_rev = max(projected_rev, ?) where id = 1", rev);
        for (const uid of served) forgetMemberOrders(uid);
      },
    };
  },
};
