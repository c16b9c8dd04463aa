// The lottery object's own SQLite storage (ctx.storage.sql), versioned like the wallet's and the stock's: each
// entry of MIGRATIONS runs once, in order, in one synchronous transaction. Times are epoch milliseconds.
import { outboxStateTable } from "../objects/outbox";

const V1 = `
-- The definition as last adopted (the Worker passes Turso's with every call; a newer version replaces it).
create table config (id integer primary key check (id = 1), version integer not null, json text not null);

-- The wallet rules (with the time zone) of the last draw: the alarm acts with them.
create table meta (key text primary key, value text not null);

-- Units awarded per prize (DECIDED or DONE draws); blocked = the prize's item can no longer be ordered.
-- For every prize: awarded <= stock (checked in the step that awards).
create table awards (
  prize_id text primary key,
  awarded integer not null default 0 check (awarded >= 0),
  blocked integer not null default 0
);

-- One row per draw key. PAYING → DECIDED → DONE; PAYING → REFUSED; PAYING | DECIDED → REFUNDING → REFUNDED.
-- A draw counts against the member's limits unless REFUSED or REFUNDED.
create table draws (
  seq integer primary key autoincrement,
  key text not null unique,
  uid text not null,
  day text not null,
  cost integer not null check (cost >= 0),
  free integer not null,
  state text not null check (state in ('PAYING', 'DECIDED', 'DONE', 'REFUNDING', 'REFUNDED', 'REFUSED')),
  prize text,
  prize_kind text,
  order_id text,
  code text,
  address text,
  created_at integer not null,
  updated_at integer not null
);
create index draws_member_idx on draws (uid, day);
create index draws_open_idx on draws (state) where state in ('PAYING', 'DECIDED', 'REFUNDING');
create index draws_won_idx on draws (seq) where state = 'DONE' and prize_kind <> 'none';
`;

// V2: the outbox to Turso's lottery_draws (./outbox.ts). A finished draw is sent once: `projected` marks it
// (draws finish out of seq order, so one watermark cannot); projected_seq is the highest seq sent, for reading.
// Draws finished before V2 are sent by the first drain after it.
const V2 = `
alter table draws add column projected integer not null default 0;
create index draws_unprojected_idx on draws (seq) where projected = 0 and state in ('DONE', 'REFUNDED', 'REFUSED');
${outboxStateTable("projected_seq integer not null default 0")}
`;

// V3: Duiba mode (issue 12). duiba: the merchant's config (JSON) when the draw's cost is the merchant's to take
// (扣积分) and to give back (加积分), null when it is the wallet's.
const V3 = `
alter table draws add column duiba text;
`;

export const MIGRATIONS: readonly string[] = [V1, V2, V3];
