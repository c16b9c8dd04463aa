// The wallet object's own SQLite storage (ctx.storage.sql). Versioned: each entry of MIGRATIONS runs once,
// in order, inside one synchronous transaction, and the version is recorded in schema_version.
// Times are epoch milliseconds; points are integers.
import { outboxStateTable } from "../objects/outbox";
import { REFS_TABLE } from "../objects/refs";

const V1 = `
-- The member this wallet belongs to (one row). bonus_points: null until ensureMember decided the new-member
-- bonus, then the points granted (0 when the rules granted none).
create table member (
  id integer primary key check (id = 1),
  uid text not null,
  created_at integer not null,
  bonus_points integer,
  bonus_at integer
);

-- Points lots: every earning creates one; debits take from remaining, earliest expiry first.
-- state 'expired' once the expiry pass has handled the lot (it expires once).
create table lots (
  id integer primary key,
  amount integer not null check (amount > 0),
  remaining integer not null check (remaining >= 0 and remaining <= amount),
  earned_at integer not null,
  expires_at integer,
  source text not null,
  entry_seq integer not null unique,
  state text not null default 'open' check (state in ('open', 'expired')),
  expired_seq integer
);
create index lots_open_expiry on lots (state, expires_at);

-- The append-only ledger (also the outbox: entries after outbox_state.projected_seq are not yet in Turso).
create table ledger (
  seq integer primary key,
  kind text not null check (kind in ('earned', 'spent', 'refunded', 'expired', 'adjusted')),
  amount integer not null check (amount <> 0),
  balance_after integer not null check (balance_after >= 0),
  reason text not null,
  source text not null,
  ref text not null,
  created_at integer not null,
  expires_at integer
);
create index ledger_ref on ledger (ref);
create index ledger_kind_time on ledger (kind, created_at);

-- Which lots each debit (deduct, reverse, expiry, later spend) took from, and how much.
create table lot_moves (
  entry_seq integer not null,
  lot_id integer not null,
  amount integer not null check (amount > 0),
  primary key (entry_seq, lot_id)
);
create index lot_moves_lot on lot_moves (lot_id);

${REFS_TABLE}
-- Reversals of earnings: how much each took back and what it could not (shortfall).
create table reversals (
  ref text primary key,
  earn_seq integer not null,
  target integer not null,
  taken integer not null,
  shortfall integer not null,
  entry_seq integer,
  created_at integer not null
);
create index reversals_earn on reversals (earn_seq);

-- One row per merchant-local check-in day.
create table checkins (
  local_date text primary key,
  streak integer not null,
  points integer not null,
  entry_seq integer,
  created_at integer not null
);

-- The tier as last calculated (on earnings, reversals, the monthly recalculation and recalcTier).
-- month: the local month (YYYY-MM) of computed_at, to run the monthly recalculation once per month.
create table tier_state (
  id integer primary key check (id = 1),
  tier_key text not null,
  earned_12m integer not null,
  computed_at integer not null,
  month text not null
);

-- The rules (and time zone) of the latest call, so the alarm can act without a request.
create table rules_state (
  id integer primary key check (id = 1),
  json text not null,
  updated_at integer not null
);

${outboxStateTable(`
  projected_seq integer not null default 0,
  projected_tier text,
  projected_earned_12m integer
`)}`;

// Redemptions (docs/architecture.md §3): the decision log of redemption keys, the orders they made, and what refunds
// gave back to lots.
const V2 = `
-- One row per redemption key the wallet has decided: COMMITTED (points spent, order recorded) or ABORTED
-- (code: INSUFFICIENT_POINTS when spend was refused for want of points, ABORTED when resolve() came first).
-- A decision is final. order_projected: the order has reached Turso's orders (the outbox).
create table redemptions (
  key text primary key,
  state text not null check (state in ('COMMITTED', 'ABORTED')),
  code text,
  points integer not null default 0 check (points >= 0),
  entry_seq integer,
  order_id text,
  order_json text,
  result text,
  decided_at integer not null,
  order_projected integer not null default 0,
  refund_ref text,
  refund_seq integer,
  refunded_at integer
);
create index redemptions_unprojected on redemptions (decided_at) where state = 'COMMITTED' and order_projected = 0;

-- What each refund entry gave back to which lot (the reverse of lot_moves). A lot's remaining =
-- amount - sum(lot_moves) + sum(lot_returns).
create table lot_returns (
  entry_seq integer not null,
  lot_id integer not null,
  amount integer not null check (amount > 0),
  primary key (entry_seq, lot_id)
);
create index lot_returns_lot on lot_returns (lot_id);
`;

// A redemption key means one (member, item, qty) forever (issue 14): the decision records the item and the
// quantity the key was first used with, so a later call with another item or quantity is KEY_REUSED. Keys
// committed before this version carry them in their order snapshot; keys aborted before it have none (null:
// any item and quantity replay their refusal, which hands nothing out).
const V3 = `
alter table redemptions add column item_id integer;
alter table redemptions add column qty integer;
update redemptions set item_id = json_extract(order_json, '$.itemId'), qty = json_extract(order_json, '$.qty')
  where order_json is not null;
`;

// Ledger reasons the wallet writes itself (check-in, new-member bonus, expiry, redemption) are stored as the
// catalogue key and its parameters, so the edge renders them in the reader's locale; a caller's reason
// (earn, deduct, adjust, refund…) stays its text in \`reason\`. Rows written before keep their text and
// render as stored (reason_key null).
const V4 = `
alter table ledger add column reason_key text;
alter table ledger add column reason_params text;
`;

// Issue 8: the member's birthday (生日双倍积分; YYYY-MM-DD, set once by the member, or by the merchant's API at
// any time), and check-in days made up (补签) — made_up = 1, with the ledger seq of the cost paid (null for a
// free make-up).
const V5 = `
alter table member add column birthday text;
alter table member add column birthday_set_by text;
alter table checkins add column made_up integer not null default 0;
alter table checkins add column cost_seq integer;
`;

// Issue 12 (兑吧兼容): a member who came in through a Duiba autologin link (duiba_linked), and the 加积分 the
// wallet owes the merchant for their earnings (./duiba-forward.ts): one row per earning ref, written in the
// same step as the earning, PENDING until the member's DuibaAccount has taken it (DONE), SKIPPED when the mall
// was back in its own mode by then (the points stay the wallet's, where they already are).
const V6 = `
alter table member add column duiba_linked integer not null default 0;
create table forwards (
  ref text primary key,
  credits integer not null check (credits > 0),
  kind text not null check (kind in ('checkin', 'task', 'lottery')),
  state text not null default 'PENDING' check (state in ('PENDING', 'DONE', 'SKIPPED')),
  attempts integer not null default 0,
  next_at integer,
  last_error text,
  created_at integer not null,
  done_at integer
);
create index forwards_due on forwards (next_at) where state = 'PENDING';
`;

// Issue 12 (兑吧兼容): a 补签 whose cost is the merchant's 扣积分 (./makeup-hold.ts). One row per day: PENDING from
// the wallet's checks until the member's DuibaAccount decided the attempt's 扣积分 (key makeup:<date>:<attempt>),
// then DONE (the day filled) or RELEASED (nothing filled; the next try is attempt + 1, a new orderNum). A PENDING
// row counts against the month's allowance; due_at (real time) is when the alarm asks the DuibaAccount itself.
const V7 = `
create table makeup_holds (
  local_date text primary key,
  attempt integer not null check (attempt > 0),
  cost integer not null check (cost > 0),
  state text not null check (state in ('PENDING', 'RELEASED', 'DONE')),
  created_at integer not null,
  due_at integer
);
create index makeup_holds_due on makeup_holds (due_at) where state = 'PENDING';
`;

export const MIGRATIONS: readonly string[] = [V1, V2, V3, V4, V5, V6, V7];

export const SCHEMA_VERSION = MIGRATIONS.length;
