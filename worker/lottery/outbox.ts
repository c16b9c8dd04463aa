// The lottery's projection to Turso (worker/objects/outbox.ts): every finished draw (DONE, REFUNDED, REFUSED)
// not yet sent, as ONE batch of `insert … on conflict do nothing` into `lottery_draws`, up to 100 draws a batch.
// A final draw never changes, so each row is written once; the watermark is the draw's own `projected` flag
// (draws finish out of seq order). Turso's trigger turns a draw that lands done with a prize into its webhook
// event (lottery.won, migration 0019_games); a replayed batch inserts nothing and so fires nothing.
import type { InStatement } from "@libsql/client/web";
import type { OutboxBatch, OutboxSource } from "../objects/outbox";
import { rows } from "../objects/sql";
import { storedConfig } from "./steps";
import type { PrizeView } from "./types";

const BATCH = 100;
const FINAL = "state in ('DONE', 'REFUNDED', 'REFUSED')";

type Unsent = {
  seq: number;
  key: string;
  uid: string;
  day: string;
  cost: number;
  free: number;
  state: string;
  prize: string | null;
  order_id: string | null;
  code: string | null;
  created_at: number;
  updated_at: number;
};

export function outboxPending(sql: SqlStorage): boolean {
  return rows(sql, `select 1 from draws where projected = 0 and ${FINAL} limit 1`).length > 0;
}

export const lotteryOutbox: OutboxSource = {
  label: (sql) => `lottery ${storedConfig(sql)?.config.id ?? "?"}`,
  prepare(sql): OutboxBatch | null {
    const v = storedConfig(sql);
    if (!v) return null;
    const unsent = rows<Unsent>(
      sql,
      `select seq, key, uid, day, cost, free, state, prize, order_id, code, created_at, updated_at
         from draws where projected = 0 and ${FINAL} order by seq limit ${BATCH}`,
    );
    if (unsent.length === 0) return null;
    const { id, name } = v.config;
    const stmts: InStatement[] = unsent.map((d) => {
      const p = d.prize ? (JSON.parse(d.prize) as PrizeView) : null;
      return {
        sql: `insert into lottery_draws (key, lottery_id, lottery_name, seq, uid, state, cost, free, day, prize_id,
                prize_name, prize_kind, prize_points, item_id, order_id, code, created_at, updated_at)
              values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
              on conflict(lottery_id, key) do nothing`,
        args: [
          d.key,
          id,
          name,
          d.seq,
          d.uid,
          d.state.toLowerCase(),
          d.cost,
          d.free,
          d.day,
          p?.id ?? null,
          p?.name ?? null,
          p?.kind ?? null,
          p?.points ?? null,
          p?.itemId ?? null,
          d.order_id,
          d.code,
          d.created_at,
          d.updated_at,
        ],
      };
    });
    const last = unsent[unsent.length - 1]!.seq;
    const keys = unsent.map((d) => d.seq);
    return {
      stmts,
      sent: unsent.length,
      markDrained: (s) => {
        s.exec(`update draws set projected = 1 where seq in (${keys.map(() => "?").join(", ")})`, ...keys);
        s.exec("update outbox_state set projected_seq = max(projected_seq, ?) where id = 1", last);
      },
    };
  },
};
