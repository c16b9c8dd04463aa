// The DuibaAccount object's own SQLite storage, versioned like the other objects' (worker/objects).
import { outboxStateTable } from "../objects/outbox";

const V1 = `
-- The member's credits as the merchant last said them, and the config the last call carried (for the alarm).
create table account (
  id integer primary key check (id = 1),
  uid text not null,
  credits integer not null default 0,
  credits_at integer,
  config text
);

-- One row per redemption key: CALLING (扣积分 sent, no answer yet) → COMMITTED | ABORTED; decided once.
-- notice: the 兑换结果通知 — NONE (the merchant was never asked, or refused), PENDING until it answers ok
-- (DONE), FAILED after the last attempt of the schedule. projected: the order row reached Turso.
create table orders (
  key text primary key,
  order_num text not null unique,
  item_id integer,
  qty integer,
  credits integer not null default 0,
  order_json text,
  state text not null check (state in ('CALLING', 'COMMITTED', 'ABORTED')),
  code text,
  biz_id text,
  error_message text,
  started_at integer,
  decided_at integer,
  notice text not null default 'NONE' check (notice in ('NONE', 'PENDING', 'DONE', 'FAILED')),
  notice_success integer,
  notice_attempts integer not null default 0,
  notice_next_at integer,
  projected integer not null default 0
);
create index orders_calling on orders (started_at) where state = 'CALLING';
create index orders_notice on orders (notice_next_at) where notice = 'PENDING';

-- 加积分 by ref: PENDING until the merchant answers (DONE with its bizId, or FAILED on a fail answer).
create table adds (
  ref text primary key,
  order_num text not null unique,
  credits integer not null,
  type text not null,
  description text not null,
  state text not null check (state in ('PENDING', 'DONE', 'FAILED')),
  biz_id text,
  attempts integer not null default 0,
  next_at integer,
  created_at integer not null
);
create index adds_due on adds (next_at) where state = 'PENDING';

-- Every call made to the merchant (the console's log, projected to Turso's duiba_calls).
create table calls (
  seq integer primary key autoincrement,
  kind text not null,
  order_num text,
  request text not null,
  answer text not null,
  outcome text not null,
  http_status integer,
  duration_ms integer not null,
  created_at integer not null
);
${outboxStateTable("projected_seq integer not null default 0")}
`;

// Issue 12: a cancelled order's credits go back to the merchant as a 加积分 (type postsale) under the
// cancellation's ref — refund_ref, once per order (account-object.ts refundOrder).
const V2 = `
alter table orders add column refund_ref text;
alter table orders add column refunded_at integer;
`;

export const MIGRATIONS: readonly string[] = [V1, V2];
